package cn.dsflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.EngineClockAt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkingDayCalendarTest {

  static final WorkingDayCalendar CALENDAR = new WorkingDayCalendar(new HolidayDataLoader().load(null));

  @Test
  void shipsTheOfficialYears2024To2026() {
    assertThat(CALENDAR.years()).containsExactly(2024, 2025, 2026);
  }

  @Test
  void weekendsAreNotWorkingDays() {
    assertThat(CALENDAR.isWorkingDay(LocalDate.of(2026, 11, 28))).isFalse(); // Saturday
    assertThat(CALENDAR.isWorkingDay(LocalDate.of(2026, 11, 29))).isFalse(); // Sunday
    assertThat(CALENDAR.isWorkingDay(LocalDate.of(2026, 11, 30))).isTrue(); // Monday
    assertThat(CALENDAR.describe(LocalDate.of(2026, 11, 28)).reason()).contains("周末");
  }

  @Test
  void statutoryHolidayOnAWeekdayIsNotAWorkingDay() {
    DayInfo nationalDay = CALENDAR.describe(LocalDate.of(2026, 10, 1)); // Thursday
    assertThat(nationalDay.workingDay()).isFalse();
    assertThat(nationalDay.reason()).contains("国庆节");
    assertThat(CALENDAR.isWorkingDay(LocalDate.of(2025, 1, 28))).isFalse(); // 2025 Spring Festival eve, Tuesday
    assertThat(CALENDAR.isWorkingDay(LocalDate.of(2024, 6, 10))).isFalse(); // 2024 Dragon Boat, Monday
  }

  @Test
  void makeUpSaturdayAndSundayAreWorkingDays() {
    DayInfo saturday = CALENDAR.describe(LocalDate.of(2026, 10, 10));
    assertThat(saturday.workingDay()).isTrue();
    assertThat(saturday.reason()).contains("调休上班");
    assertThat(CALENDAR.isWorkingDay(LocalDate.of(2026, 9, 20))).isTrue(); // Sunday
    assertThat(CALENDAR.isWorkingDay(LocalDate.of(2026, 1, 4))).isTrue(); // Sunday after New Year
    assertThat(CALENDAR.isWorkingDay(LocalDate.of(2025, 2, 8))).isTrue(); // Saturday after Spring Festival
    assertThat(CALENDAR.isWorkingDay(LocalDate.of(2024, 2, 4))).isTrue(); // Sunday before Spring Festival
  }

  @Test
  void theStartDayNeverCountsEvenWhenItIsAWorkingDay() {
    // Tuesday 2026-11-24 + 1 working day = Wednesday, not Tuesday itself
    assertThat(CALENDAR.plusWorkingDays(LocalDate.of(2026, 11, 24), 1)).isEqualTo(LocalDate.of(2026, 11, 25));
    assertThat(CALENDAR.plusWorkingDays(LocalDate.of(2026, 11, 27), 1)).isEqualTo(LocalDate.of(2026, 11, 30));
  }

  @Test
  void fiveWorkingDaysAcrossSpringFestival2026() {
    // Fri 13 Feb; 14 Feb (Sat) is a make-up day (1); 15–23 Feb off; 24, 25, 26, 27 Feb are 2..5
    assertThat(CALENDAR.plusWorkingDays(LocalDate.of(2026, 2, 13), 5)).isEqualTo(LocalDate.of(2026, 2, 27));
    // 28 Feb (Sat) is a make-up day too
    assertThat(CALENDAR.plusWorkingDays(LocalDate.of(2026, 2, 27), 1)).isEqualTo(LocalDate.of(2026, 2, 28));
  }

  @Test
  void fiveWorkingDaysAcrossNationalDay2026() {
    // 30 Sep → 8 Oct (1), 9 Oct (2), 10 Oct make-up Saturday (3), 12 Oct (4), 13 Oct (5)
    assertThat(CALENDAR.plusWorkingDays(LocalDate.of(2026, 9, 30), 5)).isEqualTo(LocalDate.of(2026, 10, 13));
  }

  @Test
  void minusWorkingDaysSkipsHolidaysBackwards() {
    assertThat(CALENDAR.minusWorkingDays(LocalDate.of(2026, 10, 8), 1)).isEqualTo(LocalDate.of(2026, 9, 30));
    assertThat(CALENDAR.minusWorkingDays(LocalDate.of(2026, 10, 12), 1)).isEqualTo(LocalDate.of(2026, 10, 10));
  }

  @Test
  void deadlineIsEndOfBeijingDayEvenWhenTheServerRunsInUtc() {
    TimeZone original = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    try {
      // 17:30 UTC on Monday 23 Nov is 01:30 on Tuesday 24 Nov in Beijing: the day that does not count is Tuesday
      Instant from = Instant.parse("2026-11-23T17:30:00Z");
      Instant due = CALENDAR.deadline(from, 1);
      assertThat(due).isEqualTo(OffsetDateTime.parse("2026-11-25T23:59:59+08:00").toInstant());
      assertThat(CALENDAR.deadline(Date.from(from), 1)).isEqualTo(Date.from(due));
    } finally {
      TimeZone.setDefault(original);
    }
  }

  @Test
  void deadlineFromANonWorkingDayCountsFromTheNextWorkingDay() {
    Instant saturday = OffsetDateTime.parse("2026-10-03T09:00:00+08:00").toInstant();
    assertThat(CALENDAR.deadline(saturday, 1)).isEqualTo(OffsetDateTime.parse("2026-10-08T23:59:59+08:00").toInstant());
  }

  @Test
  @EngineClockAt("2026-12-20T10:00:00+08:00")
  void aYearWithoutTheNoticeIsDerivedAndMarkedProvisional() {
    DayInfo springFestival = CALENDAR.describe(LocalDate.of(2027, 2, 8));
    assertThat(springFestival.workingDay()).isFalse();
    assertThat(springFestival.provisional()).isTrue();
    assertThat(springFestival.reason()).contains("春节").contains("provisional");
    assertThat(CALENDAR.describe(LocalDate.of(2026, 12, 31)).provisional()).isFalse();
    // 29 Dec 2026 + 5: 30, 31 Dec, (1 Jan 2027 元旦), 4, 5, 6 Jan
    assertThat(CALENDAR.plusWorkingDays(LocalDate.of(2026, 12, 29), 5)).isEqualTo(LocalDate.of(2027, 1, 6));
    assertThat(CALENDAR.provisionalYears(Date.from(Instant.parse("2026-12-29T00:00:00Z")),
        Date.from(Instant.parse("2027-01-06T15:59:59Z")))).containsExactly(2027);
    assertThat(CALENDAR.provisionalYears(Date.from(Instant.parse("2026-12-01T00:00:00Z")),
        Date.from(Instant.parse("2026-12-31T15:59:59Z")))).isEmpty();
  }

  @Test
  @EngineClockAt("2026-12-20T10:00:00+08:00")
  void aYearTheLawCannotBeAppliedToFailsLoudly() {
    // two years ahead is derived, three years ahead is not known
    assertThat(CALENDAR.describe(LocalDate.of(2028, 12, 29)).provisional()).isTrue();
    assertThatThrownBy(() -> CALENDAR.isWorkingDay(LocalDate.of(2029, 1, 2)))
        .isInstanceOf(CalendarYearMissingException.class)
        .hasMessageContaining("2029");
    // before the 2024 revision took effect there is no rule to apply
    assertThatThrownBy(() -> CALENDAR.isWorkingDay(LocalDate.of(2023, 12, 29)))
        .isInstanceOf(CalendarYearMissingException.class);
  }

  @Test
  void operatorDirectoryAddsAndOverridesYearsWithoutARebuild(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("cn-2027.json"), """
        {"year": 2027, "source": "test", "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-01"}],
         "makeUpWorkdays": [{"name": "test", "date": "2027-01-02"}]}""");
    Files.writeString(dir.resolve("cn-2026.json"), """
        {"year": 2026, "source": "corrected", "holidays": [], "makeUpWorkdays": []}""");
    WorkingDayCalendar calendar = new WorkingDayCalendar(new HolidayDataLoader().load(dir.toString()));
    assertThat(calendar.years()).contains(2027);
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 2))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 1))).isTrue(); // the override replaced the shipped year
  }

  @Test
  void aFileWhoseDatesAreOutsideItsYearIsRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("cn-2027.json"), """
        {"year": 2027, "holidays": [{"name": "x", "from": "2026-12-31", "to": "2027-01-01"}], "makeUpWorkdays": []}""");
    assertThatThrownBy(() -> new HolidayDataLoader().load(dir.toString()))
        .hasMessageContaining("cn-2027.json");
  }
}
