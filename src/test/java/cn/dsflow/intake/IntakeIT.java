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
}
