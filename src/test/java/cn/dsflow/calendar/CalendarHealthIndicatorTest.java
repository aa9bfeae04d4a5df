package cn.dsflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class CalendarHealthIndicatorTest {

  static Status statusOn(LocalDate today) {
    Health.Builder builder = Health.unknown();
    CalendarHealthIndicator.check(builder, WorkingDayCalendarTest.CALENDAR, today);
    return builder.build().getStatus();
  }

  @Test
  void upInNovemberWithoutNextYear() {
    assertThat(statusOn(LocalDate.of(2026, 11, 30))).isEqualTo(Status.UP);
  }

  @Test
  void warnsFromFirstOfDecemberWhenNextYearIsMissing() {
    assertThat(statusOn(LocalDate.of(2026, 12, 1))).isEqualTo(CalendarHealthIndicator.WARNING);
  }

  @Test
  void upInDecemberWhenNextYearIsPresent() {
    assertThat(statusOn(LocalDate.of(2025, 12, 1))).isEqualTo(Status.UP);
  }

  @Test
  void downWhenTheCurrentYearIsMissing() {
    assertThat(statusOn(LocalDate.of(2027, 1, 1))).isEqualTo(Status.DOWN);
  }
}
