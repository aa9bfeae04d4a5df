package cn.dsflow.calendar;

/** A question about a year the calendar has no official data for: never answered with a guess. */
public class CalendarYearMissingException extends IllegalStateException {

  private final int year;

  public CalendarYearMissingException(int year) {
    super("没有 " + year + " 年的节假日数据 (no holiday data for " + year + "): add cn-" + year
        + ".json from the State Council notice to the directory set by DSFLOW_CALENDAR_DIR and restart");
    this.year = year;
  }

  public int year() {
    return year;
  }
}
