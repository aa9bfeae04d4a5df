package cn.dsflow.calendar;

import com.nlf.calendar.Lunar;
import com.nlf.calendar.Solar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The days off a year has by law alone, for a year whose State Council notice is not installed yet:
 * 《全国年节及纪念日放假办法》 as revised in 2024 (in force from 1 January 2025), art. 2: 元旦 1 day, 春节 4 days (除夕 and
 * 正月初一 to 初三), 清明节 1 day, 劳动节 2 days (1–2 May), 端午节 1 day, 中秋节 1 day, 国庆节 3 days (1–3 October); art. 6:
 * a holiday falling on a Saturday or Sunday gives a day off on the next working day (补假). Make-up working days and
 * bridged weekends (调休) exist only by a notice, so a derived year has none.
 *
 * <p>Lunar dates and the solar term 清明 come from lunar-java ({@code cn.6tail:lunar}, MIT, no dependencies), whose
 * high-precision ephemeris reckons new moons and solar terms in Beijing time as the official almanac does. ICU4J was
 * tried first and rejected: its {@code ChineseCalendar} (77.1 and 78.1) puts 正月初一 2027 on 7 February, because the
 * new moon falls at 23:56 Beijing time on the 6th and ICU's lower-precision moon lands after midnight. lunar-java's
 * own table of official holidays is not used: the rule here is the law, the official days come from the notice.
 */
public final class HolidayLaw {

  /** The revised measures took effect on 1 January 2025; earlier years followed a different rule. */
  public static final int FIRST_YEAR = 2025;

  static final String SOURCE = "依《全国年节及纪念日放假办法》（2024年修订）推算，未含国务院调休安排（provisional）";

  private HolidayLaw() {}

  /** The derived year: statutory days and their 补假, no make-up working days. */
  public static HolidayYear provisionalYear(int year) {
    Map<LocalDate, String> statutory = statutoryDays(year);
    Map<LocalDate, String> off = new LinkedHashMap<>(statutory);
    for (Map.Entry<LocalDate, String> day : statutory.entrySet()) {
      if (isWeekend(day.getKey())) {
        LocalDate substitute = day.getKey().plusDays(1);
        while (isWeekend(substitute) || off.containsKey(substitute)) {
          substitute = substitute.plusDays(1);
        }
        // art. 6 补假; 1–3 October are the year's last statutory days, so a substitute never leaves the year
        off.put(substitute, day.getValue() + "补假");
      }
    }
    return new HolidayYear(year, SOURCE, off, Map.of());
  }

  /** The statutory days of art. 2 alone, in date order, without 补假. */
  public static Map<LocalDate, String> statutoryDays(int year) {
    if (year < FIRST_YEAR) {
      throw new CalendarYearMissingException(year);
    }
    Map<LocalDate, String> days = new TreeMap<>();
    days.put(LocalDate.of(year, 1, 1), "元旦");
    LocalDate newYear = lunar(year, 1, 1);
    days.put(newYear.minusDays(1), "春节"); // 除夕: the last day of the 12th month, the 29th or the 30th
    for (int i = 0; i < 3; i++) {
      days.put(newYear.plusDays(i), "春节");
    }
    days.put(qingming(year), "清明节");
    days.put(LocalDate.of(year, 5, 1), "劳动节");
    days.put(LocalDate.of(year, 5, 2), "劳动节");
    days.put(lunar(year, 5, 5), "端午节");
    // 中秋 can fall on 1–3 October (as in 2020); the day is then off once, under both names
    days.merge(lunar(year, 8, 15), "中秋节", (a, b) -> a + "、" + b);
    for (int d = 1; d <= 3; d++) {
      days.merge(LocalDate.of(year, 10, d), "国庆节", (a, b) -> b + "、" + a);
    }
    return days;
  }

  /** The day in Gregorian {@code year} that is day {@code day} of lunar month {@code month} (not a leap month). */
  static LocalDate lunar(int year, int month, int day) {
    return date(Lunar.fromYmd(year, month, day).getSolar(), year, month + "/" + day);
  }

  /** 清明: the Beijing day on which the sun reaches apparent longitude 15° (4 or 5 April in this century). */
  static LocalDate qingming(int year) {
    return date(Lunar.fromYmd(year, 1, 1).getJieQiTable().get("清明"), year, "清明");
  }

  private static LocalDate date(Solar solar, int year, String what) {
    LocalDate d = LocalDate.of(solar.getYear(), solar.getMonth(), solar.getDay());
    if (d.getYear() != year) {
      throw new IllegalStateException(what + " of " + year + " falls on " + d);
    }
    return d;
  }

  private static boolean isWeekend(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
