package cn.dsflow.incident;

import static cn.dsflow.EngineTestSupport.at;
import static cn.dsflow.EngineTestSupport.with;
import static cn.dsflow.incident.IncidentFixture.facts;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.AuditChain;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Trust model on the warning report's clock: the level it runs on is what the grading tables proposed (V18
 * dsf_grading_proposal), so a rewritten {@code proposedMiitLevel} variable — the administrator may write variables and
 * restart a step — neither fails the duty nor moves its deadline.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class WarningClockTrustIT {

  @Autowired IncidentFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired AuditChain audit;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  long dutiesOpened(ProcessInstance incident) {
    return audit.events("incident", incident.getId()).stream().filter(e -> e.type().equals("REPORT_DUTY_OPENED")).count();
  }

  @Test
  void aRewrittenProposedLevelNeitherFailsNorMovesTheWarningReportClock() {
    ProcessInstance warning = fixture.report("lisi", with(facts("2026-11-23T09:40:00+08:00"), "reportKind", "WARNING",
        "directLossYuan", 60_000_000));
    ProcessInstance report = runtimeService.createProcessInstanceQuery().superProcessInstanceId(warning.getId())
        .processDefinitionKey("incident-regulatory-report").singleResult();
    long opened = dutiesOpened(warning);

    runtimeService.createProcessInstanceModification(report.getId()).startBeforeActivity("setReportDeadline")
        .setVariable("proposedMiitLevel", "V").execute();

    List<Task> reports = fixture.open(warning, "reportWarningToRegulator");
    assertThat(reports).hasSize(2).allSatisfy(t -> assertThat(t.getDueDate()).isEqualTo(at("2026-11-23T10:40:00+08:00")));
    assertThat(dutiesOpened(warning)).isEqualTo(opened + 1);
  }
}
