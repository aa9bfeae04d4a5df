package cn.dsflow.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each report's limit (MIIT plan; CAC Measures art. 4) and the deadline of a downgrade review, with the defaults. */
class ReportDeadlineTest {

  static final IncidentSettings DEFAULTS =
      new IncidentSettings(null, null, null, null, null, null, null, null, null, null, null, null, null);
  static final Instant START = Instant.parse("2026-11-23T01:40:00Z");
  static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

  @Test
  void theRegulatorIsToldWithinThirtyMinutesFromMajorUp_anHourBelow() {
    assertThat(ReportDeadline.limit(ReportKind.REGULATOR, IncidentLevel.I, DEFAULTS)).isEqualTo(Duration.ofMinutes(30));
    assertThat(ReportDeadline.limit(ReportKind.REGULATOR, IncidentLevel.II, DEFAULTS)).isEqualTo(Duration.ofMinutes(30));
    assertThat(ReportDeadline.limit(ReportKind.REGULATOR, IncidentLevel.III, DEFAULTS)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theCacReportIsDueInFourHours_oneWhenCriticalInfrastructureIsInvolved() {
    assertThat(ReportDeadline.limit(ReportKind.CAC, IncidentLevel.III, DEFAULTS)).isEqualTo(Duration.ofHours(4));
    assertThat(ReportDeadline.limit(ReportKind.CII_AUTHORITY, IncidentLevel.III, DEFAULTS)).isEqualTo(Duration.ofHours(1));
    assertThat(ReportDeadline.limit(ReportKind.CII_POLICE, IncidentLevel.III, DEFAULTS)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theOtherReportsRunUnderTheirSettings() {
    assertThat(ReportDeadline.limit(ReportKind.WARNING, IncidentLevel.IV, DEFAULTS)).isEqualTo(Duration.ofHours(1));
    assertThat(ReportDeadline.limit(ReportKind.POLICE, IncidentLevel.IV, DEFAULTS)).isEqualTo(Duration.ofHours(24));
    assertThat(ReportDeadline.limit(ReportKind.AFFECTED, IncidentLevel.IV, DEFAULTS)).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void aDowngradeIsReviewedBeforeTheFirstReportOfTheLevelUnderReviewFallsDue() {
    assertThat(ReportDeadline.downgradeReviewDue(List.of(ReportKind.CAC, ReportKind.REGULATOR), IncidentLevel.II, START, NOW,
        DEFAULTS)).isEqualTo(START.plus(Duration.ofMinutes(30)));
    assertThat(ReportDeadline.downgradeReviewDue(List.of(ReportKind.CAC, ReportKind.CII_AUTHORITY), IncidentLevel.III, START,
        NOW, DEFAULTS)).isEqualTo(START.plus(Duration.ofHours(1)));
    // no report due: within the grading SLA from now
    assertThat(ReportDeadline.downgradeReviewDue(List.of(), IncidentLevel.III, START, NOW, DEFAULTS))
        .isEqualTo(NOW.plus(Duration.ofMinutes(30)));
  }
}
