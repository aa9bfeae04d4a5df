package cn.dsflow.risk;

import static cn.dsflow.EngineTestSupport.with;
import static cn.dsflow.EngineTestSupport.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.system.EngineRefusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
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
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** risk-report (000 §5, seed 002): every way in, the assessment's consequences, disposal, feedback, the summary. */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class RiskReportIT {

  @Autowired ApprovalFixture tasks;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired AuditChain audit;
  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  static Map<String, Object> risk(String level, String dataLevel) {
    Map<String, Object> v = new HashMap<>();
    v.put("source", "INTERNAL");
    v.put("foundDate", "2026-11-23");
    v.put("title", "数据库端口暴露在互联网");
    v.put("riskUnit", "本公司");
    v.put("systemName", "工单系统");
    v.put("domain", "TELECOM");
    v.put("category", "UNAUTHORIZED_ACCESS");
    v.put("riskLevel", level);
    v.put("dataTypes", "用户数据、运营数据");
    v.put("dataLevel", dataLevel);
    v.put("dataVolume", "暂不确定");
    v.put("originTime", "2026-11-20");
    v.put("affectedRegions", "北京、天津");
    v.put("affectedUnits", "本公司");
    v.put("affectedIndustries", "电信");
    v.put("summary", "MySQL 3306 端口对公网开放，未限制来源");
    v.put("analysis", "资产扫描发现，已验证可连接，可能导致数据泄露，附扫描截图");
    v.put("proposedHandling", "关闭公网访问，改用堡垒机");
    v.put("reportingUnit", "本公司数据安全部");
    v.put("contactPerson", "赵六");
    v.put("contactPhone", "010-12345678");
    return v;
  }

  ProcessInstance report(String user, Map<String, Object> risk) {
    return engine.start(user, "risk-report", risk);
  }

  void assess(ProcessInstance p, boolean major, boolean incident) {
    engine.complete("zhaoliu", engine.only(p.getId(), "assessRisk"), Map.of("incidentLikelihood", "MEDIUM", "possibleImpact", "可能泄露用户数据",
        "mayCauseSeriousIncident", major, "escalateToIncident", incident));
  }

  void dispose(ProcessInstance p) {
    engine.complete("zhaoliu", engine.only(p.getId(), "planDisposal"), Map.of("remediations", List.of(
        Map.of("remediationAction", "关闭 3306 公网访问", "remediationOwner", "zhangsan", "remediationDueDate", "2026-11-25"),
        Map.of("remediationAction", "排查其他暴露端口", "remediationOwner", "lisi", "remediationDueDate", "2026-11-30"))));
    List<Task> remediations = tasks.openTasks(p, "remediate");
    assertThat(remediations).extracting(Task::getAssignee).containsExactlyInAnyOrder("zhangsan", "lisi");
    assertThat(remediations).anySatisfy(t -> {
      assertThat(t.getName()).isEqualTo("整改：关闭 3306 公网访问");
      assertThat(t.getDueDate()).isEqualTo(at("2026-11-25T23:59:59+08:00"));
    });
    for (Task t : remediations) {
      engine.complete(t.getAssignee(), t, Map.of("remediationDone", "已完成", "remediationDoneAt", org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant().toString()));
    }
    engine.complete("zhaoliu", engine.only(p.getId(), "recordDisposal"), Map.of("disposalResult", "已关闭公网访问", "hardening", "统一经堡垒机访问"));
  }

  @Test
  void aPersonsReportIsAssessedDisposedThroughOwnedRemediationsAndClosed() {
    ProcessInstance p = report("lisi", risk("MEDIUM", "GENERAL"));
    assess(p, false, false);
    assertThat(tasks.openTasks(p, "reportRiskToRegulator")).isEmpty();
    dispose(p);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(p.getId()).singleResult().getState())
        .isEqualTo("COMPLETED");
    assertThat(audit.events("risk", p.getId())).extracting(AuditEvent::type).contains("RISK_REPORTED");
  }

  @Test
  void aPossibleSeriousIncidentOrImportantDataMustBeReportedToTheRegulatorWithTheAnnexOneReport() throws Exception {
    ProcessInstance major = report("lisi", risk("MEDIUM", "GENERAL"));
    assess(major, true, false);
    assertThat(engine.only(major.getId(), "reportRiskToRegulator").getDueDate()).isEqualTo(at("2026-11-23T11:00:00+08:00"));
    ProcessInstance important = report("lisi", risk("HIGH", "IMPORTANT"));
    assess(important, false, false);
    assertThat(tasks.openTasks(important, "reportRiskToRegulator")).hasSize(1);
    ResponseEntity<byte[]> docx = http.withBasicAuth("zhaoliu", "demo").getForEntity("/api/risks/" + important.getId() + "/report", byte[].class);
    assertThat(docx.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(docx.getBody()))) {
      List<String> text = word.getParagraphs().stream().map(XWPFParagraph::getText).toList();
      assertThat(text).contains("一、风险基本情况", "二、风险分析", "三、风险处置建议", "四、报送单位");
      assertThat(text).anyMatch(t -> t.contains("非法访问")).anyMatch(t -> t.contains("暂不确定"));
    }
    assertThat(http.withBasicAuth("zhangsan", "demo").getForEntity("/api/risks/" + important.getId() + "/report", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void aRiskThatIsAlreadyAnIncidentStartsIncidentResponseWithItsFacts() {
    ProcessInstance p = report("lisi", risk("HIGH", "IMPORTANT"));
    assess(p, true, true);
    String incidentId = (String) runtimeService.getVariable(p.getId(), "escalatedIncidentId");
    assertThat(runtimeService.getVariable(incidentId, "source")).isEqualTo("RISK_REPORT");
    assertThat(runtimeService.getVariable(incidentId, "fromRiskId")).isEqualTo(p.getId());
    assertThat(runtimeService.getVariable(incidentId, "dataLevel")).isEqualTo("IMPORTANT");
    assertThat(runtimeService.getVariable(incidentId, "incidentType")).isEqualTo("ILLEGAL_ACQUISITION");
    assertThat(audit.events("incident", incidentId)).extracting(AuditEvent::actor).contains("zhaoliu");
  }

  @Test
  void aRegulatorNoticeIsDisposedThenAnsweredByItsOwnDeadline() {
    Map<String, Object> notice = with(risk("MEDIUM", "GENERAL"), "source", "REGULATOR_NOTICE",
        "notifyingAuthority", "北京市通信管理局", "feedbackDueDate", "2026-11-27");
    assertThatThrownBy(() -> report("zhaoliu", with(notice, "feedbackDueDate", "")))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("feedbackDueDate"));
    ProcessInstance p = report("zhaoliu", notice);
    assess(p, false, false);
    dispose(p);
    Task feedback = engine.only(p.getId(), "feedbackToRegulator");
    assertThat(feedback.getDueDate()).isEqualTo(at("2026-11-27T23:59:59+08:00"));
    engine.setClock(at("2026-11-28T00:00:30+08:00"));
    engine.runDueJobs();
    assertThat(runtimeService.getVariable(p.getId(), "feedbackOverdue")).isEqualTo(true);
    engine.complete("zhaoliu", engine.only(p.getId(), "feedbackToRegulator"), Map.of("feedbackReceipt", "11 月 23 日收到通报",
        "feedbackDisposal", "已关闭公网访问", "feedbackNextSteps", "季度复查", "feedbackSubmittedAt", "2026-11-28T00:00:00+08:00"));
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(p.getId()).singleResult().getState())
        .isEqualTo("COMPLETED");
  }

  @Test
  void aRiskToImportantDataIsHighByDefinitionAndBadFieldsAreRefused() {
    assertThatThrownBy(() -> report("lisi", risk("MEDIUM", "IMPORTANT")))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("riskLevel"));
    assertThatThrownBy(() -> report("lisi", with(risk("LOW", "GENERAL"), "dataVolume", "很多")))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("dataVolume"));
    assertThatThrownBy(() -> report("lisi", with(risk("LOW", "GENERAL"), "originTime", "上周")))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("originTime"));
    assertThatThrownBy(() -> report("lisi", with(risk("LOW", "GENERAL"), "category", "ALIENS")))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("category"));
    assertThatThrownBy(() -> report("lisi", with(risk("LOW", "GENERAL"), "summary", " ")))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("summary"));
  }

  ResponseEntity<String> post(String key, Map<String, Object> body) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (key != null) {
      headers.set("Idempotency-Key", key);
    }
    return http.withBasicAuth("zhangsan", "demo").postForEntity("/api/risks",
        new HttpEntity<>(json.writeValueAsString(body), headers), String.class);
  }

  @Test
  void aMonitoringSystemsRetriedAlertOpensOneCase() throws Exception {
    Map<String, Object> alert = risk("LOW", "GENERAL");
    ResponseEntity<String> first = post("scanner-2026-11-23-0001", alert);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<String> retry = post("scanner-2026-11-23-0001", alert);
    assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.OK);
    String riskId = json.readTree(first.getBody()).get("riskId").asText();
    assertThat(json.readTree(retry.getBody()).get("riskId").asText()).isEqualTo(riskId);
    assertThat(runtimeService.getVariable(riskId, "source")).isEqualTo("MONITORING");
    assertThat(post(null, alert).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<String> bad = post("scanner-2026-11-23-0002", with(alert, "riskLevel", "CRITICAL"));
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // the monitoring API names the refused field as the engine door and the form do: by its label, keyed for clients
    JsonNode refused = json.readTree(bad.getBody());
    assertThat(refused.get("message").asText()).startsWith("「风险级别」：").doesNotContain("riskLevel:");
    assertThat(refused.get("fields").get(0).get("field").asText()).isEqualTo("riskLevel");
    // the refused alert did not burn its key: corrected, it opens a case
    assertThat(post("scanner-2026-11-23-0002", alert).getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void thePeriodSummaryCountsByCategoryLevelRegionIndustryDataTypeAndDisposal() throws Exception {
    engine.setClock(at("2025-06-02T10:00:00+08:00"));
    report("lisi", with(risk("HIGH", "IMPORTANT"), "category", "LEAK", "affectedRegions", "北京、上海", "affectedIndustries", "电信、金融"));
    report("lisi", with(risk("MEDIUM", "GENERAL"), "category", "LEAK", "affectedRegions", "北京", "affectedIndustries", "电信"));
    ProcessInstance third = report("lisi", with(risk("LOW", "GENERAL"), "affectedRegions", "广州、北京、上海、深圳",
        "dataTypes", "运营数据", "affectedIndustries", "工业"));
    engine.setClock(at("2025-06-03T10:00:00+08:00"));
    assess(third, false, false);
    dispose(third);
    engine.setClock(at("2025-06-30T10:00:00+08:00"));
    JsonNode s = json.readTree(http.withBasicAuth("zhengshi", "demo")
        .getForObject("/api/risks/summary?from=2025-06-01&to=2025-06-30", String.class));
    assertThat(s.get("total").asInt()).isEqualTo(3);
    assertThat(s.get("byCategory").get("LEAK").asInt()).isEqualTo(2);
    assertThat(s.get("byLevel").get("HIGH").asInt()).isEqualTo(1);
    assertThat(s.get("topRegions").toString()).isEqualTo("{\"北京\":3,\"上海\":2,\"广州\":1}");
    assertThat(s.get("topIndustries").get("电信").asInt()).isEqualTo(2);
    assertThat(s.get("byDataType").get("用户数据").asInt()).isEqualTo(2);
    assertThat(s.get("byDataLevel").get("GENERAL").asInt()).isEqualTo(2);
    assertThat(s.get("disposed").asInt()).isEqualTo(1);
    assertThat(s.get("table")).hasSize(3);
    ResponseEntity<byte[]> docx = http.withBasicAuth("zhengshi", "demo")
        .getForEntity("/api/risks/summary.docx?from=2025-06-01&to=2025-06-30", byte[].class);
    try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(docx.getBody()))) {
      assertThat(word.getTables().get(0).getRow(0).getCell(1).getText()).isEqualTo("风险报送时间");
      assertThat(word.getTables().get(0).getNumberOfRows()).isEqualTo(4);
    }
    assertThat(http.withBasicAuth("zhengshi", "demo").getForEntity("/api/risks/summary?from=June&to=2025-06-30", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }
}
