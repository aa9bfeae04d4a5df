package cn.dsflow.incident;

import static cn.dsflow.EngineTestSupport.at;
import static cn.dsflow.EngineTestSupport.with;
import static cn.dsflow.incident.IncidentFixture.facts;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
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

/**
 * CAC Measures art. 4: an operator of critical information infrastructure reports a 较大-or-worse incident to its
 * 保护工作部门 and to the 公安机关 within 1 hour; every other operator to the provincial CAC within 4 hours.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class CiiIncidentReportIT {

  static final String DISCOVERED = "2026-11-23T09:40:00+08:00";

  @Autowired IncidentFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired TaskService taskService;
  @Autowired AuditChain audit;
  @Autowired IncidentDocumentStore documents;
  @Autowired IncidentDuties duties;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  /** CAC guide: a CII outage of 10 minutes or more is 较大. */
  ProcessInstance ciiIncident(int outageMinutes) {
    ProcessInstance incident = fixture.report("lisi",
        with(facts(DISCOVERED), "ciiInvolved", true, "ciiOutageMinutes", outageMinutes));
    fixture.confirmAsProposed(incident, false);
    return incident;
  }

  Map<String, Object> firstItemsOnly(String prefix, String recipient) {
    return Map.of("cacItem1Unit", "某某通信有限公司 核心网计费系统", "cacItem2Situation", "11月23日09:40发现计费系统中断15分钟",
        prefix + "Recipient", recipient, prefix + "Channel", "PHONE", prefix + "SubmittedAt", "2026-11-23T10:00:00+08:00");
  }

  @Test
  void ciiIncidentGoesToTheProtectionDepartmentAndThePoliceWithinOneHourEachAndNotToTheProvincialCac() {
    ProcessInstance incident = ciiIncident(10);
    Task authority = fixture.only(incident, "reportToCiiAuthority");
    Task police = fixture.only(incident, "reportCiiToPolice");
    assertThat(authority.getDueDate()).isEqualTo(at("2026-11-23T10:40:00+08:00")); // discovery + 1 hour
    assertThat(police.getDueDate()).isEqualTo(at("2026-11-23T10:40:00+08:00"));
    assertThat(authority.getName()).contains("保护工作部门");
    assertThat(police.getName()).contains("公安机关");
    assertThat(fixture.open(incident, "reportToCac")).isEmpty();
    assertThat(fixture.open(incident, "reportToPolice")).isEmpty(); // the crime report is a separate duty
    assertThat(audit.events("incident", incident.getId()).stream().filter(e -> e.type().equals("REPORT_DUTY_OPENED")))
        .extracting(AuditEvent::detail).anyMatch(d -> d.contains("CII_AUTHORITY")).anyMatch(d -> d.contains("CII_POLICE"));
  }

  @Test
  void ciiIncidentBelowLevelThreeOwesNoReportUnderTheCacMeasures() {
    ProcessInstance incident = ciiIncident(9);
    assertThat(fixture.open(incident, "reportToCiiAuthority")).isEmpty();
    assertThat(fixture.open(incident, "reportCiiToPolice")).isEmpty();
    assertThat(fixture.open(incident, "reportToCac")).isEmpty();
  }

  @Test
  void nonCiiIncidentAtLevelThreeGoesToTheProvincialCacWithinFourHours() {
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "directLossYuan", 5_000_000));
    fixture.confirmAsProposed(incident, false);
    assertThat(fixture.only(incident, "reportToCac").getDueDate()).isEqualTo(at("2026-11-23T13:40:00+08:00"));
    assertThat(fixture.open(incident, "reportToCiiAuthority")).isEmpty();
    assertThat(fixture.open(incident, "reportCiiToPolice")).isEmpty();
  }

  @Test
  void aLateCiiReportIsEscalatedAtTheHourAndStaysOwed() {
    ProcessInstance incident = ciiIncident(15);
    engine.setClock(at("2026-11-23T10:39:00+08:00"));
    engine.runDueJobs();
    assertThat(audit.events("incident", incident.getId())).extracting(AuditEvent::type)
        .doesNotContain("INCIDENT_DEADLINE_MISSED");
    engine.setClock(at("2026-11-23T10:41:00+08:00"));
    engine.runDueJobs();
    assertThat(audit.events("incident", incident.getId())).extracting(AuditEvent::type)
        .contains("INCIDENT_DEADLINE_MISSED");
    assertThat(fixture.open(incident, "reportToCiiAuthority")).hasSize(1);
    assertThat(fixture.open(incident, "reportCiiToPolice")).hasSize(1);
  }

  @Test
  void eachCiiReportLeavesItsOwnWordDocumentAndAFirstReportOfTwoItemsIsSupplementedToTheSameRecipient() throws Exception {
    ProcessInstance incident = ciiIncident(15);
    fixture.complete("zhaoliu", fixture.only(incident, "reportToCiiAuthority"),
        firstItemsOnly("ciiAuth", "某省通信管理局（关键信息基础设施保护工作部门）"));
    Task supplement = fixture.only(incident, "supplementCacReport");
    assertThat(taskService.getVariable(supplement.getId(), "supplementRecipient"))
        .isEqualTo("某省通信管理局（关键信息基础设施保护工作部门）");

    // the police report through the public REST API, as Tasklist submits it
    Task police = fixture.only(incident, "reportCiiToPolice");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    http.withBasicAuth("zhaoliu", "demo").postForEntity("/engine-rest/task/" + police.getId() + "/claim",
        new HttpEntity<>("{\"userId\":\"zhaoliu\"}", headers), String.class);
    String withoutRecipient = "{\"variables\":{\"cacItem1Unit\":{\"value\":\"某某通信\"},\"cacItem2Situation\":{\"value\":\"中断\"},"
        + "\"ciiPoliceChannel\":{\"value\":\"PHONE\"},\"ciiPoliceSubmittedAt\":{\"value\":\"2026-11-23T10:00:00+08:00\"}}}";
    ResponseEntity<String> refused = http.withBasicAuth("zhaoliu", "demo").postForEntity(
        "/engine-rest/task/" + police.getId() + "/submit-form", new HttpEntity<>(withoutRecipient, headers), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("ciiPoliceRecipient");
    String complete = withoutRecipient.replace("}}}", "},\"ciiPoliceRecipient\":{\"value\":\"某市公安局网安支队\"},"
        + "\"cacItem3Trend\":{\"value\":\"已恢复\"},\"cacItem4Cause\":{\"value\":\"配置错误\"},\"cacItem5Traces\":{\"value\":\"无外部攻击迹象\"},"
        + "\"cacItem6NextSteps\":{\"value\":\"复核变更流程\"},\"cacItem7SceneProtection\":{\"value\":\"日志已保全\"}}}");
    ResponseEntity<String> done = http.withBasicAuth("zhaoliu", "demo").postForEntity(
        "/engine-rest/task/" + police.getId() + "/submit-form", new HttpEntity<>(complete, headers), String.class);
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(fixture.open(incident, "supplementCacReport")).hasSize(1); // only the authority's report is incomplete

    var kinds = documents.of(incident.getId()).stream().map(d -> d.kind()).toList();
    assertThat(kinds).contains("CII_AUTHORITY", "CII_POLICE").doesNotContain("CAC");
    var doc = documents.of(incident.getId()).stream().filter(d -> d.kind().equals("CII_POLICE")).findFirst().orElseThrow();
    ResponseEntity<byte[]> docx = http.withBasicAuth("chenyi", "demo")
        .getForEntity("/api/incidents/" + incident.getId() + "/documents/" + doc.id(), byte[].class);
    assertThat(docx.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(docx.getBody()))) {
      List<String> text = word.getParagraphs().stream().map(XWPFParagraph::getText).toList();
      assertThat(text).anyMatch(t -> t.contains("某市公安局网安支队")).anyMatch(t -> t.contains("（七）事件现场保护情况"));
    }
  }

  @Test
  void theThirtyDaySummaryFollowsEveryReportMadeUnderTheCacMeasures() {
    assertThat(duties.cacSummaryOwed("REGULATOR,CII_POLICE")).isTrue();
    assertThat(duties.cacSummaryOwed("CII_AUTHORITY")).isTrue();
    assertThat(duties.cacSummaryOwed("CAC")).isTrue();
    assertThat(duties.cacSummaryOwed("REGULATOR,POLICE,AFFECTED")).isFalse();
  }
}
