package cn.dsflow.calendar;

import java.time.LocalDate;
import java.time.Month;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * WARNING while any open deadline rests on a year derived from the holiday law, while this year is derived, and from
 * 1 December while next year's notice is missing (deadlines set in December reach into January): each needs the
 * operator's yearly step. DOWN only when this year cannot be answered at all.
 */
@Component("workingDayCalendar")
class CalendarHealthIndicator extends AbstractHealthIndicator {

  static final Status WARNING = new Status("WARNING", "holiday data from the State Council notice are missing");

  private final WorkingDayCalendar calendar;
  private final ProvisionalDeadlines deadlines;

  CalendarHealthIndicator(WorkingDayCalendar calendar, ProvisionalDeadlines deadlines) {
    this.calendar = calendar;
    this.deadlines = deadlines;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetail("years", calendar.years());
    check(builder, calendar, calendar.today(), deadlines.openCount());
  }

  static void check(Health.Builder builder, WorkingDayCalendar calendar, LocalDate today, int openProvisionalDeadlines) {
    int year = today.getYear();
    String action = "load cn-%d.json from the State Council notice: PUT /api/calendar/years/%d or DSFLOW_CALENDAR_DIR";
    if (!calendar.hasYear(year) && !calendar.isProvisional(year)) {
      builder.down().withDetail("missing", year);
    } else if (!calendar.hasYear(year)) {
      builder.status(WARNING).withDetail("provisional", year).withDetail("action", action.formatted(year, year));
    } else if (openProvisionalDeadlines > 0) {
      int next = calendar.years().last() + 1;
      builder.status(WARNING).withDetail("provisionalDeadlines", openProvisionalDeadlines)
          .withDetail("action", action.formatted(next, next));
    } else if (today.getMonth() == Month.DECEMBER && !calendar.hasYear(year + 1)) {
      builder.status(WARNING).withDetail("missing", year + 1).withDetail("action", action.formatted(year + 1, year + 1));
    } else {
      builder.up();
    }
  }
}
