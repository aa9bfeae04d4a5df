package cn.dsflow.permit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.permit.PermitTerms.Outcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The permit a fully approved request earns (000 §3.4.2; §8.1.2(4) for the cross-border limit), on each boundary. */
class PermitTermsTest {

  static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
  static final Instant FROM = Instant.parse("2026-11-24T01:00:00Z");
  static final Instant UNTIL = Instant.parse("2026-12-31T15:59:59Z");

  static PermitTerms decide(Instant requestedFrom, Instant requestedUntil, Instant routeLimit) {
    return PermitTerms.decide("h1", List.of("h1", "h1"), NOW, requestedFrom, requestedUntil, routeLimit);
  }

  @Test
  void anApprovalTakenOnOtherContentIsVoid() {
    assertThat(PermitTerms.decide("h1", List.of("h1", "h2"), NOW, FROM, UNTIL, null).outcome())
        .isEqualTo(Outcome.CONTENT_CHANGED);
    assertThat(PermitTerms.decide("h1", List.of("h1", "h1"), NOW, FROM, UNTIL, null).outcome()).isEqualTo(Outcome.ISSUED);
  }

  @Test
  void aRequestWhoseLimitIsReachedWhenApprovedGetsNoPermit_oneMillisecondLeftStillIssues() {
    assertThat(decide(NOW.minusSeconds(3600), NOW, null).outcome()).isEqualTo(Outcome.EXPIRED);
    assertThat(decide(NOW.minusSeconds(3600), NOW.minusMillis(1), null).outcome()).isEqualTo(Outcome.EXPIRED);
    PermitTerms last = decide(NOW.minusSeconds(3600), NOW.plusMillis(1), null);
    assertThat(last.issued()).isTrue();
    assertThat(last.validUntil()).isEqualTo(NOW.plusMillis(1));
  }

  @Test
  void aPermitNeverStartsBeforeItsApproval() {
    assertThat(decide(NOW.minusSeconds(1), UNTIL, null).validFrom()).isEqualTo(NOW);
    assertThat(decide(NOW, UNTIL, null).validFrom()).isEqualTo(NOW);
    assertThat(decide(NOW.plusSeconds(1), UNTIL, null).validFrom()).isEqualTo(NOW.plusSeconds(1));
    assertThat(decide(FROM, UNTIL, null).validFrom()).isEqualTo(FROM);
  }

  @Test
  void aRouteLimitShortensThePermitButNeverLengthensIt() {
    assertThat(decide(FROM, UNTIL, UNTIL.minusSeconds(1)).validUntil()).isEqualTo(UNTIL.minusSeconds(1));
    assertThat(decide(FROM, UNTIL, UNTIL).validUntil()).isEqualTo(UNTIL);
    assertThat(decide(FROM, UNTIL, UNTIL.plusSeconds(86_400)).validUntil()).isEqualTo(UNTIL);
    assertThat(decide(FROM, UNTIL, null).validUntil()).isEqualTo(UNTIL);
  }
}
