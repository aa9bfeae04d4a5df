package cn.dsflow.incident;

import static cn.dsflow.incident.IncidentFixture.facts;
import static cn.dsflow.EngineTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.Sm3;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** The incident record over HTTP: who may read it, evidence upload with a server-side SM3 digest, re-grading, documents. */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class IncidentApiIT {

  @Autowired IncidentFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  ProcessInstance graded(Map<String, Object> facts) {
    ProcessInstance incident = fixture.report("lisi", facts);
    fixture.confirmAsProposed(incident, false);
    return incident;
  }

  @Test
  void theTimelineIsForTheResponseTeamOfficersAndAuditOnly() {
    ProcessInstance incident = graded(facts("2026-11-23T09:40:00+08:00"));
    ResponseEntity<String> lead = http.withBasicAuth("chenyi", "demo")
        .getForEntity("/api/incidents/" + incident.getId() + "/timeline", String.class);
    assertThat(lead.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(lead.getBody()).contains("INCIDENT_REPORTED", "INCIDENT_GRADED", "firstResponse", "\"miitLevel\":\"IV\"");
    assertThat(http.withBasicAuth("zhengshi", "demo").getForEntity("/api/incidents/" + incident.getId() + "/timeline", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> employee = http.withBasicAuth("zhangsan", "demo")
        .getForEntity("/api/incidents/" + incident.getId() + "/timeline", String.class);
    assertThat(employee.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("chenyi", "demo").getForEntity("/api/incidents/nope/timeline", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  ResponseEntity<String> upload(String user, String incidentId, byte[] content, String source, String collectedAt) {
    LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("file", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return "gateway.log";
      }
    });
    form.add("source", source);
    if (collectedAt != null) {
      form.add("collectedAt", collectedAt);
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth(user, "demo").postForEntity("/api/incidents/" + incidentId + "/evidence",
        new HttpEntity<>(form, headers), String.class);
  }

  @Test
  void uploadedEvidenceIsKeptWithTheDigestTheServerComputedAndCountsForTheFirstResponse() {
    ProcessInstance incident = graded(facts("2026-11-23T09:40:00+08:00"));
    byte[] log = "10:01 GET /api/users?page=1..9999 from 203.0.113.7\n".getBytes(StandardCharsets.UTF_8);
    ResponseEntity<String> created = upload("chenyi", incident.getId(), log, "gw-01:/var/log/api/access.log", null);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getBody()).contains(Sm3.hex(log), "\"collectedBy\":\"chenyi\"", "\"stored\":true");

    assertThat(upload("zhangsan", incident.getId(), log, "x", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> future = upload("chenyi", incident.getId(), log, "x", "2026-11-30T10:00:00+08:00");
    assertThat(future.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(future.getBody()).contains("\"field\":\"collectedAt\"", "「收集时间（日期）」：晚于当前时间");
    assertThat(upload("chenyi", incident.getId(), log, " ", null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    // the first response may now be completed without listing evidence on the form
    fixture.complete("chenyi", fixture.only(incident, "firstResponse"), Map.of(
        "containmentMeasures", "封禁", "recoveryOrTraceback", "追溯", "sceneProtection", "快照"));
    assertThat(fixture.open(incident, "rectifyAndProtect")).hasSize(1);
    String list = http.withBasicAuth("zhengshi", "demo").getForObject("/api/incidents/" + incident.getId() + "/evidence", String.class);
    assertThat(list).contains("gateway.log");
  }

  @Test
  void aFirstResponseWithNoEvidenceAndNoReasonIsRefusedThroughEngineRest() {
    ProcessInstance incident = graded(facts("2026-11-23T09:40:00+08:00"));
    Task first = fixture.only(incident, "firstResponse");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String body = "{\"variables\":{\"containmentMeasures\":{\"value\":\"封禁\"},\"recoveryOrTraceback\":{\"value\":\"追溯\"},"
        + "\"sceneProtection\":{\"value\":\"快照\"}}}";
    http.withBasicAuth("chenyi", "demo").postForEntity("/engine-rest/task/" + first.getId() + "/claim",
        new HttpEntity<>("{\"userId\":\"chenyi\"}", headers), String.class);
    ResponseEntity<String> refused = http.withBasicAuth("chenyi", "demo")
        .postForEntity("/engine-rest/task/" + first.getId() + "/submit-form", new HttpEntity<>(body, headers), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("evidenceItems");
    assertThat(fixture.open(incident, "firstResponse")).hasSize(1);
  }

  @Test
  void aReportMissingARequiredFieldOfItsFormIsRefusedNamingTheField() {
    ProcessInstance incident = graded(with(facts("2026-11-23T09:40:00+08:00"), "dataLevel", "IMPORTANT"));
    Task report = fixture.only(incident, "reportToRegulator");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    http.withBasicAuth("zhaoliu", "demo").postForEntity("/engine-rest/task/" + report.getId() + "/claim",
        new HttpEntity<>("{\"userId\":\"zhaoliu\"}", headers), String.class);
    String body = "{\"variables\":{\"reportingUnit\":{\"value\":\"某某通信\"},\"regChannel\":{\"value\":\"CARRIER_PIGEON\"}}}";
    ResponseEntity<String> refused = http.withBasicAuth("zhaoliu", "demo")
        .postForEntity("/engine-rest/task/" + report.getId() + "/submit-form", new HttpEntity<>(body, headers), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("regImpact");
  }

  @Test
  void regradingIsRequestedOverHttpDuringTheResponseOnly() {
    ProcessInstance incident = graded(facts("2026-11-23T09:40:00+08:00"));
    String path = "/api/incidents/" + incident.getId() + "/regrading";
    assertThat(http.withBasicAuth("zhangsan", "demo").postForEntity(path, null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("chenyi", "demo").postForEntity(path, null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    assertThat(fixture.open(incident, "updateIncidentFacts")).hasSize(1);
  }

  @Test
  void theRegulatorReportIsAWordDocumentWithTheFiveRequiredParts() throws Exception {
    ProcessInstance incident = graded(with(facts("2026-11-23T09:40:00+08:00"), "dataLevel", "IMPORTANT"));
    fixture.complete("zhaoliu", fixture.only(incident, "reportToRegulator"), Map.of(
        "reportingUnit", "某某通信有限公司", "regImpact", "少量用户资料", "regMeasuresTaken", "已封禁", "regSuggestions", "加强鉴权",
        "regRecipient", "北京市通信管理局", "regChannel", "WRITTEN", "regSubmittedAt", "2026-11-23T10:00:00+08:00"));
    String list = http.withBasicAuth("chenyi", "demo").getForObject("/api/incidents/" + incident.getId() + "/documents", String.class);
    String id = list.replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    ResponseEntity<byte[]> docx = http.withBasicAuth("chenyi", "demo")
        .getForEntity("/api/incidents/" + incident.getId() + "/documents/" + id, byte[].class);
    assertThat(docx.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(docx.getHeaders().getContentType().toString()).startsWith("application/vnd.openxmlformats");
    try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(docx.getBody()))) {
      assertThat(word.getParagraphs().stream().filter(p -> "Heading1".equals(p.getStyle())).map(XWPFParagraph::getText))
          .contains("一、上报单位情况", "二、事件基本情况", "三、事件涉及数据情况", "四、事件影响情况", "五、事件处置建议");
      assertThat(word.getParagraphs().stream().map(XWPFParagraph::getText))
          .anyMatch(t -> t.contains("重要数据"))
          .anyMatch(t -> t.contains("北京市通信管理局"));
    }
  }
}
