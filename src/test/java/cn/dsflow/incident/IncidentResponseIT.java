package cn.dsflow.incident;

import static cn.dsflow.EngineTestSupport.at;
import static cn.dsflow.incident.IncidentFixture.facts;
import static cn.dsflow.EngineTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.system.EngineRefusal;
import java.io.ByteArrayInputStream;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** incident-response end to end on the real engine and the BPMN in bpmn/: who acts, in what order, by when, on record. */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class IncidentResponseIT {

  static final String DISCOVERED = "2026-11-23T09:40:00+08:00";
  static final Date MONDAY_TEN = at("2026-11-23T10:00:00+08:00");

  @Autowired IncidentFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired AuditChain audit;
  @Autowired IncidentDocumentStore documents;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  List<String> eventTypes(ProcessInstance incident) {
    return audit.events("incident", incident.getId()).stream().map(AuditEvent::type).toList();
  }

  @Test
  void majorIncidentOpensRegulatorAndCacReportsWithTheirClocksAndTheTierTwoPlaybook() {
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "personsAffected", 12_000_000));
    Task confirm = fixture.only(incident, "confirmLevel");
    assertThat(taskService.getVariable(confirm.getId(), "proposedMiitLevel")).isEqualTo("II");
    assertThat(taskService.getVariable(confirm.getId(), "proposedCacLevel")).isEqualTo("II");
    assertThat(confirm.getDueDate()).isEqualTo(at("2026-11-23T10:10:00+08:00")); // discovery + 30 min
    fixture.confirmAsProposed(incident, false);
    assertThat(fixture.variable(incident, "incidentLevel")).isEqualTo("II");

    Task regulator = fixture.only(incident, "reportToRegulator");
    assertThat(regulator.getDueDate()).isEqualTo(at("2026-11-23T10:10:00+08:00")); // 立即: 30 min at 重大 and above
    Task cac = fixture.only(incident, "reportToCac");
    assertThat(cac.getDueDate()).isEqualTo(at("2026-11-23T13:40:00+08:00")); // 4 hours from discovery
    assertThat(fixture.open(incident, "reportToPolice")).isEmpty();
    assertThat(fixture.open(incident, "notifyAffectedParties")).isEmpty();
    assertThat(fixture.open(incident, "leadResponse")).isEmpty(); // the playbook follows the first response
    fixture.firstResponse(incident);
    Task lead = fixture.only(incident, "leadResponse");
    assertThat(taskService.getIdentityLinksForTask(lead.getId())).anyMatch(l -> "dsDirect".equals(l.getGroupId()));
    assertThat(fixture.open(incident, "formTaskForce")).isEmpty();
    assertThat(eventTypes(incident)).containsSubsequence("INCIDENT_REPORTED", "INCIDENT_GRADING_PROPOSED",
        "INCIDENT_GRADED", "INCIDENT_DUTIES_OPENED", "REPORT_DUTY_OPENED", "INCIDENT_EVIDENCE_REGISTERED");
  }

  @Test
  void criticalInfrastructureReportsWithinOneHourToItsProtectionDepartmentInsteadOfTheProvincialCac() {
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "ciiInvolved", true, "ciiOutageMinutes", 15));
    fixture.confirmAsProposed(incident, false);
    assertThat(fixture.only(incident, "reportToCiiAuthority").getDueDate()).isEqualTo(at("2026-11-23T10:40:00+08:00"));
    assertThat(fixture.open(incident, "reportToCac")).isEmpty();
    assertThat(fixture.open(incident, "reportToRegulator")).isEmpty(); // MIIT 一般, general data
  }

  @Test
  void importantDataAtAnyLevelIsReportedToTheRegulatorWithinTheOneHourSla() {
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "dataLevel", "IMPORTANT"));
    fixture.confirmAsProposed(incident, false);
    assertThat(fixture.variable(incident, "miitLevel")).isEqualTo("IV");
    assertThat(fixture.only(incident, "reportToRegulator").getDueDate()).isEqualTo(at("2026-11-23T10:40:00+08:00"));
    assertThat(fixture.open(incident, "reportToCac")).isEmpty();
  }

  @Test
  void generalIncidentOwesNoReportRunsTierFourAndClosesWithAShortRecord() {
    ProcessInstance incident = fixture.report("lisi", facts(DISCOVERED));
    fixture.confirmAsProposed(incident, false);
    assertThat(fixture.variable(incident, "reportsDue")).isEqualTo("");
    fixture.firstResponse(incident);
    fixture.complete("chenyi", fixture.only(incident, "rectifyAndProtect"),
        Map.of("rectification", "修复接口鉴权", "protectionMeasures", "增加调用频率限制"));
    engine.setClock(at("2026-11-23T16:30:00+08:00"));
    fixture.endResponse(incident, "2026-11-23T16:00:00+08:00");
    assertThat(fixture.open(incident, "writeSummaryReport")).isEmpty();
    assertThat(fixture.open(incident, "writeCacSummaryReport")).isEmpty();
    fixture.complete("chenyi", fixture.only(incident, "closeIncidentRecord"),
        Map.of("closeSummary", "已处置", "closeRectification", "已整改"));
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(incident.getId()).singleResult().getState())
        .isEqualTo("COMPLETED");
    assertThat(eventTypes(incident)).endsWith("INCIDENT_CLOSED");
  }

  @Test
  void crimeAndSubstantiveHarmOpenThePoliceReportAndTheAffectedPartyNotice() {
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "crimeSuspected", true));
    fixture.confirmAsProposed(incident, true);
    assertThat(fixture.only(incident, "reportToPolice").getDueDate()).isEqualTo(at("2026-11-24T09:40:00+08:00"));
    assertThat(fixture.only(incident, "notifyAffectedParties").getDueDate()).isEqualTo(at("2026-11-24T09:40:00+08:00"));
  }

  @Test
  void tierOneIsLedByTheFirstResponsiblePersonWithTheDirectResponsiblePersonRunningTheDutyWatch() {
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "directLossYuan", 1_000_000_000L));
    fixture.confirmAsProposed(incident, false);
    fixture.firstResponse(incident);
    Task taskForce = fixture.only(incident, "formTaskForce");
    Task dutyWatch = fixture.only(incident, "organiseDutyWatch");
    assertThat(taskService.getIdentityLinksForTask(taskForce.getId())).anyMatch(l -> "dsFirst".equals(l.getGroupId()));
    assertThat(taskService.getIdentityLinksForTask(dutyWatch.getId())).anyMatch(l -> "dsDirect".equals(l.getGroupId()));
    // an irt member is not the first responsible person: the engine refuses the claim
    engine.actAs("chenyi");
    try {
      assertThatThrownBy(() -> taskService.claim(taskForce.getId(), "chenyi")).isNotNull();
    } finally {
      engine.actAsNobody();
    }
    fixture.complete("zhouba", taskForce, Map.of("taskForceMembers", "周八（组长）、孙七、陈一", "taskForceMeasures", "全网排查"));
  }

  @Test
  void overridingTheTablesNeedsAReasonAndIsAudited() {
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "directLossYuan", 60_000_000));
    Task confirm = fixture.only(incident, "confirmLevel");
    Map<String, Object> noReason = Map.of("confirmedMiitLevel", "IV", "confirmedCacLevel", "II", "substantiveHarm", false);
    assertThatThrownBy(() -> fixture.complete("chenyi", confirm, noReason))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("gradingReason"));
    assertThat(eventTypes(incident)).doesNotContain("INCIDENT_GRADED");
    fixture.complete("chenyi", fixture.only(incident, "confirmLevel"), Map.of("confirmedMiitLevel", "II",
        "confirmedCacLevel", "II", "gradingReason", "损失仍在扩大，预计超过 1 亿元", "substantiveHarm", false));
    AuditEvent graded = audit.eventsOfType("INCIDENT_GRADED").stream()
        .filter(e -> e.subjectId().equals(incident.getId())).findFirst().orElseThrow();
    assertThat(graded.actor()).isEqualTo("chenyi");
    assertThat(graded.detail()).contains("\"overridden\":true", "\"proposedMiitLevel\":\"III\"", "损失仍在扩大");
  }

  @Test
  void anExactHourBoundaryIsGradedUpAndNeedsTheLeadsReview() {
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "outageHours", 8));
    Task confirm = fixture.only(incident, "confirmLevel");
    assertThat(taskService.getVariable(confirm.getId(), "proposedMiitLevel")).isEqualTo("III");
    assertThat(taskService.getVariable(confirm.getId(), "gradingBoundary")).isEqualTo(true);
    assertThatThrownBy(() -> fixture.complete("chenyi", confirm,
        Map.of("confirmedMiitLevel", "III", "confirmedCacLevel", "IV", "substantiveHarm", false)))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("gradingReason"));
  }

  @Test
  void regradingUpMidResponseStartsTheHigherTierAndOnlyTheReportsNowDue() {
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "sensitivePersonsAffected", 150_000));
    fixture.confirmAsProposed(incident, false); // MIIT III, CAC IV
    assertThat(fixture.open(incident, "reportToRegulator")).hasSize(1);
    assertThat(fixture.open(incident, "reportToCac")).isEmpty();
    fixture.firstResponse(incident);
    assertThat(fixture.open(incident, "monitorAndHarden")).hasSize(1);

    engine.setClock(at("2026-11-23T15:00:00+08:00"));
    runtimeService.createMessageCorrelation("incidentRegradeRequested").processInstanceId(fixture.response(incident)).correlate();
    Map<String, Object> worse = with(facts(DISCOVERED), "sensitivePersonsAffected", 1_500_000, "personsAffected", 1_500_000,
        "regradeReason", "溯源发现泄露范围扩大");
    fixture.complete("chenyi", fixture.only(incident, "updateIncidentFacts"), worse);
    Task confirm = fixture.only(incident, "confirmRegrading");
    assertThat(taskService.getVariable(confirm.getId(), "proposedMiitLevel")).isEqualTo("II");
    assertThat(taskService.getVariable(confirm.getId(), "proposedCacLevel")).isEqualTo("III");
    fixture.complete("chenyi", confirm, Map.of("confirmedMiitLevel", "II", "confirmedCacLevel", "III",
        "gradingReason", "按分级表", "substantiveHarm", false));

    assertThat(fixture.open(incident, "leadResponse")).hasSize(1); // tier II starts
    assertThat(fixture.open(incident, "reportToRegulator")).hasSize(1); // never a second one
    // the CAC duty arose with the re-grading: 4 hours from then, not from discovery
    assertThat(fixture.only(incident, "reportToCac").getDueDate()).isEqualTo(at("2026-11-23T19:00:00+08:00"));
    assertThat(eventTypes(incident)).contains("INCIDENT_FACTS_UPDATED", "INCIDENT_REGRADED");
  }

  @Test
  void aSecondReGradingMustBeAnsweredAfreshNotByTheFirstOnesAnswers() {
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "sensitivePersonsAffected", 150_000));
    fixture.confirmAsProposed(incident, false);
    for (int round = 0; round < 2; round++) {
      runtimeService.createMessageCorrelation("incidentRegradeRequested").processInstanceId(fixture.response(incident)).correlate();
      Task facts = fixture.only(incident, "updateIncidentFacts");
      if (round == 1) {
        // the facts stay as they are, but a reason for the change is owed each time
        assertThatThrownBy(() -> fixture.complete("chenyi", facts, Map.of()))
            .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("regradeReason"));
      }
      fixture.complete("chenyi", fixture.only(incident, "updateIncidentFacts"), Map.of("regradeReason", "第 " + round + " 次核实"));
      Task confirm = fixture.only(incident, "confirmRegrading");
      if (round == 1) {
        assertThatThrownBy(() -> fixture.complete("chenyi", confirm, Map.of()))
            .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("confirmedMiitLevel"));
      }
      fixture.complete("chenyi", fixture.only(incident, "confirmRegrading"), Map.of("confirmedMiitLevel", "III",
          "confirmedCacLevel", "IV", "gradingReason", "事实未变", "substantiveHarm", false));
    }
    assertThat(fixture.variable(incident, "dataLevel")).isEqualTo("GENERAL");
  }

  @Test
  void aLateReportIsEscalatedAndMarkedButStaysOwed() {
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "directLossYuan", 6_000_000));
    fixture.confirmAsProposed(incident, false); // CAC 较大: 4 hours
    engine.setClock(at("2026-11-23T13:39:00+08:00"));
    engine.runDueJobs();
    assertThat(eventTypes(incident)).doesNotContain("INCIDENT_DEADLINE_MISSED");
    engine.setClock(at("2026-11-23T13:41:00+08:00"));
    engine.runDueJobs();
    assertThat(eventTypes(incident)).contains("INCIDENT_DEADLINE_MISSED");
    assertThat(fixture.open(incident, "reportToCac")).hasSize(1);
  }

  @Test
  void cacFirstReportOfItemsOneAndTwoOpensTheSupplementAndProducesAWordDocument() throws Exception {
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "directLossYuan", 6_000_000));
    fixture.confirmAsProposed(incident, false);
    fixture.complete("zhaoliu", fixture.only(incident, "reportToCac"), Map.of(
        "cacItem1Unit", "某某通信有限公司 用户中心", "cacItem2Situation", "11月23日09:40发现接口被批量调用",
        "cacRecipient", "北京市网信办", "cacChannel", "HOTLINE_12387", "cacSubmittedAt", "2026-11-23T10:00:00+08:00"));
    Task supplement = fixture.only(incident, "supplementCacReport");
    assertThat(supplement.getDueDate()).isEqualTo(at("2026-11-24T10:00:00+08:00"));
    var doc = documents.of(incident.getId()).stream().filter(d -> d.kind().equals("CAC")).findFirst().orElseThrow();
    byte[] docx = documents.content(incident.getId(), doc.id()).orElseThrow();
    try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(docx))) {
      List<String> headings = word.getParagraphs().stream().filter(p -> "Heading1".equals(p.getStyle()))
          .map(XWPFParagraph::getText).toList();
      assertThat(headings).contains("（一）涉事单位名称及涉事系统或设施基本情况", "（七）事件现场保护情况");
      assertThat(word.getParagraphs().stream().map(XWPFParagraph::getText))
          .anyMatch(t -> t.contains("12387 热线"));
    }
    assertThat(eventTypes(incident)).contains("INCIDENT_DOCUMENT_GENERATED");
  }

  @Test
  void badReportsAreRefusedFieldByFieldAndLeaveNoIncident() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("incident-response").count();
    assertRefused(with(facts(DISCOVERED), "title", " "), "title");
    assertRefused(with(facts(DISCOVERED), "personsAffected", -1), "personsAffected");
    assertRefused(with(facts(DISCOVERED), "domain", "SPACE"), "domain");
    assertRefused(with(facts(DISCOVERED), "discoveredAt", "2026-11-23T09:40"), "discoveredAt");
    assertRefused(with(facts(DISCOVERED), "discoveredAt", "2026-11-30T09:40:00+08:00"), "discoveredAt");
    assertRefused(with(facts(DISCOVERED), "source", "REGULATOR_NOTICE"), "notifyingAuthority");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("incident-response").count()).isEqualTo(before);
  }

  void assertRefused(Map<String, Object> report, String field) {
    assertThatThrownBy(() -> fixture.report("lisi", report))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith(field));
  }

  @Test
  void theResponseCannotBeDeclaredOverWhileADutyIsOpen() {
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "dataLevel", "IMPORTANT"));
    fixture.confirmAsProposed(incident, false);
    fixture.firstResponse(incident);
    fixture.complete("chenyi", fixture.only(incident, "rectifyAndProtect"),
        Map.of("rectification", "修复", "protectionMeasures", "加固"));
    // the regulator report is still open, so the join has not been reached: no end task yet
    assertThat(fixture.open(incident, "declareResponseEnded")).isEmpty();
    fixture.complete("zhaoliu", fixture.only(incident, "reportToRegulator"), Map.of(
        "reportingUnit", "某某通信有限公司", "regImpact", "少量用户资料", "regMeasuresTaken", "已封禁", "regSuggestions", "加强鉴权",
        "regRecipient", "北京市通信管理局", "regChannel", "WRITTEN", "regSubmittedAt", "2026-11-23T10:00:00+08:00"));
    runtimeService.createMessageCorrelation("incidentRegradeRequested").processInstanceId(fixture.response(incident)).correlate();
    engine.setClock(at("2026-11-23T11:00:00+08:00"));
    assertThatThrownBy(() -> fixture.endResponse(incident, "2026-11-23T10:50:00+08:00"))
        .satisfies(e -> assertThat(EngineRefusal.in(e).status()).isEqualTo(409));
  }

  @Test
  void warningOfAPossibleMajorIncidentIsReportedAtOnceAndCanBeLifted() {
    ProcessInstance warning = fixture.report("lisi", with(facts(DISCOVERED), "reportKind", "WARNING", "directLossYuan", 60_000_000));
    Task report = fixture.only(warning, "reportWarningToRegulator");
    assertThat(report.getDueDate()).isEqualTo(at("2026-11-23T10:40:00+08:00"));
    fixture.complete("chenyi", report, Map.of("reportingUnit", "某某通信有限公司", "warnPossibleScope", "计费系统",
        "warnMeasures", "隔离", "warnRecipient", "北京市通信管理局", "warnChannel", "PHONE", "warnSubmittedAt", "2026-11-23T10:05:00+08:00"));
    fixture.complete("chenyi", fixture.only(warning, "assessWarning"),
        Map.of("warningOutcome", "LIFTED", "warningAssessment", "漏洞已修补，未发生数据泄露"));
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(warning.getId()).singleResult().getState())
        .isEqualTo("COMPLETED");
    assertThat(fixture.open(warning, "confirmLevel")).isEmpty();
  }

  @Test
  void aWarningThatBecomesAnIncidentEntersTheResponseWithItsClocksFromThatMoment() {
    ProcessInstance warning = fixture.report("lisi", with(facts(DISCOVERED), "reportKind", "WARNING"));
    assertThat(fixture.open(warning, "reportWarningToRegulator")).isEmpty(); // below 较大: no warning report
    engine.setClock(at("2026-11-23T14:00:00+08:00"));
    fixture.complete("chenyi", fixture.only(warning, "assessWarning"),
        Map.of("warningOutcome", "BECAME_INCIDENT", "warningAssessment", "已发生数据泄露"));
    assertThat(fixture.only(warning, "confirmLevel").getDueDate()).isEqualTo(at("2026-11-23T14:30:00+08:00"));
  }
}
