package cn.dsflow.calendar;

import java.time.LocalDate;
import java.util.Map;

/**
 * One year of the State Council's holiday arrangement: days off that would otherwise be working days (and holiday
 * days falling on weekends), and make-up working days (调休上班) that would otherwise be weekend days.
 */
public record HolidayYear(int year, String source, Map<LocalDate, String> daysOff, Map<LocalDate, String> makeUpWorkdays) {

  public HolidayYear {
    daysOff = Map.copyOf(daysOff);
    makeUpWorkdays = Map.copyOf(makeUpWorkdays);
    for (LocalDate d : daysOff.keySet()) {
      if (makeUpWorkdays.containsKey(d)) {
        throw new IllegalArgumentException(year + ": " + d + " is both a day off and a make-up working day");
      }
    }
    for (LocalDate d : daysOff.keySet()) {
      requireInYear(year, d);
    }
    for (LocalDate d : makeUpWorkdays.keySet()) {
      requireInYear(year, d);
    }
  }

  private static void requireInYear(int year, LocalDate d) {
    if (d.getYear() != year) {
      throw new IllegalArgumentException("the file for " + year + " lists " + d);
    }
  }
}
