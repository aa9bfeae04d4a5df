package cn.dsflow.incident;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operator settings of the incident response ({@code dsflow.incident.*}). The legal texts give hours for the CAC report
 * and working days for the summary; "立即" (immediately) and "及时" (promptly) have no number, so each is a setting with
 * a default a regulator would accept (docs/regulatory-readings.md, "Readings chosen").
 *
 * @param gradingSla time from discovery to the incident lead's confirmed grading
 * @param regulatorReportSlaMajor "立即" for a report to the local industry regulator at 重大 and above
 * @param regulatorReportSla "立即" for a report at 较大, or when important or core data is involved
 * @param warningReportSla "立即" for a warning that a 较大-or-worse incident may occur (Plan, warning stage)
 * @param cacReportHours CAC Measures art. 4: at the latest 4 hours
 * @param cacReportHoursCii CAC Measures art. 4: at the latest 1 hour when critical information infrastructure is involved
 * @param cacSupplementSla "及时补报" of CAC items 3–8 after a first report of items 1–2 (art. 7)
 * @param policeReportSla "及时" report to the police when a crime is suspected (art. 4)
 * @param affectedPartiesSla "及时" notice to affected individuals and organisations (000 §6.7; Regulation art. 11)
 * @param progressReportCycle ISO-8601 repeating interval of progress reports during a tier I–III response
 * @param summaryWorkingDays 000 §6.6: the summary report within 5 working days after the emergency work ends
 * @param summaryReminderWorkingDaysBefore reminder this many working days before the summary deadline
 * @param cacSummaryDays CAC Measures art. 8: a summary through the original channel within 30 (calendar) days
 */
@ConfigurationProperties("dsflow.incident")
public record IncidentSettings(
    Duration gradingSla,
    Duration regulatorReportSlaMajor,
    Duration regulatorReportSla,
    Duration warningReportSla,
    Integer cacReportHours,
    Integer cacReportHoursCii,
    Duration cacSupplementSla,
    Duration policeReportSla,
    Duration affectedPartiesSla,
    String progressReportCycle,
    Integer summaryWorkingDays,
    Integer summaryReminderWorkingDaysBefore,
    Integer cacSummaryDays) {

  public IncidentSettings {
    gradingSla = orDefault(gradingSla, Duration.ofMinutes(30));
    regulatorReportSlaMajor = orDefault(regulatorReportSlaMajor, Duration.ofMinutes(30));
    regulatorReportSla = orDefault(regulatorReportSla, Duration.ofHours(1));
    warningReportSla = orDefault(warningReportSla, Duration.ofHours(1));
    cacReportHours = cacReportHours == null ? 4 : cacReportHours;
    cacReportHoursCii = cacReportHoursCii == null ? 1 : cacReportHoursCii;
    cacSupplementSla = orDefault(cacSupplementSla, Duration.ofHours(24));
    policeReportSla = orDefault(policeReportSla, Duration.ofHours(24));
    affectedPartiesSla = orDefault(affectedPartiesSla, Duration.ofHours(24));
    progressReportCycle = progressReportCycle == null || progressReportCycle.isBlank() ? "R/PT24H" : progressReportCycle;
    summaryWorkingDays = summaryWorkingDays == null ? 5 : summaryWorkingDays;
    summaryReminderWorkingDaysBefore = summaryReminderWorkingDaysBefore == null ? 1 : summaryReminderWorkingDaysBefore;
    cacSummaryDays = cacSummaryDays == null ? 30 : cacSummaryDays;
    if (cacReportHours > 4 || cacReportHoursCii > 1) {
      throw new IllegalArgumentException("dsflow.incident: the CAC report limits are at most 4 hours, 1 hour for CII (CAC Measures art. 4)");
    }
    if (summaryWorkingDays > 5 || summaryWorkingDays < 1 || cacSummaryDays > 30 || cacSummaryDays < 1) {
      throw new IllegalArgumentException("dsflow.incident: the summary limits are at most 5 working days (000 §6.6) and 30 days (CAC art. 8)");
    }
    if (summaryReminderWorkingDaysBefore < 1 || summaryReminderWorkingDaysBefore >= summaryWorkingDays + 1) {
      throw new IllegalArgumentException("dsflow.incident: the summary reminder must fall inside the summary period");
    }
  }

  private static Duration orDefault(Duration d, Duration fallback) {
    if (d == null) {
      return fallback;
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("dsflow.incident: durations must be positive");
    }
    return d;
  }
}
