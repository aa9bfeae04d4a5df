package cn.dsflow.incident;

import static cn.dsflow.EngineTestSupport.at;
import static cn.dsflow.EngineTestSupport.with;
import static cn.dsflow.incident.IncidentFixture.facts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.EngineRefusal;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Declared times through the engine and REST: a report cannot be dated before the incident was discovered (倒挂) or
 * after the server received it, and what is kept and printed pairs the claim with who entered it and when.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class ClaimedTimesIT {

  static final String DISCOVERED = "2026-11-23T09:40:00+08:00";

  @Autowired IncidentFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired TaskService taskService;
  @Autowired AuditChain audit;
  @Autowired IncidentDocumentStore documents;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  ProcessInstance reportedImportantDataIncident() {
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "dataLevel", "IMPORTANT"));
    fixture.confirmAsProposed(incident, false);
    return incident;
  }

  static Map<String, Object> regulatorReport(String submittedAt) {
    Map<String, Object> v = new HashMap<>();
    v.put("reportingUnit", "某某通信有限公司");
    v.put("regImpact", "少量用户资料");
    v.put("regMeasuresTaken", "已封禁");
    v.put("regSuggestions", "加强鉴权");
    v.put("regRecipient", "北京市通信管理局");
    v.put("regChannel", "WRITTEN");
    v.put("regSubmittedAt", submittedAt);
    return v;
  }

  @Test
  void aRegulatorReportDatedBeforeDiscoveryOrAfterNowIsRefusedNamingBothBounds_theBoundaryItselfIsAccepted() {
    ProcessInstance incident = reportedImportantDataIncident();
    Task report = fixture.only(incident, "reportToRegulator");
    int refusalsBefore = audit.eventsOfType("CLAIMED_TIME_REFUSED").size();

    for (String wrong : List.of("2001-01-01T00:00:00+08:00", "2026-11-23T09:39:59+08:00", "2026-11-23T10:05:01+08:00")) {
      assertThatThrownBy(() -> fixture.complete("zhaoliu", report, regulatorReport(wrong)))
          .satisfies(e -> {
            EngineRefusal r = EngineRefusal.in(e);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.reason()).startsWith("regSubmittedAt").contains("2026-11-23 09:40", "2026-11-23 10:05", "北京时间");
          });
    }
    assertThat(fixture.open(incident, "reportToRegulator")).hasSize(1);
    assertThat(audit.eventsOfType("CLAIMED_TIME_REFUSED").size()).isEqualTo(refusalsBefore + 3);

    // the day of discovery alone would stand for its first second, 09:40 minus nine hours and forty minutes
    assertThatThrownBy(() -> fixture.complete("zhaoliu", report, regulatorReport("2026-11-23")))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("regSubmittedAt").contains("具体时间"));
    assertThat(audit.eventsOfType("CLAIMED_TIME_REFUSED").size()).isEqualTo(refusalsBefore + 4);

    fixture.complete("zhaoliu", fixture.only(incident, "reportToRegulator"), regulatorReport(DISCOVERED));
    assertThat(fixture.open(incident, "reportToRegulator")).isEmpty();
  }

  @Test
  void theLatestAcceptedTimeIsNowPlusTheGrace_andTheWordDocumentPrintsTheClaimBesideWhoEnteredItAndWhen() throws Exception {
    ProcessInstance incident = reportedImportantDataIncident();
    engine.setClock(at("2026-11-23T10:20:00+08:00"));
    fixture.complete("zhaoliu", fixture.only(incident, "reportToRegulator"), regulatorReport("2026-11-23T10:25:00+08:00"));

    var stored = documents.of(incident.getId()).stream().filter(d -> d.kind().equals("REGULATOR")).findFirst().orElseThrow();
    byte[] docx = documents.content(incident.getId(), stored.id()).orElseThrow();
    try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(docx))) {
      List<String> lines = word.getParagraphs().stream().map(XWPFParagraph::getText).toList();
      assertThat(lines).anyMatch(t -> t.startsWith("报送时间") && t.contains("2026-11-23 10:25 (北京时间)"))
          .anyMatch(t -> t.startsWith("填报人 / 填报时间") && t.contains("zhaoliu / 2026-11-23 10:20"));
    }
    assertThat(audit.events("incident", incident.getId()).stream()
        .filter(e -> e.type().equals("INCIDENT_TASK_COMPLETED") && e.detail().contains("claimedTimes")))
        .anyMatch(e -> e.detail().contains("\"enteredBy\":\"zhaoliu\"") && e.detail().contains("\"field\":\"regSubmittedAt\""));
  }

  ResponseEntity<String> upload(String user, String incidentId, String fileName, String collectedBy, String collectedAt) {
    LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("file", new ByteArrayResource("10:01 GET /api/users\n".getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    form.add("source", "gw-01:/var/log/api/access.log");
    if (collectedBy != null) {
      form.add("collectedBy", collectedBy);
    }
    form.add("collectedAt", collectedAt);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth(user, "demo").postForEntity("/api/incidents/" + incidentId + "/evidence",
        new HttpEntity<>(form, headers), String.class);
  }

  @Test
  void evidenceCannotBeDatedBeforeDiscovery_andACollectorWhoIsNotTheUploaderIsRecordedAsEnteredForThem() {
    ProcessInstance incident = reportedImportantDataIncident();
    ResponseEntity<String> backDated = upload("chenyi", incident.getId(), "a.log", null, "1999-01-01T00:00:00+08:00");
    assertThat(backDated.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(backDated.getBody()).contains("collectedAt", "2026-11-23 09:40", "2026-11-23 10:05");
    assertThat(upload("chenyi", incident.getId(), "a.log", null, "2026-11-23T09:39:59+08:00").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(upload("chenyi", incident.getId(), "a.log", null, "2026-11-23T10:05:01+08:00").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(upload("chenyi", incident.getId(), "a.log", null, "2026-11-23T10:05:00+08:00").getStatusCode())
        .isEqualTo(HttpStatus.CREATED);

    ResponseEntity<String> forAnother = upload("chenyi", incident.getId(), "../../../etc/\u202Epasswd", "zhengshi", DISCOVERED);
    assertThat(forAnother.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(forAnother.getBody()).contains("\"name\":\"passwd\"", "\"collectedBy\":\"zhengshi\"", "\"registeredBy\":\"chenyi\"",
        "chenyi 代 zhengshi 录入 (entered by chenyi for zhengshi)");
    assertThat(audit.events("incident", incident.getId()).stream().filter(e -> e.type().equals("INCIDENT_EVIDENCE_REGISTERED")))
        .anyMatch(e -> e.detail().contains("chenyi 代 zhengshi 录入"));
  }
}
