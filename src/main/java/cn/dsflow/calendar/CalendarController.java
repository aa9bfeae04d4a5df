package cn.dsflow.calendar;

import cn.dsflow.system.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lets operators and other systems ask the same calendar the engine uses. */
@RestController
@RequestMapping("/api/calendar")
class CalendarController {

  static final int MAX_WORKING_DAYS = 1000;

  private final WorkingDayCalendar calendar;

  CalendarController(WorkingDayCalendar calendar) {
    this.calendar = calendar;
  }

  @GetMapping("/working-days/{date}")
  Map<String, Object> workingDay(@PathVariable String date) {
    LocalDate day;
    try {
      day = LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("date", "日期格式应为 yyyy-MM-dd (date must be yyyy-MM-dd): " + date);
    }
    DayInfo info = answer(() -> calendar.describe(day));
    return Map.of("date", info.date().toString(), "workingDay", info.workingDay(), "reason", info.reason());
  }

  @GetMapping("/deadline")
  Map<String, Object> deadline(@RequestParam String from, @RequestParam int workingDays) {
    Instant start;
    try {
      start = OffsetDateTime.parse(from).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("from", "from 应为带时区偏移的 ISO-8601 时刻 (an ISO-8601 instant with offset): " + from);
    }
    if (workingDays < 1 || workingDays > MAX_WORKING_DAYS) {
      throw ApiException.badRequest("workingDays", "workingDays 应在 1 到 " + MAX_WORKING_DAYS + " 之间");
    }
    Instant due = answer(() -> calendar.deadline(start, workingDays));
    return Map.of(
        "from", from,
        "workingDays", workingDays,
        "deadline", due.atZone(WorkingDayCalendar.ZONE).toOffsetDateTime().toString());
  }

  private static <T> T answer(java.util.function.Supplier<T> question) {
    try {
      return question.get();
    } catch (CalendarYearMissingException e) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "calendar_year_missing", e.getMessage());
    }
  }
}
