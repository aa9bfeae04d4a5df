package cn.dsflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.permit.PermitGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Concurrency on one node: racing approvers, and a thousand requests started at once by eight threads. */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class ConcurrencyIT {

  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired PermitGate gate;
  @Autowired AuditChain audit;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  ResponseEntity<String> complete(String user, String taskId) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String body = "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"同意（" + user + "）\"}}}";
    return http.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + taskId + "/complete",
        new HttpEntity<>(body, headers), String.class);
  }

  ResponseEntity<String> claim(String user, String taskId) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + taskId + "/claim",
        new HttpEntity<>("{\"userId\":\"" + user + "\"}", headers), String.class);
  }

  /** Fifty rounds, so that a rare interleaving shows up in the normal suite rather than on someone's clean clone. */
  @Test
  void twoApproversCompletingTheSameSlotAtOnce_exactlyOneWinsAndBothAttemptsAreOnRecord() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 50; round++) {
        ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
        String taskId = fixture.slot(request, "deptHead").getId();
        CyclicBarrier together = new CyclicBarrier(2);
        Future<ResponseEntity<String>> a = pool.submit(() -> {
          together.await();
          return complete("wangwu", taskId);
        });
        Future<ResponseEntity<String>> b = pool.submit(() -> {
          together.await();
          return complete("qianer", taskId);
        });
        List<ResponseEntity<String>> answers = List.of(a.get(), b.get());
        assertThat(answers).as("round " + round + ": " + answers).extracting(r -> r.getStatusCode().value())
            .containsExactlyInAnyOrder(204, 409);
        ResponseEntity<String> loser = answers.stream().filter(r -> r.getStatusCode().value() == 409).findFirst().orElseThrow();
        assertThat(loser.getBody()).contains("task_conflict", "该任务已被处理");
        Integer decisions = jdbc.queryForObject("SELECT count(*) FROM dsf_approval_decision WHERE request_id = ?",
            Integer.class, request.getId());
        assertThat(decisions).isEqualTo(1);
        List<AuditEvent> conflicts = audit.events("task", taskId);
        assertThat(conflicts).extracting(AuditEvent::type).containsExactly("TASK_COMPLETION_CONFLICT");
        assertThat(audit.events("request", request.getId())).extracting(AuditEvent::type).contains("DECISION_RECORDED");
        assertThat(runtimeService.getVariable(request.getId(), "permitId")).isNotNull();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoApproversClaimingTheSameSlotAtOnce_oneHoldsItAndTheOtherIsToldItIsTaken() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
        String taskId = fixture.slot(request, "deptHead").getId();
        CyclicBarrier together = new CyclicBarrier(2);
        Future<ResponseEntity<String>> a = pool.submit(() -> {
          together.await();
          return claim("wangwu", taskId);
        });
        Future<ResponseEntity<String>> b = pool.submit(() -> {
          together.await();
          return claim("qianer", taskId);
        });
        List<ResponseEntity<String>> answers = List.of(a.get(), b.get());
        assertThat(answers).as("round " + round + ": " + answers).extracting(r -> r.getStatusCode().value())
            .containsExactlyInAnyOrder(204, 409);
        ResponseEntity<String> loser = answers.stream().filter(r -> r.getStatusCode().value() == 409).findFirst().orElseThrow();
        String winner = answers.get(0) == loser ? "qianer" : "wangwu";
        assertThat(loser.getBody()).contains("task_conflict", winner);
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo(winner);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aThousandRequestsStartedByEightThreadsAreAllThereOnceAndTheLedgerMatchesThePermitsUsed() throws Exception {
    int threads = 8;
    int perThread = 125;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<String>>> started = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        started.add(pool.submit(() -> {
          List<String> ids = new ArrayList<>();
          identityService.setAuthentication("zhangsan", List.of("employee"));
          try {
            for (int i = 0; i < perThread; i++) {
              var v = ApprovalFixture.request("BULK_EXPORT", "GENERAL");
              v.put("dataCategory", "并发测试");
              ids.add(runtimeService.startProcessInstanceByKey("data-operation-approval", v).getId());
            }
          } finally {
            identityService.clearAuthentication();
          }
          return ids;
        }));
      }
      List<String> ids = new ArrayList<>();
      for (Future<List<String>> f : started) {
        ids.addAll(f.get());
      }
      assertThat(ids).hasSize(threads * perThread).doesNotHaveDuplicates();
      assertThat(jdbc.queryForObject("SELECT count(DISTINCT v.proc_inst_id_) FROM act_hi_varinst v "
          + "JOIN act_hi_procinst p ON p.proc_inst_id_ = v.proc_inst_id_ WHERE p.proc_def_key_ = 'data-operation-approval' "
          + "AND v.name_ = 'dataCategory' AND v.text_ = '并发测试'", Integer.class)).isEqualTo(threads * perThread);

      // approve and use them all, again from eight threads
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<String> mine = ids.subList(t * perThread, (t + 1) * perThread);
        done.add(pool.submit(() -> {
          for (String id : mine) {
            Task slot = engine.only(id, "approve");
            identityService.setAuthentication("wangwu", List.of("deptHead"));
            try {
              taskService.claim(slot.getId(), "wangwu");
              taskService.complete(slot.getId(), Map.of("decision", "APPROVE", "comment", "同意"));
            } finally {
              identityService.clearAuthentication();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      // the executing systems come an hour later (the engine clock is shared by all threads)
      engine.setClock(new java.util.Date(ApprovalFixture.MONDAY_MORNING.getTime() + 3_600_000));
      List<Future<?>> used = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<String> mine = ids.subList(t * perThread, (t + 1) * perThread);
        used.add(pool.submit(() -> {
          for (String id : mine) {
            String permitId = (String) runtimeService.getVariable(id, "permitId");
            gate.use(permitId, new PermitGate.Use("etl", 5000, "某某科技有限公司"), "zhangsan");
          }
          return null;
        }));
      }
      for (Future<?> f : used) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Integer ledgerUsed = jdbc.queryForObject(
        "SELECT count(*) FROM dsf_ledger WHERE data_category = '并发测试' AND status = 'USED'", Integer.class);
    Integer permitsUsed = jdbc.queryForObject(
        "SELECT count(*) FROM dsf_permit WHERE data_category = '并发测试' AND status = 'USED'", Integer.class);
    assertThat(ledgerUsed).isEqualTo(threads * perThread).isEqualTo(permitsUsed);
  }

}
