package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.ledger.ApprovalLedger;
import cn.dsflow.permit.PermitGate;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How long the engine keeps what a regulator reads about a request — who approved, what the approval policy decided,
 * each step with its time — is counted from the END of the request (approvals: 5 years, P1825D in bpmn/). Nothing is
 * removed before that, not even the approval a long-running request finished weeks before it ended; after it, the
 * history cleanup removes all of it. Cleanup runs as the engine's own history cleanup job at a moved engine clock.
 * Nobody but an administrator may run it or change a time to live (docs/operations.md "History retention").
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class HistoryRetentionIT {

  static final Duration RETENTION = Duration.ofDays(1825);

  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired PermitGate gate;
  @Autowired ApprovalLedger ledger;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired ProcessEngineConfigurationImpl configuration;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;

  @AfterEach
  void noCleanupJobLeftForOtherTests() {
    engine.actAsNobody();
    historyService.findHistoryCleanupJobs().forEach(job -> managementService.deleteJob(job.getId()));
  }

  @Test
  void endingARequestWritesNoRemovalTimeAndCleanupCountsFromTheRequestsEnd() {
    assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("endTimeBased");
    assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("none");
    assertThat(configuration.getDbSqlSessionFactory().mapStatement(HistoryRetentionFromRequestEnd.PROCESS_INSTANCES))
        .endsWith(HistoryRetentionFromRequestEnd.FROM_REQUEST_END);
    assertThat(configuration.getDbSqlSessionFactory().mapStatement(HistoryRetentionFromRequestEnd.DECISION_INSTANCES))
        .endsWith(HistoryRetentionFromRequestEnd.FROM_REQUEST_END);
  }

  @Test
  void anEndedRequestsHistorySurvivesCleanupUntilFiveYearsAfterItsEndAndIsRemovedAfter() {
    // approved on 23 November; the permit is used and the result recorded four weeks later, which ends the request
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    fixture.decide("wangwu", fixture.slot(request, "deptHead"), "APPROVE", "同意");
    Date ended = EngineTestSupport.at("2026-12-21T10:00:00+08:00");
    engine.setClock(ended);
    gate.use(permitOf(request), new PermitGate.Use("etl-system", 100, "某某科技有限公司"), "zhangsan");
    engine.complete("zhangsan", engine.only(request.getId(), "recordResult"), Map.of("actualRecordCount", 100, "completedAt", ""));
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(request.getId()).singleResult().getEndTime())
        .isEqualTo(ended);
    Map<String, Long> kept = historyOf(request);
    assertThat(kept.get("process instances")).as("the request, its approval and its permit").isEqualTo(3);
    assertThat(kept.get("decisions")).as("the approval policy's decisions").isPositive();
    assertThat(kept.get("rows with a removal time")).isZero();
    assertThat(approver(request)).isEqualTo("wangwu");

    cleanUpAt(new Date(ended.getTime() + RETENTION.toMillis() - 60_000));

    assertThat(historyOf(request)).as("a minute before five years after the request ended").isEqualTo(kept);
    assertThat(approver(request)).isEqualTo("wangwu");

    cleanUpAt(new Date(ended.getTime() + RETENTION.toMillis() + 60_000));

    assertThat(historyOf(request)).as("a minute after").allSatisfy((what, rows) -> assertThat(rows).as(what).isZero());
  }

  @Test
  void aRequestStillRunningKeepsItsFinishedApprovalPastTheApprovalsOwnRetentionWhateverRemovalTimeItsRowsCarry() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    fixture.decide("wangwu", fixture.slot(request, "deptHead"), "APPROVE", "同意");
    // what the engine's former strategy, or an administrator's set-removal-time batch, would have stamped: it no longer counts
    for (String table : new String[] {"act_hi_procinst", "act_hi_actinst", "act_hi_taskinst", "act_hi_varinst", "act_hi_decinst"}) {
      jdbc.update("UPDATE " + table + " SET removal_time_ = ? WHERE root_proc_inst_id_ = ?", ApprovalFixture.MONDAY_MORNING, request.getId());
    }
    Map<String, Long> kept = historyOf(request);

    cleanUpAt(new Date(EngineTestSupport.at("2026-11-23T10:00:00+08:00").getTime() + RETENTION.toMillis() + Duration.ofDays(30).toMillis()));

    assertThat(historyOf(request)).as("the permit is still unused, so the request runs").isEqualTo(kept);
    assertThat(approver(request)).isEqualTo("wangwu");
  }

  @Test
  void neitherAnEmployeeNorAnApproverCanRunTheCleanupOrShortenARequestsRetentionThroughEngineRest() {
    for (String user : new String[] {"zhangsan", "wangwu"}) {
      TestRestTemplate as = http.withBasicAuth(user, "demo");
      assertThat(as.postForEntity("/engine-rest/history/cleanup?immediatelyDue=true", null, String.class).getStatusCode().value())
          .as(user + " runs the history cleanup").isEqualTo(403);
      HttpHeaders json = new HttpHeaders();
      json.setContentType(MediaType.APPLICATION_JSON);
      assertThat(as.exchange("/engine-rest/process-definition/key/data-operation-approval/history-time-to-live", HttpMethod.PUT,
          new HttpEntity<>("{\"historyTimeToLive\": 0}", json), String.class).getStatusCode().value())
          .as(user + " sets the approvals' time to live to 0").isEqualTo(403);
    }
    assertThat(historyService.findHistoryCleanupJobs()).isEmpty();
    assertThat(configuration.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("data-operation-approval")
        .latestVersion().singleResult().getHistoryTimeToLive()).isEqualTo(1825);
  }

  String permitOf(ProcessInstance request) {
    return ledger.find(new ApprovalLedger.Filter(null, null, null, null, null)).stream()
        .filter(e -> request.getId().equals(e.processInstanceId())).findFirst().orElseThrow().permitId();
  }

  /** Who completed the approval slot, as the history shows it. */
  String approver(ProcessInstance request) {
    return jdbc.queryForObject("SELECT assignee_ FROM act_hi_taskinst WHERE root_proc_inst_id_ = ? AND task_def_key_ = 'approve'",
        String.class, request.getId());
  }

  /** The request's history rows, table by table, found through the request as their root. */
  Map<String, Long> historyOf(ProcessInstance request) {
    String root = request.getId();
    return Map.of(
        "process instances", count("act_hi_procinst", root),
        "activities", count("act_hi_actinst", root),
        "tasks", count("act_hi_taskinst", root),
        "variables", count("act_hi_varinst", root),
        "variable changes", count("act_hi_detail", root),
        "decisions", count("act_hi_decinst", root),
        "decision inputs", count("act_hi_dec_in", root),
        "rows with a removal time", jdbc.queryForObject(
            "SELECT (SELECT count(*) FROM act_hi_procinst WHERE root_proc_inst_id_ = ? AND removal_time_ IS NOT NULL)"
                + " + (SELECT count(*) FROM act_hi_actinst WHERE root_proc_inst_id_ = ? AND removal_time_ IS NOT NULL)"
                + " + (SELECT count(*) FROM act_hi_varinst WHERE root_proc_inst_id_ = ? AND removal_time_ IS NOT NULL)",
            Long.class, root, root, root));
  }

  long count(String table, String root) {
    return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE root_proc_inst_id_ = ?", Long.class, root);
  }

  /**
   * The engine's history cleanup, run now as the job executor would run its job, until it has nothing more to do: a
   * run that found a full batch is due again at once, one that did not suspends the job (no batch window is set).
   */
  void cleanUpAt(Date now) {
    engine.setClock(now);
    historyService.cleanUpHistoryAsync(true);
    for (int round = 0; round < 100; round++) {
      var due = historyService.findHistoryCleanupJobs().stream().filter(j -> !j.isSuspended() && !j.getDuedate().after(now))
          .map(Job::getId).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(managementService::executeJob);
    }
    throw new AssertionError("history cleanup did not finish");
  }
}
