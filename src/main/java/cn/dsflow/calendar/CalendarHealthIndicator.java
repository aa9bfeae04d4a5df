package cn.dsflow.calendar;

import java.time.LocalDate;
import java.time.Month;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * From 1 December the calendar needs next year's data (deadlines set in December reach into January). Missing data
 * shows as WARNING; missing data for the current year is DOWN, since deadlines cannot be computed at all.
 */
@Component("workingDayCalendar")
class CalendarHealthIndicator extends AbstractHealthIndicator {

  static final Status WARNING = new Status("WARNING", "next year's holiday data is missing");

  private final WorkingDayCalendar calendar;

  CalendarHealthIndicator(WorkingDayCalendar calendar) {
    this.calendar = calendar;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetail("years", calendar.years());
    check(builder, calendar, calendar.today());
  }

  static void check(Health.Builder builder, WorkingDayCalendar calendar, LocalDate today) {
    int year = today.getYear();
    if (!calendar.hasYear(year)) {
      builder.down().withDetail("missing", year);
    } else if (today.getMonth() == Month.DECEMBER && !calendar.hasYear(year + 1)) {
      builder.status(WARNING).withDetail("missing", year + 1)
          .withDetail("action", "add cn-" + (year + 1) + ".json from the State Council notice to DSFLOW_CALENDAR_DIR");
    } else {
      builder.up();
    }
  }
}
