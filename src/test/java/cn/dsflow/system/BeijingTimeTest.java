package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A time a person reads is Beijing time, whatever the server's zone (the suite runs in UTC). */
class BeijingTimeTest {

  @Test
  void aTimeToTheSecondIsBeijingTime() {
    assertThat(BeijingTime.second(Instant.parse("2026-12-01T15:59:59Z"))).isEqualTo("2026-12-01 23:59:59");
    assertThat(BeijingTime.second(Instant.parse("2026-12-01T16:00:00Z"))).isEqualTo("2026-12-02 00:00:00");
    assertThat(BeijingTime.second(null)).isEqualTo("-");
  }

  @Test
  void theDayOfAnInstantIsItsBeijingDay_theUtcAfternoonIsAlreadyTomorrow() {
    assertThat(BeijingTime.day(Instant.parse("2026-12-01T15:59:59Z"))).isEqualTo("2026-12-01");
    assertThat(BeijingTime.day(Instant.parse("2026-12-01T16:00:00Z"))).isEqualTo("2026-12-02");
  }
}
