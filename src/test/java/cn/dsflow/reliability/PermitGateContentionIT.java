package cn.dsflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Fifty executing-system calls on one single-use permit at the same instant, over real HTTP connections (issue 13: the
 * refusals' audit records used to exhaust the connection pool and stall the engine).
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class PermitGateContentionIT {

  static final int CALLERS = 50;

  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired AuditChain audit;
  @LocalServerPort int port;

  @Test
  void fiftySimultaneousUsesOfOnePermit_oneSucceedsFortyNineAreRefusedAndEveryRefusalIsOnRecord() throws Exception {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    fixture.decide("wangwu", fixture.slot(request, "deptHead"), "APPROVE", "同意");
    engine.setClock(new Date(ApprovalFixture.MONDAY_MORNING.getTime() + 3_600_000));
    String permitId = (String) runtimeService.getVariable(request.getId(), "permitId");

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest use = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/permits/" + permitId + "/use"))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("zhangsan:demo".getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"operator\":\"etl\",\"recordCount\":5000,\"recipient\":\"某某科技有限公司\"}", StandardCharsets.UTF_8))
        .build();
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    List<Integer> statuses = new ArrayList<>();
    long started = System.nanoTime();
    try {
      CyclicBarrier together = new CyclicBarrier(CALLERS);
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        answers.add(callers.submit(() -> {
          together.await();
          return client.send(use, HttpResponse.BodyHandlers.ofString());
        }));
      }
      for (Future<HttpResponse<String>> answer : answers) {
        statuses.add(answer.get().statusCode());
      }
    } finally {
      callers.shutdownNow();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(byStatus).as("statuses").isEqualTo(Map.of(200, 1L, 409, (long) CALLERS - 1));
    // well inside the pool's 30 s connection timeout: nobody waited for a connection that could not come
    assertThat(took).as("all answered").isLessThan(Duration.ofSeconds(15));
    List<AuditEvent> events = audit.events("request", request.getId());
    assertThat(events).filteredOn(e -> e.type().equals("PERMIT_USED")).hasSize(1);
    assertThat(events).filteredOn(e -> e.type().equals("PERMIT_USE_REFUSED")).hasSize(CALLERS - 1)
        .allSatisfy(e -> assertThat(e.detail()).contains("permit_used"));
    assertThat(audit.verify().valid()).isTrue();
  }
}
