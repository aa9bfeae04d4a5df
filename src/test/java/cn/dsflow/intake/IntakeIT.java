package cn.dsflow.intake;

import static cn.dsflow.EngineTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.crossborder.CrossBorderFixture;
import cn.dsflow.incident.IncidentFixture;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.system.EngineRefusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * The one way in: whoever starts a process is the authenticated caller, whatever the start variables claim, and a
 * start nobody signed for is refused and audited, leaving no instance.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class IntakeIT {

  @Autowired IncidentFixture incidents;
  @Autowired ApprovalFixture approvals;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired AuditChain audit;
  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  @Test
  void anIncidentIsReportedByTheCallerEvenWhenAStartVariableNamesSomeoneElse() {
    ProcessInstance incident = incidents.report("lisi",
        with(IncidentFixture.facts("2026-11-23T09:40:00+08:00"), "reporter", "zhangsan"));
    assertThat(runtimeService.getVariable(incident.getId(), "reporter")).isEqualTo("lisi");
    AuditEvent reported = audit.events("incident", incident.getId()).stream()
        .filter(e -> e.type().equals("INCIDENT_REPORTED")).findFirst().orElseThrow();
    assertThat(reported.actor()).isEqualTo("lisi");
  }

  @Test
  void aRequestIsFiledByTheCallerEvenWhenAStartVariableNamesSomeoneElse() {
    ProcessInstance request = approvals.start("zhangsan",
        with(ApprovalFixture.request("BULK_EXPORT", "GENERAL"), "requester", "wangwu"));
    assertThat(runtimeService.getVariable(request.getId(), "requester")).isEqualTo("zhangsan");
    assertThat(audit.events("request", request.getId()))
        .anyMatch(e -> e.type().equals("REQUEST_SUBMITTED") && "zhangsan".equals(e.actor()));
  }

  @Test
  void aStartNobodySignedForIsRefusedAuditedAndLeavesNoInstance() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("incident-response").count();
    int refusals = audit.eventsOfType("INCIDENT_REPORT_REFUSED").size();
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("incident-response",
        with(IncidentFixture.facts("2026-11-23T09:40:00+08:00"), "reporter", "lisi")))
        .isInstanceOfSatisfying(EngineRefusal.class, r -> {
          assertThat(r.status()).isEqualTo(403);
          assertThat(r.code()).isEqualTo("unauthenticated");
        });
    assertThat(audit.eventsOfType("INCIDENT_REPORT_REFUSED")).hasSize(refusals + 1);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("incident-response").count())
        .isEqualTo(before);
  }

  @Test
  void aRefusedStartNamesTheFieldByItsFormLabel_isAuditedWithTheKey_andLeavesNoInstance() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("data-operation-approval").count();
    int refusals = audit.eventsOfType("REQUEST_REFUSED").size();
    Map<String, Object> request = ApprovalFixture.request("BULK_EXPORT", "GENERAL");
    request.remove("validUntil");
    assertThatThrownBy(() -> approvals.start("zhangsan", request)).satisfies(e -> {
      EngineRefusal r = EngineRefusal.in(e);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.answer().get("message").toString()).startsWith("「时效：截止日期」").doesNotContain("validUntil");
      assertThat(r.answer()).containsEntry("field", "validUntil");
    });
    List<AuditEvent> refused = audit.eventsOfType("REQUEST_REFUSED");
    assertThat(refused).hasSize(refusals + 1);
    assertThat(refused.get(refused.size() - 1).actor()).isEqualTo("zhangsan");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("data-operation-approval").count())
        .isEqualTo(before);
  }

  @Test
  void aStartIsHeldToItsFormsOwnRules_200CharactersAccepted_201Refused() {
    // a foreign authority's request has no Java rules of its own: its form's bounds are all that guard it
    Map<String, Object> request = new HashMap<>(Map.of("foreignCountry", "某国",
        "requestReceivedAt", "2026-11-23T09:00:00+08:00", "dataRequested", "交易记录", "legalBasisClaimed", "证据开示"));
    request.put("foreignAuthority", "院".repeat(200));
    assertThat(registerForeignRequest(request).getId()).isNotNull();
    request.put("foreignAuthority", "院".repeat(201));
    assertThatThrownBy(() -> registerForeignRequest(request)).satisfies(e -> {
      EngineRefusal r = EngineRefusal.in(e);
      assertThat(r.field()).isEqualTo("foreignAuthority");
      assertThat(r.getMessage()).startsWith("「提出请求的外国机构」").contains("超过 200 个字符");
    });
  }

  @Test
  void aCrossBorderStartThroughEngineRestIsHeldToItsFormsLength_200Accepted_201RefusedByLabelAuditedStartingNothing()
      throws Exception {
    // the Java intake no longer restates the length: the form's 200 must still bind a client that skips the browser
    Map<String, Object> request = CrossBorderFixture.request("GENERAL", 0, 0, "2026-11-23", "2026-12-31");
    request.put("recipientCountry", "德".repeat(200));
    assertThat(startThroughEngineRest("cross-border-transfer", request).getStatusCode()).isEqualTo(HttpStatus.OK);

    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("cross-border-transfer").count();
    int refusals = audit.eventsOfType("REQUEST_REFUSED").size();
    request.put("recipientCountry", "德".repeat(201));
    ResponseEntity<String> refused = startThroughEngineRest("cross-border-transfer", request);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode body = json.readTree(refused.getBody());
    assertThat(body.get("field").asText()).isEqualTo("recipientCountry");
    assertThat(body.get("message").asText()).startsWith("「").contains("超过 200 个字符").doesNotContain("recipientCountry");
    assertThat(audit.eventsOfType("REQUEST_REFUSED")).hasSize(refusals + 1);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("cross-border-transfer").count())
        .isEqualTo(before);
  }

  private ResponseEntity<String> startThroughEngineRest(String processKey, Map<String, Object> variables) throws Exception {
    Map<String, Object> typed = new HashMap<>();
    variables.forEach((k, v) -> typed.put(k, Map.of("value", v)));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth("lisi", "demo").postForEntity("/engine-rest/process-definition/key/" + processKey + "/start",
        new HttpEntity<>(json.writeValueAsString(Map.of("variables", typed)), headers), String.class);
  }

  private ProcessInstance registerForeignRequest(Map<String, Object> request) {
    engine.actAs("wujiu");
    try {
      return runtimeService.startProcessInstanceByKey("foreign-data-request", request);
    } finally {
      engine.actAsNobody();
    }
  }
}
