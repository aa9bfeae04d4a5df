package cn.dsflow.notify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.notify.DeadlineChaser.Subject;
import org.junit.jupiter.api.Test;

/**
 * A missed deadline is audited against the case whose process missed it, named by the process definition, never by
 * whichever id variable a form or client happened to leave in the instance.
 */
class DeadlineSubjectTest {

  @Test
  void incidentProcessesAndTheProcessesTheyCallChaseTheIncident() {
    assertThat(Subject.of("incident-response")).isEqualTo(Subject.INCIDENT);
    assertThat(Subject.of("incident-regulatory-report")).isEqualTo(Subject.INCIDENT);
    assertThat(Subject.of("incident-tier-playbook")).isEqualTo(Subject.INCIDENT);
  }

  @Test
  void riskReportChasesTheRisk() {
    assertThat(Subject.of("risk-report")).isEqualTo(Subject.RISK);
  }

  @Test
  void requestsAndComplianceDutiesChaseTheRequest() {
    assertThat(Subject.of("cross-border-transfer")).isEqualTo(Subject.REQUEST);
    assertThat(Subject.of("data-destruction")).isEqualTo(Subject.REQUEST);
    assertThat(Subject.of("compliance-duty")).isEqualTo(Subject.REQUEST);
    // a key that merely mentions an incident is not one of the incident processes
    assertThat(Subject.of("data-incident-like-request")).isEqualTo(Subject.REQUEST);
  }
}
