package cn.dsflow.risk;

import static cn.dsflow.EngineTestSupport.at;
import static cn.dsflow.EngineTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
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
 * The Plan's warning stage on the risk path: 认为可能发生较大及以上数据安全事件的 → 立即 report to the local regulator
 * (1 hour by default, the incident path's warning SLA); important or core data alone → by the next working day (000 §5.2).
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class RiskWarningStageIT {

  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired AuditChain audit;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  ProcessInstance report(Map<String, Object> risk) {
    return engine.start("lisi", "risk-report", risk);
  }

  void assess(ProcessInstance p, boolean serious) {
    engine.complete("zhaoliu", engine.only(p.getId(), "assessRisk"), Map.of("incidentLikelihood", "MEDIUM",
        "possibleImpact", "可能泄露用户数据", "mayCauseSeriousIncident", serious, "escalateToIncident", false));
  }

  @Test
  void aPossibleSeriousIncidentIsReportedWithinTheHourAndEscalatedWhenLate() {
    ProcessInstance p = report(RiskReportIT.risk("MEDIUM", "GENERAL"));
    engine.setClock(at("2026-11-23T14:20:00+08:00"));
    assess(p, true);
    Task report = engine.only(p.getId(), "reportRiskToRegulator");
    assertThat(report.getDueDate()).isEqualTo(at("2026-11-23T15:20:00+08:00")); // 立即: one hour from the assessment
    engine.setClock(at("2026-11-23T15:19:00+08:00"));
    engine.runDueJobs();
    assertThat(audit.events("risk", p.getId())).extracting(AuditEvent::type).doesNotContain("DEADLINE_MISSED");
    engine.setClock(at("2026-11-23T15:21:00+08:00"));
    engine.runDueJobs();
    assertThat(audit.events("risk", p.getId())).extracting(AuditEvent::type).contains("DEADLINE_MISSED");
    assertThat(runtimeService.getVariable(p.getId(), "riskReportOverdue")).isEqualTo(true);
    assertThat(engine.only(p.getId(), "reportRiskToRegulator")).isNotNull(); // still owed
  }

  @Test
  void importantDataWithoutAPossibleSeriousIncidentIsReportedByTheEndOfTheNextWorkingDay() {
    ProcessInstance p = report(RiskReportIT.risk("HIGH", "IMPORTANT"));
    assess(p, false);
    assertThat(engine.only(p.getId(), "reportRiskToRegulator").getDueDate()).isEqualTo(at("2026-11-24T23:59:59+08:00"));
  }

  @Test
  void generalDataWithNoPossibleSeriousIncidentOwesNoReport() {
    ProcessInstance p = report(RiskReportIT.risk("MEDIUM", "GENERAL"));
    assess(p, false);
    assertThat(engine.tasksBelow(p.getId(), "reportRiskToRegulator")).isEmpty();
    assertThat(engine.only(p.getId(), "planDisposal")).isNotNull();
  }

  @Test
  void theAssessorCannotPostponeTheReportBySettingItsDeadlineThroughEngineRest() {
    ProcessInstance p = report(with(RiskReportIT.risk("MEDIUM", "GENERAL")));
    Task assessment = engine.only(p.getId(), "assessRisk");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    http.withBasicAuth("zhaoliu", "demo").postForEntity("/engine-rest/task/" + assessment.getId() + "/claim",
        new HttpEntity<>("{\"userId\":\"zhaoliu\"}", headers), String.class);
    String answer = "{\"variables\":{\"incidentLikelihood\":{\"value\":\"HIGH\"},\"possibleImpact\":{\"value\":\"大量用户数据\"},"
        + "\"mayCauseSeriousIncident\":{\"value\":true},\"escalateToIncident\":{\"value\":false}";
    ResponseEntity<String> forged = http.withBasicAuth("zhaoliu", "demo").postForEntity(
        "/engine-rest/task/" + assessment.getId() + "/submit-form",
        new HttpEntity<>(answer + ",\"riskReportDueAt\":{\"value\":\"2026-12-31T00:00:00.000+0800\",\"type\":\"Date\"}}}", headers),
        String.class);
    // DESIGN.md refuses an undeclared variable (400); where it is accepted, the server's own deadline overrides it
    assertThat(forged.getStatusCode()).isIn(HttpStatus.BAD_REQUEST, HttpStatus.NO_CONTENT);
    if (forged.getStatusCode() == HttpStatus.BAD_REQUEST) {
      assertThat(http.withBasicAuth("zhaoliu", "demo").postForEntity("/engine-rest/task/" + assessment.getId() + "/submit-form",
          new HttpEntity<>(answer + "}}", headers), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }
    assertThat(runtimeService.getVariable(p.getId(), "riskReportDueAt")).isEqualTo(at("2026-11-23T11:00:00+08:00"));
    assertThat(engine.only(p.getId(), "reportRiskToRegulator").getDueDate()).isEqualTo(at("2026-11-23T11:00:00+08:00"));
  }
}
