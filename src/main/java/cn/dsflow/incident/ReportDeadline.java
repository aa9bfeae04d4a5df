package cn.dsflow.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * Which limit a report duty runs under, as a plain rule ({@code ReportDeadlineTest}); {@link ReportClock} and
 * {@link IncidentDuties} apply it. Hours are hours on the clock from when the duty arose: they do not pause for nights
 * or holidays.
 */
public final class ReportDeadline {

  private ReportDeadline() {}

  /**
   * The limit of one report. A report to the local industry regulator is "立即" at any level, tighter at 重大 and above
   * (MIIT plan; "II 以上" includes II); the CAC report is at most 4 hours, 1 hour when critical information
   * infrastructure is involved (CAC Measures art. 4).
   */
  public static Duration limit(ReportKind kind, IncidentLevel miit, IncidentSettings settings) {
    return switch (kind) {
      case WARNING -> settings.warningReportSla();
      case REGULATOR -> miit.majorOrAbove() ? settings.regulatorReportSlaMajor() : settings.regulatorReportSla();
      case CAC -> Duration.ofHours(settings.cacReportHours());
      case CII_AUTHORITY, CII_POLICE -> Duration.ofHours(settings.cacReportHoursCii());
      case POLICE -> settings.policeReportSla();
      case AFFECTED -> settings.affectedPartiesSla();
    };
  }

  /**
   * When a second person must have decided on a requested downgrade: before the first report of the level under review
   * falls due, so the review never lets a report lapse; with no report due, within the grading SLA from now.
   */
  public static Instant downgradeReviewDue(Collection<ReportKind> due, IncidentLevel miit, Instant clockStart, Instant now,
      IncidentSettings settings) {
    return due.stream().map(k -> clockStart.plus(limit(k, miit, settings))).min(Instant::compareTo)
        .orElse(now.plus(settings.gradingSla()));
  }
}
