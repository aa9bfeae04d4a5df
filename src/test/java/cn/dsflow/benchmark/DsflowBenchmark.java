package cn.dsflow.benchmark;

import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.ledger.ChainVerification;
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
    "camunda.bpm.job-execution.max-wait=500",
    "dsflow.audit.sealer.enabled=true"})
@ActiveProfiles({"demo", "test"})
class DsflowBenchmark {

  static final int FLOWS = Integer.getInteger("benchmark.flows", 240);
  static final int TASKLIST_MAX = Integer.getInteger("benchmark.tasklist.max", 100_000);
  static final int TIMERS = Integer.getInteger("benchmark.timers", 10_000);
  static final int GATE_PERMITS = Integer.getInteger("benchmark.gate.permits", 40);
  static final int GATE_CALLERS = Integer.getInteger("benchmark.gate.callers", 10);
  /** Which sections run, e.g. {@code -Dbenchmark.sections=gate} for a short check of one of them. */
  static final List<String> SECTIONS =
      List.of(System.getProperty("benchmark.sections", "profile,flows,twonodes,ceiling,tasklist,timers,gate").split(","));
  static final int PROFILE_FLOWS = Integer.getInteger("benchmark.profile.flows", 20);

  /** Counts statements, transactions and rows written through the application's DataSource (see JdbcProfile). */
  @org.springframework.boot.test.context.TestConfiguration
  static class Profiling {
    @org.springframework.context.annotation.Bean
    static org.springframework.beans.factory.config.BeanPostProcessor jdbcProfile() {
      return JdbcProfile.wrapper();
    }
  }

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired RepositoryService repositoryService;
  @Autowired org.camunda.bpm.engine.ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired org.camunda.bpm.engine.AuthorizationService authorizationService;
  @Autowired org.camunda.bpm.engine.FilterService filterService;
  @Autowired cn.dsflow.ledger.AuditChain auditChain;
  @Autowired PermitGate gate;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired DataSource dataSource;

  final StringBuilder report = new StringBuilder();

