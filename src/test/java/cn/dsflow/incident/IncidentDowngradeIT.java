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
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.system.EngineRefusal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
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
 * Four eyes on a downgrade: a level below the grading tables' proposal takes effect only when dsDirect (dsFirst for a
 * proposal of 重大 or worse) approves it before the first report clock runs out; until then, and if nobody decides, the
 * tables' level stands with its duties. An upgrade takes effect on the lead's word.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class IncidentDowngradeIT {

  static final String DISCOVERED = "2026-11-23T09:40:00+08:00";

  @Autowired IncidentFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired AuditChain audit;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  List<String> events(ProcessInstance incident) {
    return audit.events("incident", incident.getId()).stream().map(AuditEvent::type).toList();
  }

  void confirm(String lead, ProcessInstance incident, String miit, String cac) {
    fixture.complete(lead, fixture.only(incident, "confirmLevel"), Map.of("confirmedMiitLevel", miit,
        "confirmedCacLevel", cac, "gradingReason", "损失经财务复核仅为估算上限", "substantiveHarm", false));
  }

  Map<String, Object> review(String decision) {
    return Map.of("downgradeDecision", decision, "downgradeComment", "已核对损失凭证，同意按复核结果定级");
  }

  /** CAC guide: 6,000,000 元 direct loss is 较大 (≥ 500万); MIIT plan: 一般 (< 5000万). */
  ProcessInstance cacLevelThree() {
    return fixture.report("lisi", with(facts(DISCOVERED), "directLossYuan", 6_000_000));
  }

  @Test
  void aDowngradeBelowTheTablesKeepsTheirLevelAndReportsUntilTheDirectResponsiblePersonApproves() {
    ProcessInstance incident = cacLevelThree();
    confirm("chenyi", incident, "IV", "IV");
    assertThat(fixture.variable(incident, "cacLevel")).isEqualTo("III");
    Task cac = fixture.only(incident, "reportToCac"); // the tables' duty opened at once, with its 4-hour clock
    Task review = fixture.only(incident, "reviewDowngrade");
    assertThat(review.getDueDate()).isEqualTo(cac.getDueDate()).isEqualTo(at("2026-11-23T13:40:00+08:00"));
    assertThat(taskService.getIdentityLinksForTask(review.getId())).anyMatch(l -> "dsDirect".equals(l.getGroupId()));

    fixture.complete("sunqi", review, review("APPROVE"));
    assertThat(fixture.variable(incident, "cacLevel")).isEqualTo("IV");
    assertThat(fixture.open(incident, "reportToCac")).hasSize(1); // an opened report is never withdrawn
    assertThat(events(incident)).containsSubsequence("INCIDENT_DOWNGRADE_REQUESTED", "INCIDENT_DOWNGRADE_APPROVED");
    AuditEvent approved = audit.eventsOfType("INCIDENT_DOWNGRADE_APPROVED").stream()
        .filter(e -> e.subjectId().equals(incident.getId())).findFirst().orElseThrow();
    assertThat(approved.actor()).isEqualTo("sunqi");
    assertThat(approved.detail()).contains("\"requestedBy\":\"chenyi\"", "\"proposedCacLevel\":\"III\"");
  }

  @Test
  void aRejectedDowngradeLeavesTheTablesLevel() {
    ProcessInstance incident = cacLevelThree();
    confirm("chenyi", incident, "IV", "IV");
    fixture.complete("sunqi", fixture.only(incident, "reviewDowngrade"), review("REJECT"));
    assertThat(fixture.variable(incident, "cacLevel")).isEqualTo("III");
    assertThat(events(incident)).contains("INCIDENT_DOWNGRADE_REJECTED");
  }

  @Test
  void nobodyDecidingBeforeTheReportClockRunsOutLeavesTheTablesLevelForGood() {
    ProcessInstance incident = cacLevelThree();
    confirm("chenyi", incident, "IV", "IV");
    engine.setClock(at("2026-11-23T13:39:00+08:00"));
    engine.runDueJobs();
    assertThat(fixture.open(incident, "reviewDowngrade")).hasSize(1);
    engine.setClock(at("2026-11-23T13:41:00+08:00"));
    engine.runDueJobs();
    assertThat(fixture.open(incident, "reviewDowngrade")).isEmpty();
    assertThat(fixture.variable(incident, "cacLevel")).isEqualTo("III");
    assertThat(events(incident)).contains("INCIDENT_DOWNGRADE_LAPSED");
  }

  @Test
  void aProposalOfMajorOrWorseIsReviewedByTheFirstResponsiblePersonNotTheDirectOne() {
    // MIIT 较大 (5000万–1亿), CAC 重大 (≥ 2000万)
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "directLossYuan", 60_000_000));
    confirm("chenyi", incident, "III", "III");
    Task review = fixture.only(incident, "reviewDowngrade");
    assertThat(taskService.getIdentityLinksForTask(review.getId())).anyMatch(l -> "dsFirst".equals(l.getGroupId()));
    assertThat(review.getDueDate()).isEqualTo(at("2026-11-23T10:40:00+08:00")); // the regulator report's 1 hour
    // the direct responsible person is not a candidate of this review: the engine refuses the claim itself
    assertThatThrownBy(() -> fixture.complete("sunqi", review, review("APPROVE")));
    assertThat(fixture.variable(incident, "cacLevel")).isEqualTo("II");
    fixture.complete("zhouba", fixture.only(incident, "reviewDowngrade"), review("APPROVE"));
    assertThat(fixture.variable(incident, "cacLevel")).isEqualTo("III");
  }

  @Test
  void theLeadCannotApproveTheirOwnDowngradeEvenWhenInTheReviewingGroup() {
    identityService.createMembership("sunqi", "irt");
    try {
      ProcessInstance incident = cacLevelThree();
      confirm("sunqi", incident, "IV", "IV");
      Task review = fixture.only(incident, "reviewDowngrade");
      assertThatThrownBy(() -> fixture.complete("sunqi", review, review("APPROVE")))
          .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).contains("职责分离"));
      assertThat(fixture.variable(incident, "cacLevel")).isEqualTo("III");
      assertThat(audit.eventsOfType("INCIDENT_DOWNGRADE_REFUSED")).anyMatch(e -> e.subjectId().equals(incident.getId()));
      assertThat(fixture.open(incident, "reviewDowngrade")).hasSize(1);
    } finally {
      identityService.deleteMembership("sunqi", "irt");
    }
  }

  @Test
  void anUpgradeTakesEffectOnTheLeadsWordAlone() {
    ProcessInstance incident = cacLevelThree();
    confirm("chenyi", incident, "III", "II");
    assertThat(fixture.variable(incident, "miitLevel")).isEqualTo("III");
    assertThat(fixture.variable(incident, "cacLevel")).isEqualTo("II");
    assertThat(fixture.open(incident, "reviewDowngrade")).isEmpty();
    assertThat(events(incident)).doesNotContain("INCIDENT_DOWNGRADE_REQUESTED");
  }

  @Test
  void theLeadCannotLowerTheLevelThroughEngineRestWhileTheReviewIsOpen() {
    ProcessInstance incident = cacLevelThree();
    confirm("chenyi", incident, "IV", "IV");
    Task review = fixture.only(incident, "reviewDowngrade");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> claim = http.withBasicAuth("chenyi", "demo").postForEntity(
        "/engine-rest/task/" + review.getId() + "/claim", new HttpEntity<>("{\"userId\":\"chenyi\"}", headers), String.class);
    ResponseEntity<String> complete = http.withBasicAuth("chenyi", "demo").postForEntity(
        "/engine-rest/task/" + review.getId() + "/submit-form",
        new HttpEntity<>("{\"variables\":{\"downgradeDecision\":{\"value\":\"APPROVE\"},"
            + "\"downgradeComment\":{\"value\":\"我自己批准自己的降级\"}}}", headers), String.class);
    assertThat(claim.getStatusCode().is2xxSuccessful() && complete.getStatusCode().is2xxSuccessful()).isFalse();
    assertThat(fixture.variable(incident, "cacLevel")).isEqualTo("III");
    assertThat(fixture.open(incident, "reviewDowngrade")).hasSize(1);
  }

  @Test
  void theReviewerCannotWriteALevelIntoTheReviewAndARejectionLeavesTheTablesLevel() {
    ProcessInstance incident = cacLevelThree();
    confirm("chenyi", incident, "IV", "IV");
    Task review = fixture.only(incident, "reviewDowngrade");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    http.withBasicAuth("sunqi", "demo").postForEntity("/engine-rest/task/" + review.getId() + "/claim",
        new HttpEntity<>("{\"userId\":\"sunqi\"}", headers), String.class);
    var put = http.withBasicAuth("sunqi", "demo").exchange("/engine-rest/task/" + review.getId() + "/variables/cacLevel",
        org.springframework.http.HttpMethod.PUT, new HttpEntity<>("{\"value\":\"IV\"}", headers), String.class);
    assertThat(put.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    fixture.complete("sunqi", fixture.only(incident, "reviewDowngrade"), review("REJECT"));
    assertThat(fixture.variable(incident, "cacLevel")).isEqualTo("III");
  }

  /**
   * The tables' proposal is read from dsflow's table, not from {@code proposedCacLevel} or {@code gradingBoundary}: the
   * lead cannot write them (403 outside a completion, 400 inside one), and even the administrator's rewrite of the
   * variables does not turn a downgrade into a confirmation that skips the second person (trust model).
   */
  @Test
  void aProposalRewrittenInTheVariablesDoesNotTurnADowngradeIntoAConfirmation() {
    ProcessInstance incident = cacLevelThree();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String path = "/engine-rest/process-instance/" + incident.getId() + "/variables/proposedCacLevel";
    assertThat(http.withBasicAuth("chenyi", "demo").exchange(path, org.springframework.http.HttpMethod.PUT,
        new HttpEntity<>("{\"value\":\"IV\"}", headers), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    Task confirm = fixture.only(incident, "confirmLevel");
    http.withBasicAuth("chenyi", "demo").postForEntity("/engine-rest/task/" + confirm.getId() + "/claim",
        new HttpEntity<>("{\"userId\":\"chenyi\"}", headers), String.class);
    ResponseEntity<String> smuggled = http.withBasicAuth("chenyi", "demo").postForEntity(
        "/engine-rest/task/" + confirm.getId() + "/complete", new HttpEntity<>("{\"variables\":{"
            + "\"confirmedMiitLevel\":{\"value\":\"IV\"},\"confirmedCacLevel\":{\"value\":\"IV\"},"
            + "\"gradingReason\":{\"value\":\"估算\"},\"substantiveHarm\":{\"value\":false},"
            + "\"proposedCacLevel\":{\"value\":\"IV\"}}}", headers), String.class);
    assertThat(smuggled.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(http.withBasicAuth("admin", "demo-admin").exchange(path, org.springframework.http.HttpMethod.PUT,
        new HttpEntity<>("{\"value\":\"IV\"}", headers), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    confirm("chenyi", incident, "IV", "IV");

    assertThat(fixture.variable(incident, "cacLevel")).isEqualTo("III");
    assertThat(fixture.open(incident, "reviewDowngrade")).hasSize(1);
    assertThat(events(incident)).contains("INCIDENT_DOWNGRADE_REQUESTED");
  }
}
