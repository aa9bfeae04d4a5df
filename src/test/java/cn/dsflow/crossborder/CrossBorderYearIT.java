package cn.dsflow.crossborder;

import static cn.dsflow.EngineTestSupport.at;
import static cn.dsflow.EngineTestSupport.with;
import static cn.dsflow.crossborder.CrossBorderFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.permit.Permit;
import cn.dsflow.permit.Permits;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * 自当年1月1日起累计: a transfer is counted in, and rechecked against, the Beijing year in which its permit is issued and
 * used; a transfer without personal information is not routed by the year's earlier personal information. The totals
 * are shared by the suite: the year-boundary tests move no persons (they look only at which year a row lands in), and the
 * 2026 tests stay far below every threshold.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class CrossBorderYearIT {

  @Autowired CrossBorderFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired CrossBorderVolumes volumes;
  @Autowired Permits permits;
  @Autowired AuditChain audit;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  /** Non-personal trade data (§8.5(1)): exempt on its own content, and moves no persons. */
  ProcessInstance tradeDataUpToApproval(String from, String until) {
    ProcessInstance transfer = fixture.start("lisi",
        with(request("GENERAL", 0, 0, from, until), "exemptionGround", "TRADE_NO_PERSONAL_OR_IMPORTANT"));
    fixture.complete("zhaoliu", fixture.only(transfer, "confirmExemption"),
        Map.of("exemptionEvidence", "仅含订单和物流数据", "exemptionConfirmed", true));
    return transfer;
  }

  boolean countedIn(int year, ProcessInstance transfer) {
    return volumes.entries(year).stream().anyMatch(e -> transfer.getId().equals(e.requestId()));
  }

  Permit permit(ProcessInstance transfer) {
    return permits.findByRequest(transfer.getId()).orElseThrow();
  }

  @Test
  void aDecemberRequestPermittedInJanuaryIsCountedInJanuarysYearAndItsPermitEndsWithThatYear() {
    engine.setClock(at("2025-12-29T10:00:00+08:00"));
    ProcessInstance transfer = tradeDataUpToApproval("2025-12-29", "2026-01-31");
    assertThat(runtimeService.getVariable(transfer.getId(), "transferYear")).isEqualTo(2025);
    engine.setClock(at("2026-01-05T10:00:00+08:00"));
    fixture.approveAll(transfer);
    assertThat(countedIn(2026, transfer)).isTrue();
    assertThat(countedIn(2025, transfer)).isFalse();
    assertThat(http.withBasicAuth("zhengshi", "demo").getForObject("/api/cross-border/volumes?year=2026", String.class))
        .contains(transfer.getId());
    assertThat(http.withBasicAuth("zhengshi", "demo").getForObject("/api/cross-border/volumes?year=2025", String.class))
        .doesNotContain(transfer.getId());
    assertThat(audit.events("request", transfer.getId())).extracting(AuditEvent::type).contains("CROSS_BORDER_YEAR_MOVED");
    assertThat(permit(transfer).validUntil()).isEqualTo(at("2026-01-31T23:59:59+08:00").toInstant());
  }

  @Test
  void aPermitIssuedInDecemberEndsOnThirtyFirstDecemberSoTheNewYearCannotMissIt() {
    engine.setClock(at("2025-12-29T10:00:00+08:00"));
    ProcessInstance transfer = tradeDataUpToApproval("2025-12-29", "2026-01-31");
    fixture.approveAll(transfer);
    assertThat(countedIn(2025, transfer)).isTrue();
    assertThat(permit(transfer).validUntil()).isEqualTo(at("2025-12-31T23:59:59+08:00").toInstant());
    assertThat(audit.events("request", transfer.getId())).extracting(AuditEvent::type).doesNotContain("CROSS_BORDER_YEAR_MOVED");
  }

  @Test
  void aRequestToTransferNextYearIsCountedInNextYearFromTheStart() {
    engine.setClock(at("2025-12-29T10:00:00+08:00"));
    ProcessInstance transfer = tradeDataUpToApproval("2026-01-05", "2026-01-31");
    assertThat(runtimeService.getVariable(transfer.getId(), "transferYear")).isEqualTo(2026);
    fixture.approveAll(transfer);
    assertThat(countedIn(2026, transfer)).isTrue();
    assertThat(permit(transfer).validFrom()).isEqualTo(at("2026-01-05T00:00:00+08:00").toInstant());
  }

  @Test
  void aCiioSendingNoPersonalInformationIsNotAssessedForThePersonalInformationItSentEarlierThisYear() {
    // earlier this year the CIIO sent personal information under a contract with the individuals (§8.5(2))
    ProcessInstance earlier = fixture.start("lisi", with(request("GENERAL", 2_000, 0, "2026-11-23", "2026-12-31"),
        "exemptionGround", "CONTRACT_WITH_INDIVIDUAL"));
    fixture.recordConsent(earlier);
    fixture.complete("zhaoliu", fixture.only(earlier, "confirmExemption"), Map.of("exemptionEvidence", "合同履行", "exemptionConfirmed", true));
    fixture.approveAll(earlier);
    assertThat(volumes.totals(2026).personsNonSensitive()).isGreaterThanOrEqualTo(2_000);

    ProcessInstance nonPersonal = fixture.start("lisi", with(request("GENERAL", 0, 0, "2026-11-23", "2026-12-31"), "ciio", true));
    assertThat(runtimeService.getVariable(nonPersonal.getId(), "crossBorderRoute")).isEqualTo("EXEMPT");
    assertThat(runtimeService.getVariable(nonPersonal.getId(), "personsNonSensitive")).isEqualTo(0L);

    ProcessInstance onePerson = fixture.start("lisi", with(request("GENERAL", 1, 0, "2026-11-23", "2026-12-31"), "ciio", true));
    assertThat(runtimeService.getVariable(onePerson.getId(), "crossBorderRoute")).isEqualTo("SECURITY_ASSESSMENT");
    // a transfer that carries personal information is still counted with the whole year before it
    assertThat((Long) runtimeService.getVariable(onePerson.getId(), "personsNonSensitive")).isGreaterThanOrEqualTo(2_001L);
  }
}
