package cn.dsflow.benchmark;

import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.permit.PermitGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The benchmark (not part of the test run): {@code mvn -B -ntp test -Dtest=DsflowBenchmark}. Everything runs in one
 * JVM on one embedded PostgreSQL with the real job executor; each figure is printed beside a baseline measured in the
 * same run, because the machine is shared and noisy. The report also goes to {@code target/benchmark.md}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@ActiveProfiles({"demo", "test"})
class DsflowBenchmark {

  static final int FLOWS = Integer.getInteger("benchmark.flows", 240);
  static final int TASKLIST_MAX = Integer.getInteger("benchmark.tasklist.max", 100_000);
  static final int TIMERS = Integer.getInteger("benchmark.timers", 10_000);
  static final int GATE_PERMITS = Integer.getInteger("benchmark.gate.permits", 40);
  static final int GATE_CALLERS = Integer.getInteger("benchmark.gate.callers", 10);
  /** Which sections run, e.g. {@code -Dbenchmark.sections=gate} for a short check of one of them. */
  static final List<String> SECTIONS =
      List.of(System.getProperty("benchmark.sections", "flows,ceiling,tasklist,timers,gate").split(","));

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired RepositoryService repositoryService;
  @Autowired org.camunda.bpm.engine.ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired PermitGate gate;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;

  final StringBuilder report = new StringBuilder();

  void out(String line) {
    System.out.println(line);
    report.append(line).append('\n');
  }

