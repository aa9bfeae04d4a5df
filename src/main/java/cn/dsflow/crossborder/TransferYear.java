package cn.dsflow.crossborder;

import cn.dsflow.calendar.WorkingDayCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * The Beijing calendar year a transfer is counted in (自当年1月1日起累计, 000 §8.1.1, §8.2.1, §8.5(5)): the year in
 * which its permit may first be used, that is the later of now and the requested start. The permit ends with that
 * year at the latest, so a transfer can never be made in a year whose total it was not counted in.
 */
final class TransferYear {

  private TransferYear() {}

  static int of(Instant now, Instant validFrom) {
    Instant usableFrom = validFrom != null && validFrom.isAfter(now) ? validFrom : now;
    return usableFrom.atZone(WorkingDayCalendar.ZONE).getYear();
  }

  /** 23:59:59 Beijing on 31 December of the year, the last moment a permit counted in it may be used. */
  static Instant end(int year) {
    return LocalDate.of(year, 12, 31).atTime(LocalTime.of(23, 59, 59)).atZone(WorkingDayCalendar.ZONE).toInstant();
  }

  /**
   * The route table's counts for one transfer: the year's total with this transfer included. A transfer that carries no
   * personal information is routed on what it carries: the persons sent earlier this year do not make non-personal
   * data a transfer of personal information (a CIIO's non-personal, non-important data are not assessed for it). Any
   * transfer that does carry personal information is counted with everything before it, so a split cannot dodge a
   * threshold.
   */
  static long[] routeCounts(CrossBorderVolumes.Totals totals, long nonSensitive, long sensitive) {
    if (nonSensitive + sensitive == 0) {
      return new long[] {0, 0};
    }
    return new long[] {totals.personsNonSensitive() + nonSensitive, totals.personsSensitive() + sensitive};
  }
}
