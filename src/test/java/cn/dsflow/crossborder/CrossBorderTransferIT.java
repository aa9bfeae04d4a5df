package cn.dsflow.crossborder;

import static cn.dsflow.EngineTestSupport.at;
import static cn.dsflow.crossborder.CrossBorderFixture.request;
import static cn.dsflow.EngineTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.ApprovalLedger;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.permit.Permit;
import cn.dsflow.permit.PermitGate;
import cn.dsflow.permit.Permits;
import cn.dsflow.system.EngineRefusal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * cross-border-transfer on the real engine with the BPMN and DMN from bpmn/. The yearly totals are shared by the whole
 * suite, so each test that depends on them works in a year of its own (2024: splitting, 2025: the new year's reset,
 * 2023: corrections); the 2026 tests keep their persons far from every threshold or are never counted.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class CrossBorderTransferIT {

  @Autowired CrossBorderFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired AuditChain audit;
  @Autowired Permits permits;
  @Autowired PermitGate gate;
  @Autowired ApprovalLedger ledger;
  @Autowired CrossBorderVolumes volumes;
  @Autowired CrossBorderClock clock;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  String route(ProcessInstance transfer) {
    return (String) runtimeService.getVariable(transfer.getId(), "crossBorderRoute");
  }

  List<String> events(ProcessInstance transfer) {
    return audit.events("request", transfer.getId()).stream().map(AuditEvent::type).toList();
  }

  String state(ProcessInstance transfer) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceId(transfer.getId()).singleResult().getState();
  }

  /** An exempt transfer of a few persons' data, from request to permit. */
  ProcessInstance exemptUpToPermit(String from, String until, long persons, String ground) {
    ProcessInstance transfer = fixture.start("lisi", with(request("GENERAL", persons, 0, from, until), "exemptionGround", ground));
    fixture.recordConsent(transfer);
    fixture.complete("zhaoliu", fixture.only(transfer, "confirmExemption"),
        Map.of("exemptionEvidence", "本年累计不满 10 万人", "exemptionConfirmed", true));
    fixture.approveAll(transfer);
    return transfer;
  }

  ProcessInstance assessmentUpToPermit() {
    ProcessInstance transfer = fixture.start("lisi", request("IMPORTANT", 0, 0, "2026-11-23", "2026-12-31"));
    assertThat(route(transfer)).isEqualTo("SECURITY_ASSESSMENT");
    assertThat(fixture.open(transfer, "recordConsentAndPia")).isEmpty(); // no personal information
    fixture.complete("zhaoliu", fixture.only(transfer, "writeSelfAssessment"), Map.of(
        "saPurposeLawfulness", "售后服务所必需", "saDataRisk", "重要数据 2 万条，中风险", "saRecipientCapability", "ISO 27001",
        "saTransferRisks", "专线加密", "saLegalDocuments", "合同已约定", "saOther", "无", "saReportReference", "SA-2026-07"));
    fixture.approveAll(transfer);
    fixture.complete("zhaoliu", fixture.only(transfer, "submitToCac"), Map.of(
        "cacSubmittedDate", "2026-11-23", "cacSubmissionChannel", "ONLINE", "cacSubmissionReference", "SJCJ-2026-1"));
    fixture.complete("zhaoliu", fixture.only(transfer, "recordCacOutcome"),
        Map.of("cacOutcome", "RETURNED", "cacResultDate", "2026-11-23", "cacOutcomeNote", "补充法律文件"));
    fixture.complete("zhaoliu", fixture.only(transfer, "supplementAssessment"),
        Map.of("supplementMaterials", "补充合同附件", "supplementSubmittedDate", "2026-11-23"));
    fixture.complete("zhaoliu", fixture.only(transfer, "recordCacOutcome"),
        Map.of("cacOutcome", "APPROVED", "cacResultDate", "2026-11-23", "cacResultReference", "网信评〔2026〕1号"));
    return transfer;
  }

  @Test
  void anExemptTransferRunsThroughConsentApprovalPermitAndTheLedger() {
    // an exemption ground, not a count: other 2026 tests send sensitive data abroad, which counts for the whole year
    ProcessInstance transfer = exemptUpToPermit("2026-11-23", "2026-12-31", 3_000, "CONTRACT_WITH_INDIVIDUAL");
    assertThat(route(transfer)).isEqualTo("EXEMPT");
    String permitId = (String) runtimeService.getVariable(transfer.getId(), "permitId");
    engine.setClock(at("2026-11-23T11:00:00+08:00"));
    gate.use(permitId, new PermitGate.Use("sync-job", 20_000, "Example Service GmbH"), "lisi");
    fixture.complete("lisi", fixture.only(transfer, "recordResult"),
        Map.of("actualRecordCount", 20_000, "completedAt", "2026-11-23T11:00:00+08:00"));
    assertThat(state(transfer)).isEqualTo("COMPLETED");
    ApprovalLedger.Entry row = ledger.find(new ApprovalLedger.Filter(null, null, "CROSS_BORDER", null, null)).stream()
        .filter(e -> e.requestId().equals(transfer.getId())).findFirst().orElseThrow();
    assertThat(row.particulars()).contains("\"crossBorderRoute\":\"EXEMPT\"", "§8.5(2)", "\"recipientCountry\":\"德国\"");
    assertThat(events(transfer)).containsSubsequence("REQUEST_SUBMITTED", "CROSS_BORDER_ROUTE_DECIDED", "PERMIT_ISSUED",
        "CROSS_BORDER_VOLUME_COUNTED", "PERMIT_USED");
  }

  @Test
  void splittingATransferCannotDodgeTheThresholdAndTheCountResetsOnFirstJanuary() {
    engine.setClock(at("2024-03-04T10:00:00+08:00"));
    ProcessInstance first = fixture.start("lisi", request("GENERAL", 60_000, 0, "2024-03-04", "2024-06-30"));
    ProcessInstance second = exemptUpToPermit("2024-03-04", "2024-06-30", 60_000, "NONE");
    assertThat(route(first)).isEqualTo("EXEMPT");
    assertThat(route(second)).isEqualTo("EXEMPT");
    assertThat(volumes.totals(2024).personsNonSensitive()).isEqualTo(60_000);
    // the first half is approved after the second was counted: together they need a standard contract
    fixture.recordConsent(first);
    fixture.complete("zhaoliu", fixture.only(first, "confirmExemption"), Map.of("exemptionEvidence", "x", "exemptionConfirmed", true));
    fixture.approveAll(first);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(first.getId()).count()).isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(first.getId())
        .activityId("routeChanged").count()).isEqualTo(1);
    assertThat(permits.findByRequest(first.getId())).isEmpty();
    assertThat(volumes.totals(2024).personsNonSensitive()).isEqualTo(60_000);
    ProcessInstance third = fixture.start("lisi", request("GENERAL", 60_000, 0, "2024-03-04", "2024-06-30"));
    assertThat(route(third)).isEqualTo("STANDARD_CONTRACT_OR_CERTIFICATION");
    assertThat(runtimeService.getVariable(third.getId(), "personsNonSensitive")).isEqualTo(120_000L);

    engine.setClock(at("2025-01-02T10:00:00+08:00"));
    ProcessInstance nextYear = fixture.start("lisi", request("GENERAL", 60_000, 0, "2025-01-02", "2025-06-30"));
    assertThat(route(nextYear)).isEqualTo("EXEMPT");
    assertThat(runtimeService.getVariable(nextYear.getId(), "personsNonSensitive")).isEqualTo(60_000L);
  }

  @Test
  void securityAssessmentWithASupplementLoopIssuesAPermitAndWatchesTheThreeYearValidity() {
    ProcessInstance transfer = assessmentUpToPermit();
    assertThat(runtimeService.getVariable(transfer.getId(), "assessmentValidUntil")).isEqualTo(at("2029-11-23T23:59:59+08:00"));
    String permitId = (String) runtimeService.getVariable(transfer.getId(), "permitId");
    engine.setClock(at("2026-11-23T11:00:00+08:00"));
    gate.use(permitId, new PermitGate.Use("sync-job", 100, "Example Service GmbH"), "lisi");
    fixture.complete("lisi", fixture.only(transfer, "recordResult"),
        Map.of("actualRecordCount", 100, "completedAt", "2026-11-23T11:00:00+08:00"));
    Job watch = managementService.createJobQuery().processInstanceId(transfer.getId()).timers().singleResult();
    assertThat(watch.getDuedate()).isEqualTo(at("2029-06-26T00:00:00+08:00")); // 150 days before expiry
    assertThat(state(transfer)).isEqualTo("ACTIVE");
  }

  @Test
  void renewalOpensOnTheSixtiethWorkingDayBeforeExpiryCountingAMakeUpSaturday() {
    // valid until 31 Dec 2026: counting back 60 working days over National Day lands on Saturday 10 Oct (调休)
    assertThat(clock.renewalOpensAt(at("2026-12-31T23:59:59+08:00"))).isEqualTo(at("2026-10-10T09:00:00+08:00"));
  }

  @Test
  void aCacTerminationNoticeRevokesTheUnusedPermitAndTheGateRefusesIt() {
    ProcessInstance transfer = assessmentUpToPermit();
    String permitId = (String) runtimeService.getVariable(transfer.getId(), "permitId");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    HttpEntity<String> notice = new HttpEntity<>("{\"note\":\"网信部门书面通知终止出境\"}", headers);
    String path = "/api/cross-border/" + transfer.getId() + "/termination";
    assertThat(http.withBasicAuth("lisi", "demo").postForEntity(path, notice, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("zhaoliu", "demo").postForEntity(path, notice, String.class).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    assertThat(permits.find(permitId).orElseThrow().status()).isEqualTo(Permit.Status.REVOKED);
    assertThat(state(transfer)).isEqualTo("COMPLETED");
    assertThatThrownBy(() -> gate.use(permitId, new PermitGate.Use("sync-job", 100, "Example Service GmbH"), "lisi"))
        .hasMessageContaining("revoked");
    assertThat(events(transfer)).contains("CROSS_BORDER_STOPPED");
    assertThat(http.withBasicAuth("zhaoliu", "demo").postForEntity(path, notice, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void standardContractMustBeFiledWithinTenWorkingDaysAndALateSupplementEndsTheFiling() {
    ProcessInstance transfer = fixture.start("lisi", request("GENERAL", 150_000, 0, "2026-11-23", "2026-12-31"));
    assertThat(route(transfer)).isEqualTo("STANDARD_CONTRACT_OR_CERTIFICATION");
    fixture.recordConsent(transfer);
    fixture.complete("lisi", fixture.only(transfer, "chooseMechanism"), Map.of("mechanism", "CONTRACT", "mechanismReason", "签约较快"));
    fixture.approveAll(transfer);
    fixture.complete("wujiu", fixture.only(transfer, "signStandardContract"),
        Map.of("contractReference", "SCC-2026-9", "contractEffectiveDate", "2026-11-23"));
    Task filing = fixture.only(transfer, "fileStandardContract");
    // Mon 23 Nov: 24 25 26 27 | 30 1 2 3 4 | 7 → 10th working day is Mon 7 Dec
    assertThat(filing.getDueDate()).isEqualTo(at("2026-12-07T23:59:59+08:00"));
    engine.setClock(at("2026-12-03T08:59:00+08:00"));
    engine.runDueJobs();
    assertThat(events(transfer)).doesNotContain("DUTY_REMINDER");
    engine.setClock(at("2026-12-03T09:01:00+08:00"));
    engine.runDueJobs();
    assertThat(events(transfer)).contains("DUTY_REMINDER");
    engine.setClock(at("2026-12-07T23:59:00+08:00"));
    engine.runDueJobs();
    assertThat(events(transfer)).doesNotContain("DEADLINE_MISSED");
    engine.setClock(at("2026-12-08T00:00:30+08:00"));
    engine.runDueJobs();
    assertThat(events(transfer)).contains("DEADLINE_MISSED");
    // the flag mirrors the filing where it runs, the called cross-border-contract (mapped back to the transfer at its end)
    assertThat(runtimeService.getVariable(filing.getProcessInstanceId(), "filingOverdue")).isEqualTo(true);

    assertThatThrownBy(() -> fixture.complete("zhaoliu", filing, Map.of("filingNumber", "BA-1", "filingSubmittedDate", "2026-12-08",
        "filingSupplementRequested", true)))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("supplementRequestedDate"));
    fixture.complete("zhaoliu", fixture.only(transfer, "fileStandardContract"), Map.of("filingNumber", "BA-1",
        "filingSubmittedDate", "2026-12-08", "filingSupplementRequested", true, "supplementRequestedDate", "2026-12-08"));
    Task supplement = fixture.only(transfer, "submitFilingSupplement");
    assertThat(supplement.getDueDate()).isEqualTo(at("2026-12-22T23:59:59+08:00"));
    engine.setClock(at("2026-12-23T00:00:30+08:00"));
    engine.runDueJobs();
    assertThat(state(transfer)).isEqualTo("COMPLETED");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(transfer.getId())
        .activityId("filingLapsedEnd").count()).isEqualTo(1);
    assertThat(permits.findByRequest(transfer.getId())).isEmpty();
  }

  @Test
  void certificationNeedsItsCertificateNumberAndMayRequireRectificationFirst() {
    ProcessInstance transfer = fixture.start("lisi", request("GENERAL", 0, 200, "2026-11-23", "2026-12-31"));
    assertThat(route(transfer)).isEqualTo("STANDARD_CONTRACT_OR_CERTIFICATION");
    fixture.recordConsent(transfer);
    fixture.complete("lisi", fixture.only(transfer, "chooseMechanism"), Map.of("mechanism", "CERTIFICATION", "mechanismReason", "集团统一认证"));
    fixture.approveAll(transfer);
    fixture.complete("zhaoliu", fixture.only(transfer, "obtainCertification"),
        Map.of("certificationBody", "某认证中心", "certificationResult", "RECTIFY"));
    fixture.complete("zhaoliu", fixture.only(transfer, "rectifyForCertification"), Map.of("rectificationMeasures", "补充删除机制"));
    Task again = fixture.only(transfer, "obtainCertification");
    assertThatThrownBy(() -> fixture.complete("zhaoliu", again, Map.of("certificationBody", "某认证中心", "certificationResult", "CERTIFIED")))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("certificateNumber"));
    fixture.complete("zhaoliu", fixture.only(transfer, "obtainCertification"),
        Map.of("certificationBody", "某认证中心", "certificationResult", "CERTIFIED", "certificateNumber", "CCRC-PI-2026-88"));
    assertThat(runtimeService.getVariable(transfer.getId(), "permitOutcome")).isEqualTo("ISSUED");
  }

  @Test
  void coreDataIsProhibitedUnlessLegalRecordsAnExceptionWithItsBasis() {
    ProcessInstance refused = fixture.start("lisi", request("CORE", 0, 0, "2026-11-23", "2026-12-31"));
    assertThat(route(refused)).isEqualTo("PROHIBITED");
    Task review = fixture.only(refused, "reviewProhibitedTransfer");
    assertThatThrownBy(() -> fixture.complete("wujiu", review, Map.of("legalDecision", "OVERRIDE")))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("legalOverrideBasis"));
    fixture.complete("wujiu", fixture.only(refused, "reviewProhibitedTransfer"), Map.of("legalDecision", "REFUSE"));
    assertThat(state(refused)).isEqualTo("COMPLETED");
    assertThat(permits.findByRequest(refused.getId())).isEmpty();

    ProcessInstance overridden = fixture.start("lisi", request("CORE", 0, 0, "2026-11-23", "2026-12-31"));
    fixture.complete("wujiu", fixture.only(overridden, "reviewProhibitedTransfer"), Map.of("legalDecision", "OVERRIDE",
        "legalOverrideBasis", "经国家有关部门书面批准（批文号 X），仅限该批准范围"));
    assertThat(fixture.open(overridden, "writeSelfAssessment")).hasSize(1);
  }

  @Test
  void badRequestsAreRefusedFieldByFieldAndStartNothing() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("cross-border-transfer").count();
    Map<String, Object> ok = request("GENERAL", 10, 0, "2026-11-23", "2026-12-31");
    assertRefused(with(ok, "endangersNationalSecurity", true), 422, "可能危害国家安全");
    assertRefused(with(ok, "recipientCountry", ""), 400, "recipientCountry");
    assertRefused(with(ok, "exemptionGround", "TRADE_NO_PERSONAL_OR_IMPORTANT"), 400, "exemptionGround");
    assertRefused(with(ok, "exemptionGround", "BECAUSE"), 400, "exemptionGround");
    assertRefused(with(ok, "transferPersonsSensitive", -5), 400, "transferPersonsSensitive");
    assertRefused(with(ok, "validUntil", "2026-11-01"), 400, "validUntil");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("cross-border-transfer").count()).isEqualTo(before);
  }

  void assertRefused(Map<String, Object> request, int status, String reason) {
    assertThatThrownBy(() -> fixture.start("lisi", request)).satisfies(e -> {
      EngineRefusal refusal = EngineRefusal.in(e);
      assertThat(refusal.status()).isEqualTo(status);
      assertThat(refusal.reason()).contains(reason);
    });
  }

  @Test
  void officersSeeTheYearsTotalsAndOnlyDsoCorrectsThemOnTheRecord() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String body = "{\"year\":2023,\"personsNonSensitive\":500,\"personsSensitive\":0,\"reason\":\"补录 2023 年线下出境记录\"}";
    assertThat(http.withBasicAuth("lisi", "demo").postForEntity("/api/cross-border/volumes/corrections",
        new HttpEntity<>(body, headers), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("zhaoliu", "demo").postForEntity("/api/cross-border/volumes/corrections",
        new HttpEntity<>(body, headers), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    String negative = "{\"year\":2023,\"personsNonSensitive\":-100000,\"personsSensitive\":0,\"reason\":\"错误的更正\"}";
    assertThat(http.withBasicAuth("zhaoliu", "demo").postForEntity("/api/cross-border/volumes/corrections",
        new HttpEntity<>(negative, headers), String.class).getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    String noReason = "{\"year\":2023,\"personsNonSensitive\":1,\"personsSensitive\":0}";
    assertThat(http.withBasicAuth("zhaoliu", "demo").postForEntity("/api/cross-border/volumes/corrections",
        new HttpEntity<>(noReason, headers), String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    String totals = http.withBasicAuth("zhengshi", "demo").getForObject("/api/cross-border/volumes?year=2023", String.class);
    assertThat(totals).contains("\"personsNonSensitive\":500", "补录 2023 年线下出境记录");
    assertThat(audit.eventsOfType("CROSS_BORDER_VOLUME_CORRECTED")).anyMatch(e -> e.actor().equals("zhaoliu"));
  }
}
