package cn.dsflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.EngineClock;
import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

@ExtendWith(EngineClock.class)
class CalendarHealthIndicatorTest {

  static Status statusOn(LocalDate today, int openProvisionalDeadlines) {
    ClockUtil.setCurrentTime(Date.from(today.atTime(10, 0).atZone(WorkingDayCalendar.ZONE).toInstant()));
    Health.Builder builder = Health.unknown();
    CalendarHealthIndicator.check(builder, WorkingDayCalendarTest.CALENDAR, today, openProvisionalDeadlines);
    return builder.build().getStatus();
  }

  @Test
  void upInNovemberWithoutNextYear() {
    assertThat(statusOn(LocalDate.of(2026, 11, 30), 0)).isEqualTo(Status.UP);
  }

  @Test
  void warnsFromFirstOfDecemberWhenNextYearIsMissing() {
    assertThat(statusOn(LocalDate.of(2026, 11, 30), 0)).isEqualTo(Status.UP);
    assertThat(statusOn(LocalDate.of(2026, 12, 1), 0)).isEqualTo(CalendarHealthIndicator.WARNING);
  }

  @Test
  void upInDecemberWhenNextYearIsPresent() {
    assertThat(statusOn(LocalDate.of(2025, 12, 1), 0)).isEqualTo(Status.UP);
  }

  @Test
  void warnsWhileOneOpenDeadlineIsProvisional_evenBeforeDecember() {
    assertThat(statusOn(LocalDate.of(2026, 6, 1), 1)).isEqualTo(CalendarHealthIndicator.WARNING);
    assertThat(statusOn(LocalDate.of(2026, 6, 1), 0)).isEqualTo(Status.UP);
  }

  @Test
  void warnsWhenTheCurrentYearIsOnlyDerived() {
    assertThat(statusOn(LocalDate.of(2027, 1, 4), 0)).isEqualTo(CalendarHealthIndicator.WARNING);
  }

  @Test
  void downWhenTheCurrentYearCannotBeAnsweredAtAll() {
    assertThat(statusOn(LocalDate.of(2023, 6, 1), 0)).isEqualTo(Status.DOWN);
  }
}
