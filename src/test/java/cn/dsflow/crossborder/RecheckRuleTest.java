package cn.dsflow.crossborder;

import static cn.dsflow.crossborder.CrossBorderRoute.EXEMPT;
import static cn.dsflow.crossborder.CrossBorderRoute.PROHIBITED;
import static cn.dsflow.crossborder.CrossBorderRoute.SECURITY_ASSESSMENT;
import static cn.dsflow.crossborder.CrossBorderRoute.STANDARD_CONTRACT_OR_CERTIFICATION;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The recheck before a cross-border permit: the counting year (Beijing), the route, and the permit's last moment. */
class RecheckRuleTest {

  static Instant beijing(String localDateTime) {
    return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
  }

  @Test
  void aTransferCountsInTheBeijingYearItMayFirstBeUsed() {
    Instant newYearsEveLastSecond = beijing("2026-12-31T23:59:59");
    Instant newYear = beijing("2027-01-01T00:00:00");
    assertThat(TransferYear.of(newYearsEveLastSecond, null)).isEqualTo(2026);
    assertThat(TransferYear.of(newYear, null)).isEqualTo(2027);
    // 16:00 UTC on 31 December is already 1 January in Beijing
    assertThat(TransferYear.of(Instant.parse("2026-12-31T16:00:00Z"), null)).isEqualTo(2027);
    // a December request for January is counted in January's year; a start in the past counts from now
    assertThat(TransferYear.of(beijing("2026-12-20T10:00:00"), newYear)).isEqualTo(2027);
    assertThat(TransferYear.of(newYear, beijing("2026-12-20T10:00:00"))).isEqualTo(2027);
  }

  @Test
  void personsSentEarlierCountOnlyWhenThisTransferCarriesPersonalInformation() {
    CrossBorderVolumes.Totals year = new CrossBorderVolumes.Totals(2026, 99_000, 9_000);
    assertThat(TransferYear.routeCounts(year, 0, 0)).containsExactly(0, 0);
    assertThat(TransferYear.routeCounts(year, 1, 0)).containsExactly(99_001, 9_000);
    assertThat(TransferYear.routeCounts(year, 0, 1)).containsExactly(99_000, 9_001);
  }

  @Test
  void anEqualOrMilderRouteHolds_aStricterOneStopsThePermit() {
    assertThat(RecheckRule.holds(STANDARD_CONTRACT_OR_CERTIFICATION, STANDARD_CONTRACT_OR_CERTIFICATION)).isTrue();
    assertThat(RecheckRule.holds(STANDARD_CONTRACT_OR_CERTIFICATION, EXEMPT)).isTrue();
    assertThat(RecheckRule.holds(STANDARD_CONTRACT_OR_CERTIFICATION, SECURITY_ASSESSMENT)).isFalse();
    assertThat(RecheckRule.holds(EXEMPT, STANDARD_CONTRACT_OR_CERTIFICATION)).isFalse();
    assertThat(RecheckRule.holds(SECURITY_ASSESSMENT, PROHIBITED)).isFalse();
  }
}
