package cn.dsflow.calendar;

/**
 * A question about a year the calendar has no official data for and cannot derive from the holiday law either (before
 * the 2024 revision took effect, or too far ahead to be known): never answered with a guess.
 */
public class CalendarYearMissingException extends IllegalStateException {

  private final int year;

  public CalendarYearMissingException(int year) {
    super("没有 " + year + " 年的节假日数据，且不在可按放假办法推算的年份内 (no holiday data for " + year
        + ", and the holiday law cannot be applied to it): load cn-" + year + ".json from the State Council notice");
    this.year = year;
  }

  public int year() {
    return year;
  }
}
