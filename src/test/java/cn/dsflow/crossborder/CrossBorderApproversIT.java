package cn.dsflow.crossborder;

import static cn.dsflow.EngineTestSupport.with;
import static cn.dsflow.crossborder.CrossBorderFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * approval-policy follows the cross-border route: a transfer the route sends to the CAC security assessment (§8.1.1)
 * is approved by the owning department's head, the data-security department, the direct and the first responsible
 * person, whatever the data level; other routes keep the level's slots.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class CrossBorderApproversIT {

  @Autowired CrossBorderFixture fixture;
  @Autowired ApprovalFixture approvals;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  List<String> slots(ProcessInstance transfer) {
    return approvals.openTasks(transfer, "approve").stream()
        .map(t -> (String) taskService.getVariable(t.getId(), "approverGroup")).toList();
  }

  void selfAssessment(ProcessInstance transfer) {
    fixture.complete("zhaoliu", fixture.only(transfer, "writeSelfAssessment"), Map.of(
        "saPurposeLawfulness", "售后服务所必需", "saDataRisk", "低风险", "saRecipientCapability", "ISO 27001",
        "saTransferRisks", "专线加密", "saLegalDocuments", "合同已约定", "saOther", "无", "saReportReference", "SA-2026-09"));
  }

  @Test
  void aCiioSendingPersonalInformationOfGeneralDataIsApprovedByTheDirectAndFirstResponsiblePersons() {
    ProcessInstance transfer = fixture.start("lisi", with(request("GENERAL", 1, 0, "2026-11-23", "2026-12-31"), "ciio", true));
    assertThat(runtimeService.getVariable(transfer.getId(), "crossBorderRoute")).isEqualTo("SECURITY_ASSESSMENT");
    fixture.recordConsent(transfer);
    selfAssessment(transfer);
    assertThat(slots(transfer)).containsExactlyInAnyOrder("deptHead", "dso", "dsDirect", "dsFirst");
  }

  @Test
  void theSameGeneralDataWithoutPersonalInformationIsExemptAndKeepsOneApprover() {
    ProcessInstance transfer = fixture.start("lisi", with(request("GENERAL", 0, 0, "2026-11-23", "2026-12-31"), "ciio", true));
    assertThat(runtimeService.getVariable(transfer.getId(), "crossBorderRoute")).isEqualTo("EXEMPT");
    fixture.complete("zhaoliu", fixture.only(transfer, "confirmExemption"),
        Map.of("exemptionEvidence", "不含个人信息", "exemptionConfirmed", true));
    assertThat(slots(transfer)).containsExactly("deptHead");
  }

  @Test
  void importantDataGoingToTheAssessmentGetTheFirstResponsiblePersonOnceNoSlotTwice() {
    ProcessInstance transfer = fixture.start("lisi", request("IMPORTANT", 0, 0, "2026-11-23", "2026-12-31"));
    selfAssessment(transfer);
    assertThat(slots(transfer)).containsExactlyInAnyOrder("deptHead", "dso", "dsDirect", "dsFirst");
  }

  @Test
  void theTableAnswersTheSameThroughEngineRest() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String assessment = "{\"variables\":{\"operationType\":{\"value\":\"CROSS_BORDER\"},\"dataLevel\":{\"value\":\"GENERAL\"},"
        + "\"crossBorderRoute\":{\"value\":\"SECURITY_ASSESSMENT\"}}}";
    String answer = http.withBasicAuth("admin", "demo-admin").postForObject(
        "/engine-rest/decision-definition/key/approval-policy/evaluate", new HttpEntity<>(assessment, headers), String.class);
    assertThat(answer).contains("deptHead", "dso", "dsDirect", "dsFirst");
    String contract = assessment.replace("SECURITY_ASSESSMENT", "STANDARD_CONTRACT_OR_CERTIFICATION");
    answer = http.withBasicAuth("admin", "demo-admin").postForObject(
        "/engine-rest/decision-definition/key/approval-policy/evaluate", new HttpEntity<>(contract, headers), String.class);
    assertThat(answer).contains("deptHead").doesNotContain("dsDirect", "dsFirst", "\"dso\"");
  }
}
