package cn.dsflow.incident;

import cn.dsflow.calendar.WorkingDayCalendar;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/** How a deadline is written for people: Beijing time, whatever the server's zone. */
final class Deadlines {

  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm '(北京时间)'");

  private Deadlines() {}

  static String beijing(Date date) {
    return date == null ? "-" : FORMAT.format(date.toInstant().atZone(WorkingDayCalendar.ZONE));
  }
}
