package cn.dsflow.calendar;

import cn.dsflow.system.BeijingTime;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Chinese working days (工作日) in Asia/Shanghai, whatever the server's zone: Monday to Friday unless a statutory
 * holiday, plus the make-up working days (调休上班) the State Council declares. A year without the notice installed is
 * derived from the holiday law ({@link HolidayLaw}) and answered as provisional, so no deadline waits for a file;
 * only a year the law cannot be applied to (before 2025, or further ahead than {@code yearsAhead}) fails loudly
 * ({@link CalendarYearMissingException}). The official years can be replaced while running ({@link #install}).
 *
 * <p>Registered as the bean {@code workingDays} so BPMN can say {@code ${workingDays.deadline(responseEndedAt, 5)}}.
 */
public class WorkingDayCalendar {

  public static final ZoneId ZONE = BeijingTime.ZONE;
  /** A deadline day ends at 23:59:59 Beijing time. */
  public static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);
  /** Reminders go out at the start of a working morning. */
  public static final LocalTime REMINDER_TIME = LocalTime.of(9, 0);
  static final String PROVISIONAL_NOTE = "；按放假办法推算，待国务院通知确认 (provisional: derived from the holiday law)";

  /** Years ahead of the current one that may be derived: a deadline set today rarely reaches further. */
  public static final int DEFAULT_YEARS_AHEAD = 2;

  private volatile Map<Integer, HolidayYear> years;
  private final Map<Integer, HolidayYear> derived = new ConcurrentHashMap<>();
  private final int yearsAhead;

  public WorkingDayCalendar(Map<Integer, HolidayYear> years) {
    this(years, DEFAULT_YEARS_AHEAD);
  }

  public WorkingDayCalendar(Map<Integer, HolidayYear> years, int yearsAhead) {
    this.years = Map.copyOf(years);
    this.yearsAhead = yearsAhead;
  }

  /** Replaces the official years, e.g. when a new notice is loaded; questions asked afterwards see the new data. */
  public void install(Map<Integer, HolidayYear> officialYears) {
    this.years = Map.copyOf(officialYears);
  }

  /** The years with official (State Council) data. */
  public SortedSet<Integer> years() {
    return new TreeSet<>(years.keySet());
  }

  /** Whether the year's official data are installed. */
  public boolean hasYear(int year) {
    return years.containsKey(year);
  }

  /** How many years past the current one are derived; later years fail loudly. */
  public int yearsAhead() {
    return yearsAhead;
  }

  /** Whether a question about this year is answered from the holiday law alone. */
  public boolean isProvisional(int year) {
    return !years.containsKey(year) && derivable(year);
  }

  /** The provisional years among those from {@code from} to {@code to} (either order): what a deadline rests on. */
  public SortedSet<Integer> provisionalYears(Date from, Date to) {
    int a = from.toInstant().atZone(ZONE).getYear();
    int b = to.toInstant().atZone(ZONE).getYear();
    SortedSet<Integer> provisional = new TreeSet<>();
    for (int y = Math.min(a, b); y <= Math.max(a, b); y++) {
      if (isProvisional(y)) {
        provisional.add(y);
      }
    }
    return provisional;
  }

  private boolean derivable(int year) {
    return year >= HolidayLaw.FIRST_YEAR && year <= today().getYear() + yearsAhead;
  }

  private HolidayYear year(int year) {
    HolidayYear official = years.get(year);
    if (official != null) {
      return official;
    }
    if (!derivable(year)) {
      throw new CalendarYearMissingException(year);
    }
    return derived.computeIfAbsent(year, HolidayLaw::provisionalYear);
  }

  public boolean isWorkingDay(LocalDate date) {
    return describe(date).workingDay();
  }

  public DayInfo describe(LocalDate date) {
    HolidayYear year = year(date.getYear());
    boolean provisional = !years.containsKey(date.getYear());
    String makeUp = year.makeUpWorkdays().get(date);
    if (makeUp != null) {
      return new DayInfo(date, true, "调休上班：" + makeUp + " (make-up working day)", provisional);
    }
    String holiday = year.daysOff().get(date);
    if (holiday != null) {
      return new DayInfo(date, false, "法定节假日：" + holiday + " (statutory holiday)" + (provisional ? PROVISIONAL_NOTE : ""),
          provisional);
    }
    DayOfWeek dow = date.getDayOfWeek();
    if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
      return new DayInfo(date, false, "周末 (weekend)" + (provisional ? PROVISIONAL_NOTE : ""), provisional);
    }
    return new DayInfo(date, true, "工作日 (working day)" + (provisional ? PROVISIONAL_NOTE : ""), provisional);
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
