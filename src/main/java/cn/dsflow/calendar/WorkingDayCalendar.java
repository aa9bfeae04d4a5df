package cn.dsflow.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Chinese working days (工作日) in Asia/Shanghai, whatever the server's zone: Monday to Friday unless a statutory
 * holiday, plus the make-up working days (调休上班) the State Council declares. A question about a year without official
 * data fails loudly ({@link CalendarYearMissingException}); it is never answered with a guess.
 *
 * <p>Registered as the bean {@code workingDays} so BPMN can say {@code ${workingDays.deadline(responseEndedAt, 5)}}.
 */
public class WorkingDayCalendar {

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** A deadline day ends at 23:59:59 Beijing time. */
  public static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);
  /** Reminders go out at the start of a working morning. */
  public static final LocalTime REMINDER_TIME = LocalTime.of(9, 0);

  private final Map<Integer, HolidayYear> years;

  public WorkingDayCalendar(Map<Integer, HolidayYear> years) {
    this.years = Map.copyOf(years);
  }

  public SortedSet<Integer> years() {
    return new TreeSet<>(years.keySet());
  }

  public boolean hasYear(int year) {
    return years.containsKey(year);
  }

  public boolean isWorkingDay(LocalDate date) {
    return describe(date).workingDay();
  }

  public DayInfo describe(LocalDate date) {
    HolidayYear year = years.get(date.getYear());
    if (year == null) {
      throw new CalendarYearMissingException(date.getYear());
    }
    String makeUp = year.makeUpWorkdays().get(date);
    if (makeUp != null) {
      return new DayInfo(date, true, "调休上班：" + makeUp + " (make-up working day)");
    }
    String holiday = year.daysOff().get(date);
    if (holiday != null) {
      return new DayInfo(date, false, "法定节假日：" + holiday + " (statutory holiday)");
    }
    DayOfWeek dow = date.getDayOfWeek();
    if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
      return new DayInfo(date, false, "周末 (weekend)");
    }
    return new DayInfo(date, true, "工作日 (working day)");
  }

  /** The n-th working day after {@code date}; the date itself never counts. {@code n = 0} returns the date. */
  public LocalDate plusWorkingDays(LocalDate date, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    LocalDate d = date;
    for (int counted = 0; counted < n; ) {
      d = d.plusDays(1);
      if (isWorkingDay(d)) {
        counted++;
      }
    }
    return d;
  }

  /** The n-th working day before {@code date}; the date itself never counts. */
  public LocalDate minusWorkingDays(LocalDate date, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    LocalDate d = date;
    for (int counted = 0; counted < n; ) {
      d = d.minusDays(1);
      if (isWorkingDay(d)) {
        counted++;
      }
    }
    return d;
  }

  /**
   * 23:59:59 Asia/Shanghai of the n-th working day after the (Beijing) day of {@code from}. The day of {@code from}
   * never counts, even when it is a working day.
   */
  public Date deadline(Date from, int workingDays) {
    return Date.from(deadline(from.toInstant(), workingDays));
  }

  public Instant deadline(Instant from, int workingDays) {
    if (workingDays < 1) {
      throw new IllegalArgumentException("a deadline needs at least one working day: " + workingDays);
    }
    LocalDate day = from.atZone(ZONE).toLocalDate();
    return plusWorkingDays(day, workingDays).atTime(END_OF_DAY).atZone(ZONE).toInstant();
  }

  /** {@link #deadline(Date, int)} from the engine's clock, so tests that move {@code ClockUtil} stay consistent. */
  public Date deadlineFromNow(int workingDays) {
    return deadline(ClockUtil.getCurrentTime(), workingDays);
  }

  /** 09:00 Beijing on the n-th working day before the (Beijing) day of {@code deadline}: when a reminder goes out. */
  public Date reminderBefore(Date deadline, int workingDays) {
    LocalDate day = deadline.toInstant().atZone(ZONE).toLocalDate();
    return Date.from(minusWorkingDays(day, workingDays).atTime(REMINDER_TIME).atZone(ZONE).toInstant());
  }

  public LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ZONE).toLocalDate();
  }
}