  void out(String line) {
    System.out.println(line);
    report.append(line).append('\n');
    try { // written as it goes, so a run stopped part-way keeps the sections it finished
      Files.writeString(Path.of("target", "benchmark.md"), report.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  interface Section {
    void run() throws Exception;
  }

  final List<String> failed = new ArrayList<>();

  /** A section that fails is reported and the run goes on: the later sections' figures are still worth having. */
  void section(String name, Section section) {
    if (!SECTIONS.contains(name)) {
      return;
    }
    long t0 = System.nanoTime();
    String loadBefore = loadAverage();
    try {
      section.run();
      out(String.format("%n(%s: %.0f s, load average %s at its start, %s at its end)", name, (System.nanoTime() - t0) / 1e9,
          loadBefore, loadAverage()));
    } catch (Exception | AssertionError e) {
      failed.add(name);
      out("\n(section " + name + " failed: " + e + ")");
      e.printStackTrace();
    }
  }

  @Test
  void benchmark() throws Exception {
    deployBaselines();
    out("# dsflow benchmark, " + java.time.LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MB heap, PostgreSQL " + jdbc.queryForObject("SHOW server_version", String.class));
    section("profile", this::profile);
    section("flows", this::flows);
    section("twonodes", this::twoNodes);
    section("ceiling", this::databaseCeiling);
    section("timers", this::timers);
    section("gate", this::permitGateUnderContention);
    // last: its 100k fill takes longest, and what it measured so far is already in target/benchmark.md
    section("tasklist", this::taskList);
    if (!failed.isEmpty()) {
      throw new AssertionError("sections failed: " + failed);
    }
  }

  // ---------------------------------------------------------------- 1. full approval flow against a bare flow

  void deployBaselines() throws java.io.IOException {
    BpmnModelInstance bare = Bpmn.createExecutableProcess("bare-approval").camundaHistoryTimeToLive(1)
        // `approve`: the 待我审批 filter selects approval slots by that key, so the tasks the 待我审批 section fills are listed
        .startEvent().userTask("approve").camundaCandidateGroups("deptHead")
        .userTask("useBare").camundaCandidateGroups("deptHead")
        .userTask("recordBare").camundaCandidateGroups("deptHead").endEvent().done();
    BpmnModelInstance timer = Bpmn.createExecutableProcess("bare-timer").camundaHistoryTimeToLive(1)
        .startEvent().intermediateCatchEvent("due").timerWithDate("${dueAt}")
        .serviceTask("fire").camundaExpression("${benchmarkProbe.fired(execution)}").endEvent().done();
    repositoryService.createDeployment().name("benchmark baselines")
        .addModelInstance("bare-approval.bpmn", bare).addModelInstance("bare-timer.bpmn", timer).deploy();
    EngineFloor.deploy(repositoryService, authorizationService);
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

  // ---------------------------------------------------------------- 0. where a flow's database work goes

  /**
   * One flow at a time on an otherwise idle engine: for each step, what the caller's transaction did, then what the
   * jobs it left behind did (mails, async continuations) until the job executor is idle again. Acquisition polling and
   * the audit sealer are counted apart, so the steps carry only their own work.
   */
  void profile() throws Exception {
    String[] steps = {"start", "decide", "use", "record"};
    long[][] request = new long[steps.length][6];
    long[][] async = new long[steps.length][6];
    List<Map<String, Long>> byTable = new ArrayList<>();
    double[] ms = new double[steps.length];
    for (int s = 0; s < steps.length; s++) {
      byTable.add(new java.util.TreeMap<>());
    }
    awaitJobsIdle();
    long[][] total0 = JdbcProfile.snapshot();
    long wall0 = System.nanoTime();
    for (int f = 0; f < PROFILE_FLOWS; f++) {
      ProfiledFlow flow = new ProfiledFlow();
      for (int s = 0; s < steps.length; s++) {
        long[][] before = JdbcProfile.snapshot();
        Map<String, Long> tablesBefore = JdbcProfile.rowsByTable(JdbcProfile.Source.REQUEST);
        long t0 = System.nanoTime();
        flow.step(s);
        ms[s] += (System.nanoTime() - t0) / 1e6;
        long[][] afterRequest = JdbcProfile.snapshot();
        Map<String, Long> stepTables = byTable.get(s);
        JdbcProfile.rowsByTable(JdbcProfile.Source.REQUEST).forEach((table, n) ->
            stepTables.merge(table, n - tablesBefore.getOrDefault(table, 0L), Long::sum));
        awaitJobsIdle();
        long[][] afterJobs = JdbcProfile.snapshot();
        add(request[s], before, afterRequest, JdbcProfile.Source.REQUEST);
        add(async[s], afterRequest, afterJobs, JdbcProfile.Source.JOB);
      }
    }
    double wall = (System.nanoTime() - wall0) / 1e9;
    long[][] total1 = JdbcProfile.snapshot();
    out("\n## 0. Profile: one full approval flow, by step (mean of " + PROFILE_FLOWS + " flows run one at a time)");
    out("Transactions: all commits (engine commands that only read commit too), and of them those that wrote.");
    out("| step | ms | transactions · of them writing | statements | rows written | audit rows | jobs created | then by its jobs: transactions · statements · rows written |");
    out("|---|---|---|---|---|---|---|---|");
    long[] sum = new long[6];
    long[] asyncSum = new long[6];
    for (int s = 0; s < steps.length; s++) {
      out(String.format("| %s | %.1f | %.1f · %.1f | %.1f | %.1f | %.1f | %.1f | %.1f · %.1f · %.1f |", steps[s], ms[s] / PROFILE_FLOWS,
          per(request[s][0]), per(request[s][5]), per(request[s][1]), per(request[s][2]), per(request[s][4]), per(request[s][3]),
          per(async[s][0]), per(async[s][1]), per(async[s][2])));
      for (int k = 0; k < sum.length; k++) {
        sum[k] += request[s][k];
        asyncSum[k] += async[s][k];
      }
    }
    out(String.format("| **flow** | | %.1f · %.1f | %.1f | %.1f | %.1f | %.1f | %.1f · %.1f · %.1f |", per(sum[0]), per(sum[5]), per(sum[1]),
        per(sum[2]), per(sum[4]), per(sum[3]), per(asyncSum[0]), per(asyncSum[1]), per(asyncSum[2])));
    int acq = JdbcProfile.Source.JOB_ACQUISITION.ordinal();
    int sch = JdbcProfile.Source.SCHEDULED.ordinal();
    out(String.format("| apart: job acquisition polling | %.1f statements/s | audit sealer and other schedules | %.1f transactions · %.1f statements · %.1f rows per flow |",
        (total1[acq][1] - total0[acq][1]) / wall, per(total1[sch][0] - total0[sch][0]), per(total1[sch][1] - total0[sch][1]),
        per(total1[sch][2] - total0[sch][2])));
    out("\nRows written per flow by the caller's transactions, by step and table (largest first):");
    out("| step | rows by table |");
    out("|---|---|");
    for (int s = 0; s < steps.length; s++) {
      List<String> parts = new ArrayList<>();
      byTable.get(s).entrySet().stream().filter(e -> e.getValue() > 0)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> parts.add(String.format("%s %.1f", e.getKey(), per(e.getValue()))));
      out("| " + steps[s] + " | " + String.join(" · ", parts) + " |");
    }
    statementTimes(steps);
  }

  /**
   * The caller's statements of a few more flows, timed one by one on the caller's thread (round trip included), by
   * statement text: what share of a step's wall time is spent waiting on PostgreSQL, and which statements cost most.
   */
  void statementTimes(String[] steps) throws Exception {
    int flows = 5;
    Map<String, double[]> bySql = new java.util.HashMap<>();
    double[] inStatements = new double[steps.length];
    double[] wall = new double[steps.length];
    for (int f = 0; f < flows; f++) {
      ProfiledFlow flow = new ProfiledFlow();
      for (int s = 0; s < steps.length; s++) {
        List<JdbcProfile.Ran> ran = new ArrayList<>();
        JdbcProfile.RECORDING.set(ran);
        long t0 = System.nanoTime();
        try {
          flow.step(s);
        } finally {
          JdbcProfile.RECORDING.remove();
        }
        wall[s] += (System.nanoTime() - t0) / 1e6;
        for (JdbcProfile.Ran r : ran) {
          inStatements[s] += r.ms();
          String sql = r.statement().sql().replaceAll("\\s+", " ").trim();
          double[] t = bySql.computeIfAbsent(sql.substring(0, Math.min(110, sql.length())), k -> new double[2]);
          t[0]++;
          t[1] += r.ms();
        }
      }
      awaitJobsIdle();
    }
    out("\nTime in the caller's statements (" + flows + " more flows, each statement timed on the caller's thread, round trip included):");
    out("| step | wall ms | of it in statements ms |");
    out("|---|---|---|");
    for (int s = 0; s < steps.length; s++) {
      out(String.format("| %s | %.1f | %.1f |", steps[s], wall[s] / flows, inStatements[s] / flows));
    }
    out("\nThe 15 costliest statements per flow (by text; a batch counts once):");
    out("| statement | runs per flow | ms per flow |");
    out("|---|---|---|");
    bySql.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[1], a.getValue()[1])).limit(15).forEach(e ->
        out(String.format("| `%s` | %.1f | %.1f |", e.getKey().replace("|", "\\|"), e.getValue()[0] / flows, e.getValue()[1] / flows)));
  }

  double per(long n) {
    return n / (double) PROFILE_FLOWS;
  }

  static void add(long[] into, long[][] from, long[][] to, JdbcProfile.Source source) {
    for (int k = 0; k < into.length; k++) {
      into[k] += to[source.ordinal()][k] - from[source.ordinal()][k];
    }
  }

  /** The same flow as {@link #dsflowFlow}, one step per call, so each step can be measured on its own. */
  final class ProfiledFlow {
    String id;
    String permitId;

    void step(int s) throws Exception {
      switch (s) {
        case 0 -> id = as("zhangsan", "employee", () -> runtimeService.startProcessInstanceByKey("data-operation-approval",
            ApprovalFixture.request("BULK_EXPORT", "GENERAL")).getId());
        case 1 -> {
          String sub = runtimeService.createProcessInstanceQuery().superProcessInstanceId(id).singleResult().getId();
          Task slot = taskService.createTaskQuery().processInstanceId(sub).singleResult();
          as("wangwu", "deptHead", () -> {
            taskService.claim(slot.getId(), "wangwu");
            taskService.complete(slot.getId(), Map.of("decision", "APPROVE", "comment", "同意"));
            return null;
          });
          permitId = (String) runtimeService.getVariable(id, "permitId");
          Date approvedAt = (Date) runtimeService.getVariable(id, "approvedAt");
          while (!ClockUtil.getCurrentTime().after(approvedAt)) {
            Thread.onSpinWait(); // 先审后做: the use must come strictly after the approval, to the millisecond
          }
        }
        case 2 -> gate.use(permitId, new PermitGate.Use("etl", 5000, "某某科技有限公司"), "zhangsan");
        default -> {
          // the result record lives in the called permit-lifecycle, the request's only sub-instance by now
          String wait = runtimeService.createProcessInstanceQuery().superProcessInstanceId(id).singleResult().getId();
          Task record = taskService.createTaskQuery().processInstanceId(wait).taskDefinitionKey("recordResult").singleResult();
          as("zhangsan", "employee", () -> {
            taskService.complete(record.getId(), Map.of("actualRecordCount", 5000, "completedAt", java.time.Instant.now().toString()));
            return null;
          });
        }
      }
    }
  }

  void flows() throws Exception {
    out("\n## 1. Full approval flow vs bare BPMN (same number of user tasks), " + FLOWS + " flows per run");
    out("Engine floor: the same BPMN and DMN files with every dsflow listener, delegate and bean call taken out (EngineFloor),");
    out("run by the same users with the same variables: what the model costs the engine before any dsflow code runs.");
    out("| threads | dsflow flows/s | engine floor flows/s | bare flows/s | ratio dsflow/bare | ratio floor/bare | ratio dsflow/floor | dsflow p50/p99 ms: start · decide · use · record | floor p50/p99 ms: start · decide · use · record | bare p50/p99 ms: start · task1 · task2 · task3 | dsflow lock waits: share of samples with a waiter · mean waiters |");
    out("|---|---|---|---|---|---|---|---|---|---|---|");
    // warm-up, not measured: the first flows of each kind run while the JIT compiles their paths
    Map<String, Step> warmUp = new ConcurrentHashMap<>();
    for (int i = 0; i < Math.max(10, FLOWS / 10); i++) {
      dsflowFlow(warmUp);
      floorFlow(warmUp);
      bareFlow(warmUp);
    }
    awaitJobsIdle();
    double[] dsflowRates = new double[3];
    double[] bareRates = new double[3];
    int k = 0;
    for (int threads : new int[] {1, 2, 4}) {
      Map<String, Step> dsflow = new ConcurrentHashMap<>();
      LockSampler locks = new LockSampler();
      locks.start();
      double dsflowRate = run(threads, i -> dsflowFlow(dsflow));
      locks.stop();
      awaitJobsIdle();
      Map<String, Step> floor = new ConcurrentHashMap<>();
      double floorRate = run(threads, i -> floorFlow(floor));
      awaitJobsIdle();
      Map<String, Step> bare = new ConcurrentHashMap<>();
      double bareRate = run(threads, i -> bareFlow(bare));
      awaitJobsIdle();
      dsflowRates[k] = dsflowRate;
      bareRates[k++] = bareRate;
      out(String.format("| %d | %.1f | %.1f | %.1f | %.2f | %.2f | %.2f | %s | %s | %s | %s |", threads, dsflowRate, floorRate, bareRate,
          dsflowRate / bareRate, floorRate / bareRate, dsflowRate / floorRate, steps(dsflow, "start", "decide", "use", "record"),
          steps(floor, "start", "decide", "use", "record"), steps(bare, "start", "task1", "task2", "task3"), locks));
    }
    out(String.format("%nScaling 4 threads / 1 thread: dsflow %.2f, bare %.2f (target: dsflow's at least bare's).",
        dsflowRates[2] / dsflowRates[0], bareRates[2] / bareRates[0]));
  }

  /** The full flow's steps on the engine floor: the same users, variables and calls as {@link #dsflowFlow}. */
  void floorFlow(Map<String, Step> steps) throws Exception {
    String id = steps.computeIfAbsent("start", k -> new Step()).time(() -> as("zhangsan", "employee",
        () -> runtimeService.startProcessInstanceByKey(EngineFloor.REQUEST,
            EngineFloor.startVariables(ApprovalFixture.request("BULK_EXPORT", "GENERAL"))).getId()));
    String sub = runtimeService.createProcessInstanceQuery().superProcessInstanceId(id).singleResult().getId();
    Task slot = taskService.createTaskQuery().processInstanceId(sub).singleResult();
    steps.computeIfAbsent("decide", k -> new Step()).time(() -> as("wangwu", "deptHead", () -> {
      taskService.claim(slot.getId(), "wangwu");
      taskService.complete(slot.getId(), Map.of("decision", "APPROVE", "comment", "同意"));
      return null;
    }));
    String wait = runtimeService.createProcessInstanceQuery().superProcessInstanceId(id).singleResult().getId();
    steps.computeIfAbsent("use", k -> new Step()).time(() ->
        runtimeService.createMessageCorrelation("permitUsed").processInstanceId(wait)
            .setVariable(cn.dsflow.process.PermitVariables.USED_AT.name(), new Date())
            .setVariable(cn.dsflow.process.PermitVariables.USED_BY.name(), "etl")
            .setVariable(cn.dsflow.process.PermitVariables.USED_RECORD_COUNT.name(), 5000L)
            .correlateAllWithResult());
    Task record = taskService.createTaskQuery().processInstanceId(wait).taskDefinitionKey("recordResult").singleResult();
    steps.computeIfAbsent("record", k -> new Step()).time(() -> as("zhangsan", "employee", () -> {
      taskService.complete(record.getId(), Map.of("actualRecordCount", 5000, "completedAt", java.time.Instant.now().toString()));
      return null;
    }));
  }

  /** Samples PostgreSQL's lock table every 10 ms on its own connection: how often, and how many, sessions wait. */
  final class LockSampler {
    private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
    private long samples;
    private long withWaiter;
    private long waiters;
    private Thread thread;

    void start() {
      thread = new Thread(() -> {
        try (Connection c = dataSource.getConnection();
            PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted")) {
          while (running.get()) {
            try (var rs = ps.executeQuery()) {
              rs.next();
              long n = rs.getLong(1);
              samples++;
              waiters += n;
              withWaiter += n > 0 ? 1 : 0;
            }
            Thread.sleep(10); // the sampling period, not a wait for a result
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "lock-sampler");
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }

    @Override
    public String toString() {
      return samples == 0 ? "-" : String.format("%.0f %% · %.2f", 100.0 * withWaiter / samples, (double) waiters / samples);
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

  /** The services of one engine node, so the same flow can run on a second node. */
  record Node(RuntimeService runtime, TaskService tasks, IdentityService identity, PermitGate gate) {
    static Node of(org.springframework.context.ApplicationContext c) {
      return new Node(c.getBean(RuntimeService.class), c.getBean(TaskService.class), c.getBean(IdentityService.class),
          c.getBean(PermitGate.class));
    }

    <T> T as(String user, String group, java.util.concurrent.Callable<T> work) throws Exception {
      identity.setAuthentication(user, List.of(group));
      try {
        return work.call();
      } finally {
        identity.clearAuthentication();
      }
    }
  }

  void dsflowFlow(Map<String, Step> steps) throws Exception {
    dsflowFlow(steps, new Node(runtimeService, taskService, identityService, gate));
  }

  void dsflowFlow(Map<String, Step> steps, Node n) throws Exception {
    String id = steps.computeIfAbsent("start", k -> new Step()).time(() -> n.as("zhangsan", "employee",
        () -> n.runtime().startProcessInstanceByKey("data-operation-approval", ApprovalFixture.request("BULK_EXPORT", "GENERAL")).getId()));
    String sub = n.runtime().createProcessInstanceQuery().superProcessInstanceId(id).singleResult().getId();
    Task slot = n.tasks().createTaskQuery().processInstanceId(sub).singleResult();
    steps.computeIfAbsent("decide", k -> new Step()).time(() -> n.as("wangwu", "deptHead", () -> {
      n.tasks().claim(slot.getId(), "wangwu");
      n.tasks().complete(slot.getId(), Map.of("decision", "APPROVE", "comment", "同意"));
      return null;
    }));
    String permitId = (String) n.runtime().getVariable(id, "permitId");
    Date approvedAt = (Date) n.runtime().getVariable(id, "approvedAt");
    while (!ClockUtil.getCurrentTime().after(approvedAt)) {
      Thread.onSpinWait(); // 先审后做: the use must come strictly after the approval, to the millisecond
    }
    steps.computeIfAbsent("use", k -> new Step()).time(() ->
        n.gate().use(permitId, new PermitGate.Use("etl", 5000, "某某科技有限公司"), "zhangsan"));
    String wait = n.runtime().createProcessInstanceQuery().superProcessInstanceId(id).singleResult().getId();
    Task record = n.tasks().createTaskQuery().processInstanceId(wait).taskDefinitionKey("recordResult").singleResult();
    steps.computeIfAbsent("record", k -> new Step()).time(() -> n.as("zhangsan", "employee", () -> {
      n.tasks().complete(record.getId(), Map.of("actualRecordCount", 5000, "completedAt", java.time.Instant.now().toString()));
      return null;
    }));
  }

  // ---------------------------------------------------------------- 1b. two engines on one PostgreSQL

  /**
   * A second in-JVM node (as ClusterIT starts one) on this run's PostgreSQL; four threads, two per node, against the
   * same four threads on one node.
   */
  void twoNodes() throws Exception {
    com.zaxxer.hikari.HikariDataSource pool = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class);
    String[] args = {
        "--spring.datasource.url=" + pool.getJdbcUrl(), "--spring.datasource.username=" + pool.getUsername(),
        "--spring.datasource.password=" + pool.getPassword(), "--server.port=0",
        "--camunda.bpm.job-execution.enabled=true", "--camunda.bpm.job-execution.wait-time-in-millis=100",
        "--camunda.bpm.job-execution.max-wait=500", "--dsflow.data-dir=target/benchmark-node-b",
        "--camunda.bpm.process-engine-name=nodeb", "--camunda.bpm.webapp.enabled=false",
        "--dsflow.audit.sealer.enabled=true"};
    Node a = new Node(runtimeService, taskService, identityService, gate);
    Map<String, Step> one = new ConcurrentHashMap<>();
    double oneNode = run(4, i -> dsflowFlow(one, a));
    awaitJobsIdle();
    try (org.springframework.context.ConfigurableApplicationContext nodeB =
        new org.springframework.boot.builder.SpringApplicationBuilder(cn.dsflow.DsflowApplication.class)
            .profiles("demo", "test").run(args)) {
      Node b = Node.of(nodeB);
      Map<String, Step> two = new ConcurrentHashMap<>();
      java.util.concurrent.atomic.AtomicInteger threadNo = new java.util.concurrent.atomic.AtomicInteger();
      ThreadLocal<Node> mine = ThreadLocal.withInitial(() -> threadNo.getAndIncrement() % 2 == 0 ? a : b);
      double twoNodes = run(4, i -> dsflowFlow(two, mine.get()));
      awaitJobsIdle();
      out("\n## 1b. Two engines on one PostgreSQL (4 threads: all on one node, then two on each of two nodes)");
      out("| setup | dsflow flows/s | p50/p99 ms: start · decide · use · record |");
      out("|---|---|---|");
      out(String.format("| one node, 4 threads | %.1f | %s |", oneNode, steps(one, "start", "decide", "use", "record")));
      out(String.format("| two nodes, 2 threads each | %.1f | %s |", twoNodes, steps(two, "start", "decide", "use", "record")));
    }
    auditChain.sealNow();
    ChainVerification v = auditChain.verify();
    out("| audit chain after both nodes | valid " + v.valid() + ", " + v.checked() + " sealed, " + v.unsealed() + " unsealed |");
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

  /**
   * What Tasklist sends for 待我审批: the saved filter (candidate groups of the signed-in user, unassigned, approval
   * slots) run with authorization checks on, newest first, active only, one page of 50 plus the count (the filter
   * refreshes its count), then three variables of the page's requests in one query. Two users: wangwu of deptHead, who
   * sees 99 % of the filled requests (the worst case), and zhaoliu of dso, whose group is offered every hundredth (a
   * realistic spread: spread over time like the others, so a newest-first walk passes about 100 tasks per row it lists).
   * Each is timed with the engine's own task statement and with the application's (CandidateTaskLists), same minute.
   */
  void taskList() throws Exception {
    out("\n## 3. 待我审批 (the saved filter, authorizations on: count + first page of 50 + 3 variables of each, in one query) with N open requests");
    out("| open requests | as | sees | engine's statement: p50 · p99 ms | application's statements (CandidateTaskLists, TaskListVariables): p50 · p99 ms | load average |");
    out("|---|---|---|---|---|---|");
    repositoryService.createDeployment().addModelInstance("bare-approval-dso.bpmn",
        Bpmn.createExecutableProcess("bare-approval-dso").camundaHistoryTimeToLive(1)
            .startEvent().userTask("approve").camundaCandidateGroups("dso").endEvent().done()).deploy();
    awaitJobsIdle();
    String filterId = filterService.createFilterQuery().filterName("待我审批").singleResult().getId();
    int open = (int) taskService.createTaskQuery().processDefinitionKeyIn("bare-approval", "bare-approval-dso").count();
    for (int size : new int[] {1_000, 10_000, 100_000}) {
      if (size > TASKLIST_MAX) {
        out("| " + size + " | (skipped: -Dbenchmark.tasklist.max=" + TASKLIST_MAX + ") | | | | |");
        continue;
      }
      if (size - open > 20_000) {
        printPlans();
      }
      fill(size - open);
      open = Math.max(open, size);
      awaitJobsIdle();
      // what autovacuum does on a live system soon after so many inserts (it vacuums a table once a fifth of it is
      // new): statistics for the planner, and the visibility map that lets an index answer without the table
      jdbc.execute("VACUUM ANALYZE");
      for (String[] user : new String[][] {{"wangwu", "deptHead"}, {"zhaoliu", "dso"}}) {
        java.util.concurrent.Callable<Long> listCall = () -> as(user[0], user[1], () -> {
          long count = filterService.count(filterId);
          List<Task> page = filterService.listPage(filterId,
              taskService.createTaskQuery().active().orderByTaskCreateTime().desc(), 0, 50);
          // one query for the page's variables, as the REST filter list asks it when a filter names variables to
          // show: the named variables of each task's own, its execution's and its process instance's scope
          String[] scopes = page.stream().flatMap(t -> java.util.stream.Stream.of(t.getId(), t.getExecutionId(),
              t.getProcessInstanceId())).distinct().toArray(String[]::new);
          long variables = scopes.length == 0 ? 0 : ((org.camunda.bpm.engine.impl.VariableInstanceQueryImpl) runtimeService
              .createVariableInstanceQuery().disableBinaryFetching().disableCustomObjectDeserialization()
              .variableNameIn("requestSummary", "dataLevel", "approvalDueAt").variableScopeIdIn(scopes)).unlimitedList().size();
          return count + page.size() + variables;
        });
        long sees = as(user[0], user[1], () -> filterService.count(filterId));
        // same size, same minute: the engine's statement against the application's
        Step engines = timedList(listCall, false);
        Step ours = timedList(listCall, true);
        out("| " + open + " | " + user[0] + " (" + user[1] + ") | " + sees + " | " + engines.p(0.5) + " · "
            + engines.p(0.99) + " | " + ours.p(0.5) + " · " + ours.p(0.99) + " | " + loadAverage() + " |");
        explained.put(open + " open requests as " + user[0] + ", the engine's statement", recorded(listCall, false));
        explained.put(open + " open requests as " + user[0] + ", the application's statement", recorded(listCall, true));
      }
    }
    printPlans();
  }

  /** The plans go after the table; a run stopped during the next fill (100k) prints those it has (see taskList). */
  void printPlans() {
    explained.forEach((what, plans) -> {
      out("\nEvery statement of one list call at " + what + ", with EXPLAIN (ANALYZE, BUFFERS):\n```");
      plans.forEach(this::out);
      out("```");
    });
    explained.clear();
  }

  static final int TASKLIST_CALLS = Integer.getInteger("benchmark.tasklist.calls", 100);

  /** The 1-minute load average: the machine is shared, so every figure is printed beside it. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  final Map<String, List<String>> explained = new java.util.LinkedHashMap<>();

  Step timedList(java.util.concurrent.Callable<Long> listCall, boolean ours) throws Exception {
    groupTaskListsHere(ours);
    Step query = new Step();
    int warmUp = Math.max(1, TASKLIST_CALLS / 10);
    for (int i = 0; i < TASKLIST_CALLS + warmUp; i++) {
      query.time(listCall);
    }
    query.ms.subList(0, warmUp).clear();
    return query;
  }

  /** Every statement one list call runs, timed, then each SELECT's plan. */
  List<String> recorded(java.util.concurrent.Callable<Long> listCall, boolean ours) throws Exception {
    groupTaskListsHere(ours);
    List<JdbcProfile.Ran> ran = new ArrayList<>();
    JdbcProfile.RECORDING.set(ran);
    try {
      listCall.call();
    } finally {
      JdbcProfile.RECORDING.remove();
    }
    List<String> plans = new ArrayList<>();
    for (JdbcProfile.Ran r : ran) {
      plans.add(String.format("-- %.1f ms", r.ms()));
      String sql = r.statement().sql().stripLeading().toLowerCase(java.util.Locale.ROOT);
      plans.add(sql.startsWith("select") || sql.startsWith("with") ? explain(r.statement())
          : r.statement().sql().replaceAll("\\s+", " ").trim());
    }
    groupTaskListsHere(true);
    return plans;
  }

  final Map<Class<?>, org.camunda.bpm.engine.impl.interceptor.SessionFactory> applicationsManagers = new java.util.HashMap<>();

  /**
   * Switches the engine's task and variable managers between the engine's own (its statements for every task and
   * variable query) and the application's (CandidateTaskLists, TaskListVariables); both run the group lookup by index
   * (AuthorizedGroupIdsLookup).
   */
  void groupTaskListsHere(boolean ours) {
    var factories = engineConfiguration.getSessionFactories();
    for (Class<?> manager : List.of(org.camunda.bpm.engine.impl.persistence.entity.TaskManager.class,
        org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceManager.class)) {
      applicationsManagers.computeIfAbsent(manager, factories::get);
      factories.put(manager, ours ? applicationsManagers.get(manager)
          : new org.camunda.bpm.engine.impl.persistence.GenericManagerFactory(
              manager.asSubclass(org.camunda.bpm.engine.impl.interceptor.Session.class)));
    }
  }

  String explain(JdbcProfile.Captured q) {
    if (q == null) {
      return "(no query captured)";
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + q.sql())) {
      for (Map.Entry<Integer, Object> p : q.parameters().entrySet()) {
        ps.setObject(p.getKey(), p.getValue());
      }
      StringBuilder plan = new StringBuilder();
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      return q.sql().replaceAll("\\s+", " ").trim() + "\n" + plan;
    } catch (java.sql.SQLException e) {
      return "(EXPLAIN failed: " + e.getMessage() + ")";
    }
  }

  static final int FILL_CHUNK = 200;

  /** Open requests with an approval slot: every hundredth offered to dso, the others to deptHead. */
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
        // 200 starts per transaction: the fill only sets the stage (100k one by one took half an hour on the shared host)
        for (int done = 0; done < share; done += FILL_CHUNK) {
          int from = done;
          int to = Math.min(share, done + FILL_CHUNK);
          engineConfiguration.getCommandExecutorTxRequired().execute(context -> {
            for (int i = from; i < to; i++) {
              String key = i % 100 == 0 ? "bare-approval-dso" : "bare-approval";
              runtimeService.startProcessInstanceByKey(key, Map.of("requestSummary", "批量导出 · 一般数据 · " + i,
                  "dataLevel", "GENERAL", "approvalDueAt", new Date()));
            }
            return null;
          });
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
    out(String.format("| time to process all | %.1f s (%.0f timers/s, %,.0f timers/minute) |", seconds, fired / seconds, fired * 60 / seconds));
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
