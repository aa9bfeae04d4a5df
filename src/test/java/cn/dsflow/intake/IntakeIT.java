package cn.dsflow.intake;

import static cn.dsflow.EngineTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.incident.IncidentFixture;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.system.EngineRefusal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

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

  private ProcessInstance registerForeignRequest(Map<String, Object> request) {
    engine.actAs("wujiu");
    try {
      return runtimeService.startProcessInstanceByKey("foreign-data-request", request);
    } finally {
      engine.actAsNobody();
    }
  }
}
