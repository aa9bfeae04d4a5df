package cn.dsflow.intake;

import cn.dsflow.system.BeijingTime;
import cn.dsflow.system.EngineRefusal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The rule for a time a person declares (a report went out, evidence was collected, the emergency ended): it cannot
 * precede the case it belongs to, nor lie in the server's future beyond a small grace for clocks that disagree. A
 * report dated before the incident was discovered (倒挂) or after it was entered would let a late report claim it was
 * on time (214号文 §3: reports are judged by their time). A date without a time is judged by its Beijing day.
 */
public final class ClaimedTime {

  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  /** What the claim is measured against: the case's own start, named for the reader, and the server's now. */
  public record Bounds(Instant caseStart, String caseStartLabel, Instant now, Duration grace) {}

  private ClaimedTime() {}

  /**
   * Returns the claimed instant when it lies within the bounds, otherwise refuses with 400 naming both bounds in
   * Beijing time. {@code dateOnly}: the person gave a day, so the day of the case's start and today both count.
   */
  public static Instant check(String field, Instant claimed, boolean dateOnly, Bounds b) {
    Instant latest = b.now().plus(b.grace());
    boolean early;
    boolean late;
    if (dateOnly) {
      LocalDate day = claimed.atZone(BEIJING).toLocalDate();
      early = b.caseStart() != null && day.isBefore(b.caseStart().atZone(BEIJING).toLocalDate());
      late = day.isAfter(latest.atZone(BEIJING).toLocalDate());
    } else {
      // people enter times to the minute: the minute of the case's start itself counts, or a result recorded right after
      // a permit's use (same minute, later second) could never be entered; a minute earlier is still refused (no 倒挂)
      early = b.caseStart() != null && claimed.isBefore(b.caseStart().truncatedTo(ChronoUnit.MINUTES));
      late = claimed.isAfter(latest);
    }
    if (late && b.caseStart() == null) {
      throw EngineRefusal.invalid(field, "晚于当前时间：不能晚于 " + beijing(latest) + "（北京时间）"
          + " (cannot be later than now " + beijing(latest) + ", Beijing time)");
    }
    if (early || late) {
      String from = b.caseStart() == null ? "-" : beijing(b.caseStart());
      throw EngineRefusal.invalid(field, (early ? "早于" + b.caseStartLabel() : "晚于当前时间")
          + "：应在 " + b.caseStartLabel() + " " + from + " 与当前时间 " + beijing(latest) + "（北京时间）之间"
          + " (must lie between the case start " + from + " and now " + beijing(latest) + ", Beijing time)");
    }
    return claimed;
  }

  public static String beijing(Instant instant) {
    return BeijingTime.minute(instant);
  }
}
