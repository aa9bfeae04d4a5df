package cn.dsflow.incident;

import static cn.dsflow.incident.IncidentFixture.facts;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.TasklistSession;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.Sm3;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Evidence uploaded from Tasklist's first-response form travels with the webapp session (000 §6.5: 保存相关痕迹和证据):
 * a member of the response team signed in to Tasklist can upload it, the server's SM3 digest goes into the audit
 * chain, and neither a request forged by another site (the cookie without the CSRF token) nor an employee outside
 * the response team can register anything.
 */
@DsflowIntegrationTest
class EvidenceUploadFromTasklistIT {

  private static final String BOUNDARY = "dsflow-evidence-boundary";

  @Autowired IncidentFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired EvidenceRegister register;
  @Autowired AuditChain audit;
  @LocalServerPort int port;

  @BeforeEach
  void monday() {
    engine.setClock(Date.from(OffsetDateTime.parse("2026-11-23T10:00:00+08:00").toInstant()));
  }

  @AfterEach
  void realTime() {
    engine.actAsNobody();
    engine.resetClock();
  }

  ProcessInstance incidentInFirstResponse() {
    ProcessInstance incident = fixture.report("lisi", facts("2026-11-23T09:40:00+08:00"));
    fixture.confirmAsProposed(incident, false);
    return incident;
  }

  static String multipart(String fileName, String content, String source) {
    return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--" + BOUNDARY
        + "\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\n" + source + "\r\n--" + BOUNDARY + "--\r\n";
  }

  static HttpResponse<String> upload(TasklistSession session, String incidentId, String body) {
    return session.exchange("POST", "/api/incidents/" + incidentId + "/evidence", body,
        "multipart/form-data; boundary=" + BOUNDARY);
  }

  @Test
  void aResponderSignedInToTasklistUploadsEvidenceAndItsServerDigestIsInTheAuditChain() {
    ProcessInstance incident = incidentInFirstResponse();
    String content = "10:01 GET /api/users?page=1..9999 from 203.0.113.7 " + UUID.randomUUID() + "\n";
    TasklistSession chenyi = TasklistSession.login(port, "chenyi", "demo");

    HttpResponse<String> created = upload(chenyi, incident.getId(), multipart("gw.log", content, "gw-01:/var/log/api"));

    assertThat(created.statusCode()).isEqualTo(201);
    String sm3 = Sm3.hex(content.getBytes(StandardCharsets.UTF_8));
    assertThat(created.body()).contains(sm3, "\"registeredBy\":\"chenyi\"", "\"stored\":true");
    assertThat(audit.events("incident", incident.getId()))
        .anyMatch(e -> e.type().equals("INCIDENT_EVIDENCE_REGISTERED") && e.actor().equals("chenyi")
            && e.detail().contains(sm3));
  }

  @Test
  void anUploadForgedByAnotherSiteWithTheSessionCookieButNoCsrfTokenRegistersNothing() throws Exception {
    ProcessInstance incident = incidentInFirstResponse();
    TasklistSession chenyi = TasklistSession.login(port, "chenyi", "demo");
    String body = multipart("forged.log", "forged", "elsewhere");

    for (String token : new String[] {null, "", "guessed-token"}) {
      HttpRequest.Builder forged = HttpRequest.newBuilder(
              URI.create("http://localhost:" + port + "/api/incidents/" + incident.getId() + "/evidence"))
          .header("Cookie", "JSESSIONID=" + chenyi.cookie("JSESSIONID").getValue())
          .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      if (token != null) {
        forged.header("X-XSRF-TOKEN", token);
      }
      assertThat(send(forged.build()).statusCode()).as("token " + token).isEqualTo(401);
    }
    assertThat(register.count(incident.getId())).isZero();
  }

  @Test
  void anEmployeeOutsideTheResponseTeamSignedInToTasklistCannotUploadEvidence() {
    ProcessInstance incident = incidentInFirstResponse();
    TasklistSession zhangsan = TasklistSession.login(port, "zhangsan", "demo");

    HttpResponse<String> refused = upload(zhangsan, incident.getId(), multipart("x.log", "x", "x"));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("\"error\"");
    assertThat(register.count(incident.getId())).isZero();
  }

  @Test
  void theSessionStillCannotWriteAnywhereElseInTheApi() {
    ProcessInstance incident = incidentInFirstResponse();
    TasklistSession chenyi = TasklistSession.login(port, "chenyi", "demo");

    HttpResponse<String> regrade = chenyi.exchange("POST", "/api/incidents/" + incident.getId() + "/regrading", null,
        null);

    assertThat(regrade.statusCode()).isEqualTo(401);
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
