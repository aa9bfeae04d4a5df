package cn.dsflow.calendar;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.ApiException;
import cn.dsflow.system.BeijingTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lets operators and other systems ask the same calendar the engine uses, and administrators load a year. */
@RestController
@RequestMapping("/api/calendar")
class CalendarController {

  static final int MAX_WORKING_DAYS = 1000;

  /** A notice covers the coming year; two years ahead is the furthest plausible load, anything later is a typo. */
  static final int MAX_YEARS_AHEAD = 2;
  static final int MAX_FILE_CHARS = 64 * 1024;

  private final WorkingDayCalendar calendar;
  private final OfficialYears officialYears;
  private final ProvisionalDeadlines deadlines;
  private final CurrentUser currentUser;
  private final AuditChain audit;

  CalendarController(WorkingDayCalendar calendar, OfficialYears officialYears, ProvisionalDeadlines deadlines,
      CurrentUser currentUser, AuditChain audit) {
    this.calendar = calendar;
    this.officialYears = officialYears;
    this.deadlines = deadlines;
    this.currentUser = currentUser;
    this.audit = audit;
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
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("date", info.date().toString());
    body.put("workingDay", info.workingDay());
    body.put("reason", info.reason());
    if (info.provisional()) {
      body.put("provisional", true);
    }
    return body;
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
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", from);
    body.put("workingDays", workingDays);
    body.put("deadline", BeijingTime.iso(due));
    if (!calendar.provisionalYears(Date.from(start), Date.from(due)).isEmpty()) {
      body.put("provisional", true);
    }
    return body;
  }

  /** The official years in force and where they came from, the years that would be derived, open provisional deadlines. */
  @GetMapping("/years")
  Map<String, Object> years() {
    int year = calendar.today().getYear();
    List<Integer> provisional = new ArrayList<>();
    for (int y = year - 1; y <= year + calendar.yearsAhead(); y++) {
      if (calendar.isProvisional(y)) {
        provisional.add(y);
      }
    }
    return Map.of("official", officialYears.describe(), "provisional", provisional,
        "openProvisionalDeadlines", deadlines.openCount());
  }

  /**
   * An administrator loads one year's State Council notice (the same JSON as {@code cn-YYYY.json}). It applies on
   * every node at once (it is stored in the database), and the provisional deadlines it decides are moved.
   */
  @PutMapping(path = "/years/{year}", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> load(@PathVariable int year, @RequestBody String content) {
    String user = currentUser.id();
    try {
      if (!currentUser.isIn(Group.ADMIN)) {
        throw ApiException.forbidden("只有管理员可以载入节假日数据 (only an administrator loads holiday data)");
      }
      HolidayYear parsed = validate(year, content);
      OfficialYears.Loaded loaded = officialYears.upload(parsed, content, user);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("year", parsed.year());
      body.put("source", parsed.source());
      body.put("daysOff", parsed.daysOff().size());
      body.put("makeUpWorkdays", parsed.makeUpWorkdays().size());
      body.put("deadlinesMoved", loaded.moved());
      body.put("openProvisionalDeadlines", deadlines.openCount());
      return body;
    } catch (ApiException e) {
      audit.appendIndependently("CALENDAR_LOAD_REFUSED", user, "calendar", String.valueOf(year),
          Map.of("code", e.code(), "reason", e.getMessage()));
      throw e;
    }
  }

  private HolidayYear validate(int year, String content) {
    int thisYear = calendar.today().getYear();
    if (year < HolidayLaw.FIRST_YEAR - 1 || year > thisYear + MAX_YEARS_AHEAD) {
      throw ApiException.badRequest("year", "年份应在 " + (HolidayLaw.FIRST_YEAR - 1) + " 到 " + (thisYear + MAX_YEARS_AHEAD)
          + " 之间 (year out of range): " + year);
    }
    if (content.length() > MAX_FILE_CHARS) {
      throw ApiException.badRequest("content", "节假日文件过大 (file too large): 最多 " + MAX_FILE_CHARS + " 字符");
    }
    HolidayYear parsed;
    try {
      parsed = officialYears.parse(content, "upload");
    } catch (IllegalStateException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_calendar_file",
          "节假日文件无效 (invalid holiday file): " + e.getMessage());
    }
    if (parsed.year() != year) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_calendar_file",
          "文件中的年份 " + parsed.year() + " 与地址中的年份 " + year + " 不一致 (the file's year differs from the URL's)", "year");
    }
    if (parsed.daysOff().isEmpty()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_calendar_file",
          "国务院通知总有放假日，文件没有列出 (a notice always lists days off; holidays is empty)", "holidays");
    }
    return parsed;
  }

  private static <T> T answer(java.util.function.Supplier<T> question) {
    try {
      return question.get();
    } catch (CalendarYearMissingException e) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "calendar_year_missing", e.getMessage());
    }
  }
}
