package cn.dsflow.crossborder;

import static cn.dsflow.EngineTestSupport.at;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.permit.PermitGate;
import cn.dsflow.permit.Permits;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** 000 §8.1.2(4): a security-assessment result is valid 3 years from its issue, through the whole anniversary day. */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class AssessmentValidityIT {

  @Autowired CrossBorderFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired Permits permits;
  @Autowired PermitGate gate;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  /**
   * Important data under an assessment result issued today, 23 Nov 2026: its third anniversary is 23 Nov 2029. The CAC
   * dates are claims bounded by the request (issue 20), so the case runs forward to the anniversary rather than
   * pretending to rest on an assessment from before it was filed.
   */
  ProcessInstance permittedUnderAnAssessmentIssuedToday() {
    return fixture.permittedUnderAnAssessmentIssuedToday("lisi", "2026-11-23", "2026-12-31");
  }

  @Test
  void theResultIsValidThroughTheEndOfItsAnniversaryDayAndTheRenewalIsLateOnlyAfterIt() {
    ProcessInstance transfer = permittedUnderAnAssessmentIssuedToday();
    assertThat(runtimeService.getVariable(transfer.getId(), "assessmentValidUntil")).isEqualTo(at("2029-11-23T23:59:59+08:00"));
    String permitId = (String) runtimeService.getVariable(transfer.getId(), "permitId");
    engine.setClock(at("2026-11-23T11:00:00+08:00"));
    gate.use(permitId, new PermitGate.Use("sync-job", 100, "Example Service GmbH"), "lisi");
    fixture.complete("lisi", fixture.only(transfer, "recordResult"),
        Map.of("actualRecordCount", 100, "completedAt", "2026-11-23T11:00:00+08:00"));

    engine.setClock(at("2029-11-23T23:58:00+08:00")); // the anniversary day itself is still covered
    engine.runDueJobs();
    assertThat(fixture.only(transfer, "fileRenewal").getDueDate()).isEqualTo(at("2029-11-23T23:59:59+08:00"));
    assertThat(runtimeService.getVariable(transfer.getId(), "renewalOverdue")).isEqualTo(false);
    engine.setClock(at("2029-11-24T00:00:30+08:00"));
    engine.runDueJobs();
    assertThat(runtimeService.getVariable(transfer.getId(), "renewalOverdue")).isEqualTo(true);
  }
}
