package cn.dsflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowApplication;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.notify.EmbeddedMailServer;
import cn.dsflow.permit.PermitGate;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Several nodes on one PostgreSQL (Camunda's homogeneous cluster), each with its job executor running: work started on
 * one node is finished on another, timers and mails fire exactly once, a node can stop mid-run, the database can
 * restart under load, and a JVM killed between approval and permit use leaves the permit live exactly once. This class
 * runs its own PostgreSQL, SMTP server and application nodes, apart from the suite's shared context. The job executor
 * works on its own threads here, so the assertions poll for its results (never for more than a minute).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  static EmbeddedPostgres postgres;
  static Path dataDir;
  static int pgPort;
  static EmbeddedMailServer smtp;
  static ConfigurableApplicationContext nodeA;
  static ConfigurableApplicationContext nodeB;

  @BeforeAll
  static void cluster() throws Exception {
    dataDir = Path.of("target", "test-data", "cluster-" + UUID.randomUUID(), "postgres").toAbsolutePath();
    pgPort = freePort();
    postgres = startPostgres();
    smtp = new EmbeddedMailServer(0);
    smtp.start();
    nodeA = node("a");
    nodeB = node("b");
  }

  @AfterAll
  static void stop() throws Exception {
    ClockUtil.reset();
    if (nodeA != null && nodeA.isActive()) {
      nodeA.close();
    }
    if (nodeB != null) {
      nodeB.close();
    }
    smtp.stop();
    postgres.close();
  }

  static EmbeddedPostgres startPostgres() throws Exception {
    return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(pgPort)
        .setRegisterShutdownHook(false).setServerConfig("timezone", "UTC").setServerConfig("max_connections", "300").start();
  }

  static String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + pgPort + "/postgres";
  }

  static Map<String, Object> nodeProperties(String name) {
    Map<String, Object> p = new HashMap<>();
    p.put("spring.datasource.url", jdbcUrl());
    p.put("spring.datasource.username", "postgres");
    p.put("spring.datasource.password", "postgres");
    p.put("spring.datasource.hikari.connection-timeout", "3000");
    p.put("server.port", "0");
    p.put("spring.mail.host", "127.0.0.1");
    p.put("spring.mail.port", String.valueOf(smtp.port()));
    p.put("camunda.bpm.job-execution.enabled", "true");
    p.put("camunda.bpm.job-execution.wait-time-in-millis", "100");
    p.put("camunda.bpm.job-execution.max-wait", "500");
    p.put("camunda.bpm.job-execution.lock-time-in-millis", "10000");
    p.put("dsflow.outbox.worker-enabled", "true");
    p.put("dsflow.outbox.interval", "PT0.2S");
    p.put("dsflow.data-dir", "target/test-data/cluster-node-" + name);
    // engines register by name in a JVM-wide registry that /engine-rest reads: the suite's shared context keeps "default"
    p.put("camunda.bpm.process-engine-name", "node" + name.replace("-", ""));
    // the webapps keep JVM-wide runtime delegates: a node's Tasklist would replace the shared context's, and once the
    // node stops, every Tasklist session call of the tests after this one would fail with 500. The nodes need none.
    p.put("camunda.bpm.webapp.enabled", "false");
    return p;
  }

  static ConfigurableApplicationContext node(String name) {
    // as command-line arguments: they outrank application.yaml, which default properties would not
    List<String> args = new ArrayList<>();
    nodeProperties(name).forEach((k, v) -> args.add("--" + k + "=" + v));
    return new SpringApplicationBuilder(DsflowApplication.class).profiles("demo", "test").run(args.toArray(String[]::new));
  }

  static <T> T bean(ConfigurableApplicationContext node, Class<T> type) {
    return node.getBean(type);
  }

  static <T> T as(ConfigurableApplicationContext node, String user, String group, Callable<T> work) throws Exception {
    IdentityService identity = bean(node, IdentityService.class);
    identity.setAuthentication(user, List.of(group));
    try {
      return work.call();
    } finally {
      identity.clearAuthentication();
    }
  }

  static String start(ConfigurableApplicationContext node, String category) throws Exception {
    Map<String, Object> request = ApprovalFixture.request("BULK_EXPORT", "GENERAL");
    request.put("dataCategory", category);
    return as(node, "zhangsan", "employee",
        () -> bean(node, RuntimeService.class).startProcessInstanceByKey("data-operation-approval", request).getId());
  }

  static Task slot(ConfigurableApplicationContext node, String requestId) {
    String sub = bean(node, RuntimeService.class).createProcessInstanceQuery().superProcessInstanceId(requestId).singleResult().getId();
    return bean(node, TaskService.class).createTaskQuery().processInstanceId(sub).singleResult();
  }

  static void approve(ConfigurableApplicationContext node, String requestId) throws Exception {
    Task slot = slot(node, requestId);
    as(node, "wangwu", "deptHead", () -> {
      bean(node, TaskService.class).claim(slot.getId(), "wangwu");
      bean(node, TaskService.class).complete(slot.getId(), Map.of("decision", "APPROVE", "comment", "同意"));
      return null;
    });
  }

  static void waitUntil(String what, Callable<Boolean> condition) throws Exception {
    long end = System.nanoTime() + 60_000_000_000L;
    while (!condition.call()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within a minute: " + what);
      }
      Thread.sleep(200); // the job executors run on their own threads; this only waits for their result
    }
  }

  static long openMailJobs(ConfigurableApplicationContext node) {
    return bean(node, JdbcTemplate.class).queryForObject("SELECT count(*) FROM dsf_outbox WHERE status = 'PENDING'", Long.class);
  }

  /**
   * How many times each mail was sent: per (recipients, subject), the number of distinct Message-IDs. The SMTP server
   * keeps one copy per recipient of a message, so copies share their Message-ID; a mail sent twice would not.
   */
  static Map<String, Integer> mailCounts() throws Exception {
    Map<String, java.util.Set<String>> sends = new HashMap<>();
    for (MimeMessage m : smtp.receivedMessages()) {
      List<String> to = new ArrayList<>();
      for (Address a : m.getAllRecipients()) {
        to.add(a.toString());
      }
      java.util.Collections.sort(to);
      sends.computeIfAbsent(to + " | " + m.getSubject(), k -> new java.util.HashSet<>()).add(m.getMessageID());
    }
    Map<String, Integer> counts = new HashMap<>();
    sends.forEach((k, ids) -> counts.put(k, ids.size()));
    return counts;
  }

  @Test
  @Order(1)
  void aRequestStartedOnNodeAIsApprovedOnNodeBAndTimersAndMailsFireExactlyOnce() throws Exception {
    String request = start(nodeA, "集群-A启动B审批");
    approve(nodeB, request);
    String permitId = (String) bean(nodeB, RuntimeService.class).getVariable(request, "permitId");
    assertThat(permitId).isNotNull();
    Date approvedAt = (Date) bean(nodeB, RuntimeService.class).getVariable(request, "approvedAt");
    waitUntil("the clock passes the approval", () -> new Date().after(approvedAt));
    bean(nodeB, PermitGate.class).use(permitId, new PermitGate.Use("etl", 10, "某某科技有限公司"), "zhangsan");

    List<String> reminded = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      reminded.add(start(i % 2 == 0 ? nodeA : nodeB, "集群提醒-" + i));
    }
    Date reminderAt = (Date) bean(nodeA, RuntimeService.class).getVariable(
        bean(nodeA, RuntimeService.class).createProcessInstanceQuery().superProcessInstanceId(reminded.get(0)).singleResult().getId(),
        "approvalReminderAt");
    // jobs in flight hold locks that expire by the engine clock: a jump of days would free them while they still run,
    // which a real clock never does — so the jump happens when the queued mails are out
    waitUntil("the slot mails are out", () -> openMailJobs(nodeA) == 0);
    ClockUtil.setCurrentTime(new Date(reminderAt.getTime() + 1000));
    AuditChain audit = bean(nodeB, AuditChain.class);
    waitUntil("every reminder fired", () -> reminded.stream().allMatch(r -> !audit.events("request", r).stream()
        .filter(e -> e.type().equals("APPROVAL_REMINDER")).toList().isEmpty()));
    waitUntil("every mail sent", () -> openMailJobs(nodeA) == 0);
    ClockUtil.reset();
    for (String r : reminded) {
      assertThat(audit.events("request", r).stream().filter(e -> e.type().equals("APPROVAL_REMINDER")).count()).as(r).isEqualTo(1);
    }
    Map<String, Integer> mails = mailCounts();
    assertThat(mails).isNotEmpty();
    assertThat(mails).as("no mail twice").allSatisfy((mail, sends) -> assertThat(sends).as(mail).isEqualTo(1));
    assertThat(mails.keySet()).anyMatch(k -> k.contains("集群提醒-7") && k.contains("审批即将到期"));
  }

  @Test
  @Order(2)
  void stoppingNodeAMidRunLosesNothing() throws Exception {
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      started.add(start(nodeA, "集群停机-" + i));
    }
    nodeA.close();
    // node B finds every request, delivers the mails A had queued, and approves the lot
    waitUntil("B delivered A's queued mails", () -> openMailJobs(nodeB) == 0);
    for (String id : started) {
      approve(nodeB, id);
      assertThat(bean(nodeB, RuntimeService.class).getVariable(id, "permitId")).isNotNull();
    }
    Map<String, Integer> mails = mailCounts();
    assertThat(mails.keySet()).anyMatch(k -> k.contains("集群停机-19"));
    assertThat(mails).as("no mail twice").allSatisfy((mail, sends) -> assertThat(sends).as(mail).isEqualTo(1));
  }

  @Test
  @Order(3)
  void postgresRestartedUnderLoadIsRecoveredWithoutHandsAndLeavesNoHalfWrittenRequest() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService load = Executors.newFixedThreadPool(3);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      workers.add(load.submit(() -> {
        while (running.get()) {
          try {
            start(nodeB, "重启负载");
            ok.incrementAndGet();
          } catch (Exception e) {
            failed.incrementAndGet(); // the caller sees an error and nothing was written
          }
        }
        return null;
      }));
    }
    waitUntil("load is running", () -> ok.get() > 10);
    postgres.close();
    postgres = startPostgres();
    int afterRestart = ok.get();
    waitUntil("requests succeed again", () -> ok.get() > afterRestart + 10);
    running.set(false);
    for (Future<?> w : workers) {
      w.get();
    }
    load.shutdown();
    JdbcTemplate jdbc = bean(nodeB, JdbcTemplate.class);
    Integer instances = jdbc.queryForObject("SELECT count(*) FROM act_hi_procinst p WHERE p.proc_def_key_ = 'data-operation-approval' "
        + "AND EXISTS (SELECT 1 FROM act_hi_varinst v WHERE v.proc_inst_id_ = p.proc_inst_id_ AND v.name_ = 'dataCategory' AND v.text_ = '重启负载')",
        Integer.class);
    Integer submitted = jdbc.queryForObject("SELECT count(*) FROM dsf_audit_event WHERE event_type = 'REQUEST_SUBMITTED' "
        + "AND detail LIKE '%重启负载%'", Integer.class);
    Integer withSlot = jdbc.queryForObject("SELECT count(DISTINCT p.super_process_instance_id_) FROM act_hi_procinst p WHERE p.proc_def_key_ = 'multi-person-approval' "
        + "AND p.super_process_instance_id_ IN (SELECT v.proc_inst_id_ FROM act_hi_varinst v WHERE v.name_ = 'dataCategory' AND v.text_ = '重启负载')",
        Integer.class);
    // every request in the database is whole: its instance, its audit record and its approval exist together
    assertThat(instances).isEqualTo(submitted).isEqualTo(withSlot);
    // none that was confirmed is missing; a commit whose answer was lost with the dying connection may be there
    // although its caller saw an error (in doubt, never half-written)
    assertThat(instances).isBetween(ok.get(), ok.get() + failed.get());
    assertThat(bean(nodeB, AuditChain.class).verify().valid()).isTrue();
  }

  @Test
  @Order(4)
  void aJvmKilledBetweenApprovalAndUseLeavesThePermitLiveExactlyOnce() throws Exception {
    String category = "进程被杀-" + UUID.randomUUID().toString().substring(0, 8);
    int port = freePort();
    Process first = launch(port, "kill-1");
    try {
      waitForHealth(port);
      String body = "{\"variables\":{\"operationType\":{\"value\":\"BULK_EXPORT\"},\"dataLevel\":{\"value\":\"GENERAL\"},"
          + "\"dataCategory\":{\"value\":\"" + category + "\"},\"dataDescription\":{\"value\":\"x\"},\"recordCount\":{\"value\":10},"
          + "\"volumeGb\":{\"value\":1},\"processingSubject\":{\"value\":\"x\"},\"processingMethod\":{\"value\":\"x\"},"
          + "\"purpose\":{\"value\":\"x\"},\"scope\":{\"value\":\"x\"},\"validFrom\":{\"value\":\"" + java.time.LocalDate.now() + "\"},"
          + "\"validUntil\":{\"value\":\"" + java.time.LocalDate.now().plusDays(30) + "\"},\"recipientName\":{\"value\":\"某某科技有限公司\"}}}";
      assertThat(post(port, "zhangsan", "/engine-rest/process-definition/key/data-operation-approval/start", body).statusCode()).isEqualTo(200);
      String tasks = get(port, "wangwu", "/engine-rest/task?taskDefinitionKey=approve&processVariables=dataCategory_eq_"
          + java.net.URLEncoder.encode(category, StandardCharsets.UTF_8)).body();
      String taskId = tasks.replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
      assertThat(post(port, "wangwu", "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"wangwu\"}").statusCode()).isEqualTo(204);
      assertThat(post(port, "wangwu", "/engine-rest/task/" + taskId + "/complete",
          "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"同意\"}}}").statusCode()).isEqualTo(204);
    } finally {
      first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no graceful close
    }
    int port2 = freePort();
    Process second = launch(port2, "kill-2");
    try {
      waitForHealth(port2);
      String permits = get(port2, "zhangsan", "/api/permits").body();
      String permit = permits.replaceAll("(?s).*\"id\":\"(PMT-[^\"]+)\"[^}]*\"dataCategory\":\"" + category + "\".*", "$1");
      assertThat(permit).startsWith("PMT-");
      assertThat(get(port2, "zhangsan", "/api/permits/" + permit).body()).contains("\"status\":\"LIVE\"");
      String use = "{\"operator\":\"etl\",\"recordCount\":10,\"recipient\":\"某某科技有限公司\"}";
      assertThat(post(port2, "zhangsan", "/api/permits/" + permit + "/use", use).statusCode()).isEqualTo(200);
      assertThat(post(port2, "zhangsan", "/api/permits/" + permit + "/use", use).statusCode()).isEqualTo(409);
    } finally {
      second.destroyForcibly().waitFor();
    }
  }

  static Process launch(int port, String name) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx512m", "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8",
        "-cp", realClassPath(), DsflowApplication.class.getName()));
    nodeProperties(name).forEach((k, v) -> {
      if (!k.equals("server.port") && !k.equals("camunda.bpm.process-engine-name")) {
        command.add("--" + k + "=" + v);
      }
    });
    command.add("--server.port=" + port);
    command.add("--spring.profiles.active=demo,test");
    // in a JVM launched with the test class path, classpath*: also matched the project directory's own bpmn/ and forms/
    // (beside target/classes); the first match is the built copy
    command.add("--camunda.bpm.deployment-resource-pattern=classpath:bpmn/*.bpmn,classpath:bpmn/*.dmn,classpath:forms/*.form");
    File log = Path.of("target", "cluster-" + name + ".log").toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }

  /**
   * The test's class path as plain entries. Surefire starts the test JVM from a manifest-only jar; handed on as is,
   * Spring would find bpmn/ twice (once through the manifest) and the engine would refuse the duplicate deployment.
   */
  static String realClassPath() throws Exception {
    String cp = System.getProperty("java.class.path");
    if (cp.contains(File.pathSeparator) || !cp.endsWith(".jar")) {
      return cp;
    }
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(cp)) {
      String manifest = jar.getManifest().getMainAttributes().getValue("Class-Path");
      if (manifest == null) {
        return cp;
      }
      List<String> entries = new ArrayList<>();
      for (String url : manifest.trim().split("\\s+")) {
        entries.add(Path.of(URI.create(url)).toString());
      }
      return String.join(File.pathSeparator, entries);
    }
  }

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static void waitForHealth(int port) throws Exception {
    long end = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < end) {
      try {
        if (HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // still starting
      }
      Thread.sleep(500); // waiting for a separate JVM to boot
    }
    throw new AssertionError("node on port " + port + " did not start");
  }

  static HttpRequest.Builder request(int port, String user, String path) {
    String auth = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Basic " + auth)
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30));
  }

  static HttpResponse<String> post(int port, String user, String path, String body) throws Exception {
    return HTTP.send(request(port, user, path).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(int port, String user, String path) throws Exception {
    return HTTP.send(request(port, user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
