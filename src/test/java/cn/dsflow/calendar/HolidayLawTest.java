package cn.dsflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.EngineClockAt;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The rule of 《全国年节及纪念日放假办法》 (2024 revision) checked against the State Council notices that applied it:
 * every day the law makes a holiday must be off in the official arrangement.
 */
class HolidayLawTest {

  static HolidayYear official(int year) throws Exception {
    try (InputStream in = HolidayLawTest.class.getResourceAsStream("/calendar/cn-" + year + ".json")) {
      return new HolidayDataLoader().parse(in, "cn-" + year + ".json");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2025, 2026})
  void everyStatutoryDayTheLawGivesIsOffInTheOfficialNotice(int year) throws Exception {
    HolidayYear notice = official(year);
    Map<LocalDate, String> derived = HolidayLaw.statutoryDays(year);
    assertThat(derived).hasSize(13); // 1 + 4 + 1 + 2 + 1 + 1 + 3 (中秋 did not fall on 1–3 October)
    for (Map.Entry<LocalDate, String> day : derived.entrySet()) {
      assertThat(notice.daysOff()).as("%s %s", day.getKey(), day.getValue()).containsKey(day.getKey());
      assertThat(notice.makeUpWorkdays()).doesNotContainKey(day.getKey());
    }
  }

  @Test
  void springFestivalEveIsTheLastDayOfTheTwelfthMonth_29thOr30th() {
    // 2025: the 12th month of 乙巳's predecessor had 29 days, 除夕 Tue 28 Jan; 2026: 除夕 Mon 16 Feb
    assertThat(HolidayLaw.statutoryDays(2025)).containsEntry(LocalDate.of(2025, 1, 28), "春节")
        .doesNotContainKey(LocalDate.of(2025, 1, 27)).containsKey(LocalDate.of(2025, 1, 31));
    assertThat(HolidayLaw.statutoryDays(2026)).containsEntry(LocalDate.of(2026, 2, 16), "春节")
        .containsKey(LocalDate.of(2026, 2, 19)).doesNotContainKey(LocalDate.of(2026, 2, 20));
  }

  @Test
  void newMoonMinutesBeforeBeijingMidnightStartsTheMonthThatDay() {
    // the new moon of February 2027 is at 23:56 Beijing time on the 6th: 正月初一 is the 6th, 除夕 Friday the 5th
    assertThat(HolidayLaw.lunar(2027, 1, 1)).isEqualTo(LocalDate.of(2027, 2, 6));
    assertThat(HolidayLaw.statutoryDays(2027)).containsEntry(LocalDate.of(2027, 2, 5), "春节")
        .doesNotContainKey(LocalDate.of(2027, 2, 9));
  }

  @Test
  void qingmingIsTheSolarTermNotAFixedDate() {
    assertThat(HolidayLaw.qingming(2025)).isEqualTo(LocalDate.of(2025, 4, 4));
    assertThat(HolidayLaw.qingming(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
  }

  @Test
  @EngineClockAt("2026-12-20T10:00:00+08:00")
  void provisional2027_springFestivalOnAWeekendGivesSubstituteDaysOnTheNextWorkingDays() {
    HolidayYear y = HolidayLaw.provisionalYear(2027);
    // 除夕 Fri 5 Feb, 初一 Sat 6, 初二 Sun 7, 初三 Mon 8: Saturday and Sunday give Tue 9 and Wed 10 (art. 6)
    assertThat(y.daysOff()).containsKeys(LocalDate.of(2027, 2, 5), LocalDate.of(2027, 2, 6), LocalDate.of(2027, 2, 7),
        LocalDate.of(2027, 2, 8), LocalDate.of(2027, 2, 9), LocalDate.of(2027, 2, 10));
    assertThat(y.daysOff().get(LocalDate.of(2027, 2, 9))).isEqualTo("春节补假");
    assertThat(y.daysOff()).doesNotContainKeys(LocalDate.of(2027, 2, 4), LocalDate.of(2027, 2, 11));
    // no 调休 without a notice
    assertThat(y.makeUpWorkdays()).isEmpty();
    WorkingDayCalendar calendar = new WorkingDayCalendar(Map.of());
    // incident ended Wed 3 Feb: Thu 4 (1), Thu 11 (2), Fri 12 (3), Mon 15 (4), Tue 16 (5)
    assertThat(calendar.plusWorkingDays(LocalDate.of(2027, 2, 3), 5)).isEqualTo(LocalDate.of(2027, 2, 16));
    assertThat(calendar.plusWorkingDays(LocalDate.of(2027, 2, 3), 2)).isEqualTo(LocalDate.of(2027, 2, 11));
    assertThat(calendar.describe(LocalDate.of(2027, 2, 10)).provisional()).isTrue();
  }

  @Test
  void aHolidayOnAWeekdayGivesNoSubstitute() {
    // 元旦 2027 is a Friday: nothing more is off on Monday 4 January
    HolidayYear y = HolidayLaw.provisionalYear(2027);
    assertThat(y.daysOff()).containsKey(LocalDate.of(2027, 1, 1)).doesNotContainKey(LocalDate.of(2027, 1, 4));
    // 国庆 2027: Fri 1, Sat 2, Sun 3 October → Mon 4 and Tue 5 are 补假, Wed 6 is a working day
    assertThat(y.daysOff()).containsKeys(LocalDate.of(2027, 10, 4), LocalDate.of(2027, 10, 5))
        .doesNotContainKey(LocalDate.of(2027, 10, 6));
  }

  @Test
  void yearsBeforeTheRevisedMeasuresAreNotDerived() {
    assertThatThrownBy(() -> HolidayLaw.statutoryDays(2024)).isInstanceOf(CalendarYearMissingException.class);
  }
}