  @Test
  void benchmark() throws Exception {
    deployBaselines();
    out("# dsflow benchmark, " + java.time.LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MB heap, PostgreSQL " + jdbc.queryForObject("SHOW server_version", String.class));
    if (SECTIONS.contains("flows")) {
      flows();
    }
    if (SECTIONS.contains("ceiling")) {
      databaseCeiling();
    }
    if (SECTIONS.contains("tasklist")) {
      taskList();
    }
    if (SECTIONS.contains("timers")) {
      timers();
    }
    if (SECTIONS.contains("gate")) {
      permitGateUnderContention();
    }
    Files.writeString(Path.of("target", "benchmark.md"), report.toString());
  }

  // ---------------------------------------------------------------- 1. full approval flow against a bare flow

  void deployBaselines() {
    BpmnModelInstance bare = Bpmn.createExecutableProcess("bare-approval").camundaHistoryTimeToLive(1)
        .startEvent().userTask("approveBare").camundaCandidateGroups("deptHead")
        .userTask("useBare").camundaCandidateGroups("deptHead")
        .userTask("recordBare").camundaCandidateGroups("deptHead").endEvent().done();
    BpmnModelInstance timer = Bpmn.createExecutableProcess("bare-timer").camundaHistoryTimeToLive(1)
        .startEvent().intermediateCatchEvent("due").timerWithDate("${dueAt}")
        .serviceTask("fire").camundaExpression("${benchmarkProbe.fired(execution)}").endEvent().done();
    repositoryService.createDeployment().name("benchmark baselines")
        .addModelInstance("bare-approval.bpmn", bare).addModelInstance("bare-timer.bpmn", timer).deploy();
    jdbc.execute("CREATE TABLE IF NOT EXISTS benchmark_fired (instance_id VARCHAR(64) NOT NULL, fired_at TIMESTAMPTZ NOT NULL)");
  }

  /** Latencies of one step, in milliseconds. */
  static final class Step {
    final List<Double> ms = Collections.synchronizedList(new ArrayList<>());

    <T> T time(java.util.concurrent.Callable<T> work) throws Exception {
      long t0 = System.nanoTime();
      T result = work.call();
      ms.add((System.nanoTime() - t0) / 1e6);
      return result;
    }

    String p(double q) {
      List<Double> sorted = new ArrayList<>(ms);
      Collections.sort(sorted);
      return sorted.isEmpty() ? "-" : String.format("%.1f", sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)));
    }
  }

  void flows() throws Exception {
    out("\n## 1. Full approval flow vs bare BPMN (same number of user tasks), " + FLOWS + " flows per run");
    out("| threads | dsflow flows/s | bare flows/s | ratio dsflow/bare | dsflow p50/p99 ms: start · decide · use · record | bare p50/p99 ms: start · task1 · task2 · task3 |");
    out("|---|---|---|---|---|---|");
    for (int threads : new int[] {1, 2, 4}) {
      Map<String, Step> dsflow = new ConcurrentHashMap<>();
      double dsflowRate = run(threads, i -> dsflowFlow(dsflow));
      awaitJobsIdle();
      Map<String, Step> bare = new ConcurrentHashMap<>();
      double bareRate = run(threads, i -> bareFlow(bare));
      awaitJobsIdle();
      out(String.format("| %d | %.1f | %.1f | %.2f | %s | %s |", threads, dsflowRate, bareRate, dsflowRate / bareRate,
          steps(dsflow, "start", "decide", "use", "record"), steps(bare, "start", "task1", "task2", "task3")));
    }
  }

  String steps(Map<String, Step> steps, String... names) {
    List<String> parts = new ArrayList<>();
    for (String n : names) {
      Step s = steps.get(n);
      parts.add(s.p(0.5) + "/" + s.p(0.99));
    }
    return String.join(" · ", parts);
  }

  interface Flow {
    void run(int i) throws Exception;
  }

  double run(int threads, Flow flow) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t0 = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int share = FLOWS / threads;
      futures.add(pool.submit(() -> {
        for (int i = 0; i < share; i++) {
          flow.run(i);
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    return FLOWS / ((System.nanoTime() - t0) / 1e9);
  }

  /** The mails a flow queues are sent by the job executor afterwards; let them finish before the next measurement. */
  void awaitJobsIdle() throws InterruptedException {
    long end = System.nanoTime() + 300_000_000_000L;
    while (managementService.createJobQuery().executable().count() > 0 && System.nanoTime() < end) {
      Thread.sleep(200); // the job executor works on its own threads; this only waits for it
    }
  }

  void dsflowFlow(Map<String, Step> steps) throws Exception {
    String id = steps.computeIfAbsent("start", k -> new Step()).time(() -> as("zhangsan", "employee",
        () -> runtimeService.startProcessInstanceByKey("data-operation-approval", ApprovalFixture.request("BULK_EXPORT", "GENERAL")).getId()));
    String sub = runtimeService.createProcessInstanceQuery().superProcessInstanceId(id).singleResult().getId();
    Task slot = taskService.createTaskQuery().processInstanceId(sub).singleResult();
    steps.computeIfAbsent("decide", k -> new Step()).time(() -> as("wangwu", "deptHead", () -> {
      taskService.claim(slot.getId(), "wangwu");
      taskService.complete(slot.getId(), Map.of("decision", "APPROVE", "comment", "同意"));
      return null;
    }));
    String permitId = (String) runtimeService.getVariable(id, "permitId");
    Date approvedAt = (Date) runtimeService.getVariable(id, "approvedAt");
    while (!ClockUtil.getCurrentTime().after(approvedAt)) {
      Thread.onSpinWait(); // 先审后做: the use must come strictly after the approval, to the millisecond
    }
    steps.computeIfAbsent("use", k -> new Step()).time(() ->
        gate.use(permitId, new PermitGate.Use("etl", 5000, "某某科技有限公司"), "zhangsan"));
    Task record = taskService.createTaskQuery().processInstanceId(id).taskDefinitionKey("recordResult").singleResult();
    steps.computeIfAbsent("record", k -> new Step()).time(() -> as("zhangsan", "employee", () -> {
      taskService.complete(record.getId(), Map.of("actualRecordCount", 5000, "completedAt", java.time.Instant.now().toString()));
      return null;
    }));
  }

  void bareFlow(Map<String, Step> steps) throws Exception {
    String id = steps.computeIfAbsent("start", k -> new Step()).time(() -> runtimeService.startProcessInstanceByKey("bare-approval").getId());
    for (String step : new String[] {"task1", "task2", "task3"}) {
      Task t = taskService.createTaskQuery().processInstanceId(id).singleResult();
      steps.computeIfAbsent(step, k -> new Step()).time(() -> {
        taskService.complete(t.getId());
        return null;
      });
    }
  }

  <T> T as(String user, String group, java.util.concurrent.Callable<T> work) throws Exception {
    identityService.setAuthentication(user, List.of(group));
    try {
      return work.call();
    } finally {
      identityService.clearAuthentication();
    }
  }

  // ---------------------------------------------------------------- 2. what the database allows

  void databaseCeiling() throws Exception {
    jdbc.execute("CREATE TABLE IF NOT EXISTS benchmark_ceiling (id BIGSERIAL PRIMARY KEY, payload TEXT)");
    long commits = 0;
    long t0 = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO benchmark_ceiling (payload) VALUES (?)")) {
        while (System.nanoTime() - t0 < 5_000_000_000L) {
          ps.setString(1, "x");
          ps.executeUpdate();
          c.commit();
          commits++;
        }
      }
    }
    double ceiling = commits / ((System.nanoTime() - t0) / 1e9);
    long before = xactCommits();
    int flows = 50;
    Map<String, Step> steps = new ConcurrentHashMap<>();
    for (int i = 0; i < flows; i++) {
      dsflowFlow(steps);
    }
    awaitJobsIdle();
    double perFlow = (xactCommits() - before) / (double) flows;
    out("\n## 2. Database ceiling");
    out(String.format("| single-row insert+commit, 1 JDBC connection | %.0f commits/s |", ceiling));
    out(String.format("| transactions per full approval flow (every autocommit read counts; incl. its mail jobs and the job executor's polling) | %.1f |", perFlow));
    out(String.format("| flows/s the database would allow at that commit rate, one connection | %.1f |", ceiling / perFlow));
  }

  long xactCommits() {
    Long n = jdbc.queryForObject("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", Long.class);
    jdbc.execute("SELECT pg_stat_clear_snapshot()");
    return n == null ? 0 : n;
  }

  // ---------------------------------------------------------------- 3. the 待我审批 list at scale

  void taskList() throws Exception {
    out("\n## 3. 待我审批 (candidate group deptHead, first page of 50 with 3 variables each) with N open requests");
    out("| open requests | p50 ms | p99 ms |");
    out("|---|---|---|");
    awaitJobsIdle();
    int open = (int) taskService.createTaskQuery().taskCandidateGroup("deptHead").count();
    for (int size : new int[] {1_000, 10_000, 100_000}) {
      if (size > TASKLIST_MAX) {
        out("| " + size + " | (skipped: -Dbenchmark.tasklist.max=" + TASKLIST_MAX + ") | |");
        continue;
      }
      fill(size - open);
      open = size;
      awaitJobsIdle();
      Step query = new Step();
      for (int i = 0; i < 60; i++) {
        query.time(() -> {
          List<Task> page = taskService.createTaskQuery().taskCandidateGroup("deptHead").initializeFormKeys()
              .orderByTaskCreateTime().desc().listPage(0, 50);
          for (Task t : page) {
            taskService.getVariables(t.getId(), List.of("requestSummary", "dataLevel", "approvalDueAt"));
          }
          return page.size();
        });
      }
      query.ms.subList(0, 10).clear(); // warm-up
      out("| " + size + " | " + query.p(0.5) + " | " + query.p(0.99) + " |");
    }
  }

  void fill(int count) throws Exception {
    if (count <= 0) {
      return;
    }
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int share = count / threads + (t < count % threads ? 1 : 0);
      futures.add(pool.submit(() -> {
        for (int i = 0; i < share; i++) {
          runtimeService.startProcessInstanceByKey("bare-approval", Map.of("requestSummary", "批量导出 · 一般数据 · " + i,
              "dataLevel", "GENERAL", "approvalDueAt", new Date()));
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
  }

  // ---------------------------------------------------------------- 4. due timers on the real job executor

  void timers() throws Exception {
    Date due = new Date(System.currentTimeMillis() + 3_600_000);
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        for (int i = 0; i < TIMERS / threads; i++) {
          runtimeService.startProcessInstanceByKey("bare-timer", Map.of("dueAt", due));
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    long t0 = System.nanoTime();
    ClockUtil.setCurrentTime(new Date(due.getTime() + 1000));
    int fired = 0;
    while (fired < TIMERS && System.nanoTime() - t0 < 900_000_000_000L) {
      Thread.sleep(500); // the job executor works on its own threads; this only polls for the result
      fired = jdbc.queryForObject("SELECT count(*) FROM benchmark_fired", Integer.class);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    ClockUtil.reset();
    Integer distinct = jdbc.queryForObject("SELECT count(DISTINCT instance_id) FROM benchmark_fired", Integer.class);
    out("\n## 4. Due timers on the job executor (default pool, one node)");
    out(String.format("| timers due at once | %d |", TIMERS));
    out(String.format("| time to process all | %.1f s (%.0f timers/s) |", seconds, fired / seconds));
    out(String.format("| fired | %d |", fired));
    out(String.format("| duplicates | %d |", fired - distinct));
  }

  // ---------------------------------------------------------------- 5. the permit gate under contention

  /**
   * Executing systems retrying one permit at once (issue 13): {@code GATE_CALLERS} simultaneous uses of each permit, four
   * permits at a time, through the real gate (row lock, audit of every refusal). One use per permit succeeds.
   */
  void permitGateUnderContention() throws Exception {
    List<String> permits = new ArrayList<>();
    for (int i = 0; i < GATE_PERMITS; i++) {
      String id = as("zhangsan", "employee", () -> runtimeService.startProcessInstanceByKey("data-operation-approval",
          ApprovalFixture.request("BULK_EXPORT", "GENERAL")).getId());
      String sub = runtimeService.createProcessInstanceQuery().superProcessInstanceId(id).singleResult().getId();
      Task slot = taskService.createTaskQuery().processInstanceId(sub).singleResult();
      as("wangwu", "deptHead", () -> {
        taskService.claim(slot.getId(), "wangwu");
        taskService.complete(slot.getId(), Map.of("decision", "APPROVE", "comment", "同意"));
        return null;
      });
      permits.add((String) runtimeService.getVariable(id, "permitId"));
    }
    Thread.sleep(5); // 先审后做: every use strictly after its approval
    int together = 4;
    Step used = new Step();
    Step refused = new Step();
    List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(together * GATE_CALLERS);
    long t0 = System.nanoTime();
    for (int from = 0; from < permits.size(); from += together) {
      List<String> round = permits.subList(from, Math.min(permits.size(), from + together));
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(round.size() * GATE_CALLERS);
      List<Future<?>> calls = new ArrayList<>();
      for (String permitId : round) {
        for (int c = 0; c < GATE_CALLERS; c++) {
          calls.add(pool.submit(() -> {
            start.await();
            long c0 = System.nanoTime();
            try {
              gate.use(permitId, new PermitGate.Use("etl", 5000, "某某科技有限公司"), "zhangsan");
              used.ms.add((System.nanoTime() - c0) / 1e6);
            } catch (cn.dsflow.system.ApiException e) {
              refused.ms.add((System.nanoTime() - c0) / 1e6);
              if (e.status().value() != 409) {
                unexpected.add(e.status() + " " + e.getMessage());
              }
            }
            return null;
          }));
        }
      }
      for (Future<?> f : calls) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    awaitJobsIdle();
    out("\n## 5. Permit gate under contention (" + GATE_CALLERS + " simultaneous uses of each permit, 4 permits at a time, "
        + GATE_PERMITS + " permits)");
    out(String.format("| gate uses/s (accepted + refused) | %.1f |", (used.ms.size() + refused.ms.size()) / seconds));
    out("| accepted · refused (409) · other | " + used.ms.size() + " · " + (refused.ms.size() - unexpected.size()) + " · "
        + unexpected.size() + " |");
    out("| accepted use p50/p99 ms | " + used.p(0.5) + " / " + used.p(0.99) + " |");
    out("| refused use p50/p99 ms | " + refused.p(0.5) + " / " + refused.p(0.99) + " |");
  }
}
