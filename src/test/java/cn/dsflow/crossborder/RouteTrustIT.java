package cn.dsflow.crossborder;

import static cn.dsflow.EngineTestSupport.with;
import static cn.dsflow.crossborder.CrossBorderFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.ApprovalLedger;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.permit.Permits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Trust model on the cross-border route: the variables the route table and the branches used to read (crossBorderRoute,
 * ciio, coreData, importantData, exemptionGround, validFrom, the persons sent) are rewritten mid-flow, as the
 * administrator's {@code PUT /process-instance/{id}/variables} can, and the transfer goes exactly where the registered
 * request sends it: the route followed is the one recorded at intake (V20), the recheck before the permit reads the
 * register, and the year's total counts the persons the requester declared.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class RouteTrustIT {

  @Autowired CrossBorderFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired CrossBorderVolumes volumes;
  @Autowired Permits permits;
  @Autowired AuditChain audit;
  @Autowired ApprovalLedger ledger;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  List<String> events(ProcessInstance transfer) {
    return audit.events("request", transfer.getId()).stream().map(AuditEvent::type).toList();
  }

  void forge(ProcessInstance transfer, Object... keyValues) {
    Map<String, Object> forged = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      forged.put((String) keyValues[i], keyValues[i + 1]);
    }
    runtimeService.setVariables(transfer.getId(), forged);
  }

  List<Object> slotGroups(ProcessInstance transfer) {
    return fixture.open(transfer, "approve").stream()
        .map(t -> taskService.getVariable(t.getId(), "approverGroup")).sorted().map(Object.class::cast).toList();
  }

  ProcessInstance importantDataUpToApproval() {
    ProcessInstance transfer = fixture.start("lisi", request("IMPORTANT", 0, 0, "2026-11-23", "2026-12-31"));
    assertThat(runtimeService.getVariable(transfer.getId(), "crossBorderRoute")).isEqualTo("SECURITY_ASSESSMENT");
    return transfer;
  }

  void writeSelfAssessment(ProcessInstance transfer) {
    fixture.complete("zhaoliu", fixture.only(transfer, "writeSelfAssessment"), Map.of(
        "saPurposeLawfulness", "售后服务所必需", "saDataRisk", "低风险", "saRecipientCapability", "ISO 27001",
        "saTransferRisks", "专线加密", "saLegalDocuments", "合同已约定", "saOther", "无", "saReportReference", "SA-2026-12"));
  }

  @Test
  void importantDataRelabelledExemptInTheVariablesStillNeedTheSecurityAssessmentAndItsApprovers() {
    ProcessInstance honest = importantDataUpToApproval();
    writeSelfAssessment(honest);
    ProcessInstance transfer = importantDataUpToApproval();
    forge(transfer, "crossBorderRoute", "EXEMPT", "importantData", false, "coreData", false, "ciio", false,
        "exemptionGround", "EMERGENCY");
    writeSelfAssessment(transfer);
    assertThat(slotGroups(transfer)).isEqualTo(slotGroups(honest)); // the policy asked with the recorded route
    fixture.approveAll(transfer);
    // 000 §8.1.2: the assessment is still ahead and no permit exists; an exempt branch would have issued one now
    assertThat(fixture.open(transfer, "submitToCac")).hasSize(1);
    assertThat(permits.findByRequest(transfer.getId())).isEmpty();
    assertThat(runtimeService.getVariable(transfer.getId(), "permitId")).isNull();
  }

  /** Non-personal trade data (§8.5(1)): exempt on the registered content, up to the approvals. */
  ProcessInstance tradeDataUpToApproval() {
    ProcessInstance transfer = fixture.start("lisi",
        with(request("GENERAL", 0, 0, "2026-11-23", "2026-12-31"), "exemptionGround", "TRADE_NO_PERSONAL_OR_IMPORTANT"));
    fixture.complete("zhaoliu", fixture.only(transfer, "confirmExemption"),
        Map.of("exemptionEvidence", "仅含订单和物流数据", "exemptionConfirmed", true));
    return transfer;
  }

  @Test
  void forgedRouteInputsNeitherStopAnExemptTransferNorMoveItIntoNextYear() {
    ProcessInstance transfer = tradeDataUpToApproval();
    // each of these, read by the recheck, would make the route PROHIBITED or count the transfer in 2027
    forge(transfer, "coreData", true, "importantData", true, "ciio", true, "exemptionGround", "NONE",
        "validFrom", "2027-01-05T00:00:00+08:00", "transferYear", 2027, "crossBorderRoute", "SECURITY_ASSESSMENT",
        "routeRule", "伪造的规则");
    fixture.approveAll(transfer);
    assertThat(permits.findByRequest(transfer.getId())).isPresent();
    // the ledger row names the registered exemption and the route decided at intake, not the rewritten variables
    assertThat(ledger.of(transfer.getId()).orElseThrow().particulars())
        .contains("\"exemptionGround\":\"TRADE_NO_PERSONAL_OR_IMPORTANT\"", "\"crossBorderRoute\":\"EXEMPT\"")
        .doesNotContain("伪造的规则");
    assertThat(events(transfer)).contains("PERMIT_ISSUED")
        .doesNotContain("CROSS_BORDER_ROUTE_CHANGED", "CROSS_BORDER_YEAR_MOVED");
    assertThat(volumes.entries(2026)).anyMatch(e -> transfer.getId().equals(e.requestId()));
    assertThat(volumes.entries(2027)).noneMatch(e -> transfer.getId().equals(e.requestId()));
  }

  @Test
  void aForgedPersonCountDoesNotShrinkWhatTheYearsTotalCounts() {
    // §8.5(2) exempts the transfer, yet its 2,000 persons count toward the year's thresholds (§8.1.1, §8.2.1)
    ProcessInstance transfer = fixture.start("lisi", with(request("GENERAL", 2_000, 0, "2026-11-23", "2026-12-31"),
        "exemptionGround", "CONTRACT_WITH_INDIVIDUAL"));
    fixture.recordConsent(transfer);
    fixture.complete("zhaoliu", fixture.only(transfer, "confirmExemption"),
        Map.of("exemptionEvidence", "合同履行", "exemptionConfirmed", true));
    forge(transfer, "transferPersonsNonSensitive", 0L, "transferPersonsSensitive", 0L);
    fixture.approveAll(transfer);
    assertThat(volumes.entries(2026)).filteredOn(e -> transfer.getId().equals(e.requestId()))
        .singleElement().satisfies(e -> assertThat(e.personsNonSensitive()).isEqualTo(2_000L));
  }
}
