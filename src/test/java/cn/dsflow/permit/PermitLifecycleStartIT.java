package cn.dsflow.permit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineDoors;
import cn.dsflow.EngineDoors.Door;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.TasklistSession;
import cn.dsflow.approval.ApprovalFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The called permit-lifecycle waits for a permit's use and lets the requester record the result (000 §3.4.2(3)
 * 先审后做); cross-border-assessment and cross-border-contract carry a transfer's route after its approval. Started
 * on their own they would be steps with no approved request behind them: whoever tries, through /engine-rest or the
 * Tasklist session, nothing starts, and a refusal of a caller who could name the definition is in the audit chain.
 */
@DsflowIntegrationTest
class PermitLifecycleStartIT {

  record Attempt(String user, String password, String path, String body, int expected, String auditedAs) {}

  /** The processes a request calls after its approval; each runs only below the request that called it. */
  static final List<String> CALLED =
      List.of("multi-person-approval", "permit-lifecycle", "cross-border-assessment", "cross-border-contract");
  static final String FORGED = "{\"variables\":{\"requester\":{\"value\":\"zhangsan\"},\"permitId\":{\"value\":\"PMT-forged\"},"
      + "\"permitValidUntil\":{\"value\":\"2099-01-01T00:00:00+08:00\"}}}";
  static final String BARE = "{}";

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;
  @Autowired EngineDoors doors;
  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
    engine.resetClock();
  }

  int call(Door door, Attempt a) {
    return doors.call(door, a.user(), a.password(), "POST", a.path(), a.body());
  }

  long calledInstancesEver() {
    Long n = jdbc.queryForObject("SELECT count(*) FROM act_hi_procinst WHERE proc_def_key_ IN (?, ?, ?, ?)", Long.class,
        CALLED.toArray());
    return n == null ? 0 : n;
  }

  String definitionId(String key) {
    return jdbc.queryForObject("SELECT id_ FROM act_re_procdef WHERE key_ = ? ORDER BY version_ DESC LIMIT 1", String.class, key);
  }

  @Test
  void nobodyStartsACalledProcessWithoutTheRequestThatCallsIt_theRefusalIsAudited() {
    List<Attempt> attempts = new ArrayList<>();
    for (String key : CALLED) {
      String byKey = "process-definition/key/" + key + "/start";
      String byId = "process-definition/" + definitionId(key) + "/start";
      // an employee cannot even see a called definition by key: nothing to start
      attempts.add(new Attempt("zhangsan", "demo", byKey, BARE, 404, null));
      // by its id the engine's authorization refuses, and the refusal is recorded
      attempts.add(new Attempt("zhangsan", "demo", byId, BARE, 403, "ENGINE_AUTHORIZATION_REFUSED"));
      // a called process has no start form, so a forged permit and requester are undeclared input
      attempts.add(new Attempt("zhaoliu", "demo", byKey, FORGED, 400, "ENGINE_INPUT_REFUSED"));
      attempts.add(new Attempt("admin", "demo-admin", byKey, FORGED, 400, "ENGINE_INPUT_REFUSED"));
      // an officer reads every definition but may start none of the called ones
      attempts.add(new Attempt("zhaoliu", "demo", byKey, BARE, 403, "ENGINE_AUTHORIZATION_REFUSED"));
      // the administrator passes every authorization; the process's own start listener refuses
      attempts.add(new Attempt("admin", "demo-admin", byKey, BARE, 403, "START_REFUSED"));
    }
    List<String> gotThrough = new ArrayList<>();
    for (Door door : Door.values()) {
      for (Attempt a : attempts) {
        long before = calledInstancesEver();
        long head = doors.auditHead();
        int status = call(door, a);
        List<Map<String, Object>> written =
            jdbc.queryForList("SELECT event_type, actor FROM dsf_audit_event WHERE seq > ? ORDER BY seq", head);
        boolean audited = a.auditedAs() == null || written.stream()
            .anyMatch(e -> a.auditedAs().equals(e.get("event_type")) && a.user().equals(e.get("actor")));
        if (status != a.expected() || calledInstancesEver() != before || !audited) {
          gotThrough.add(door + " " + a.user() + " " + a.path() + " " + a.body().length() + ": " + status + " (expected " + a.expected() + ")"
              + (calledInstancesEver() == before ? "" : " started an instance") + (audited ? "" : " not audited " + written));
        }
      }
    }
    assertThat(gotThrough).as("direct starts of a called process").isEmpty();
  }

  /**
   * The wait runs in its own instance below the request: the requester cannot tell it the permit was used, move it
   * to the result record or delete it, through either door. Only the gate moves it on.
   */
  @Test
  void theRequesterCannotMoveTheCalledWaitPastTheGate() {
    engine.setClock(ApprovalFixture.MONDAY_MORNING);
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    fixture.decide("wangwu", fixture.slot(request, "deptHead"), "APPROVE", "同意");
    ProcessInstance wait = runtimeService.createProcessInstanceQuery().superProcessInstanceId(request.getId()).singleResult();
    assertThat(wait.getProcessDefinitionId()).startsWith("permit-lifecycle:");
    List<String[]> attacks = List.of(
        new String[] {"POST", "message", "{\"messageName\":\"permitUsed\",\"processInstanceId\":\"" + wait.getId() + "\"}"},
        new String[] {"POST", "process-instance/" + wait.getId() + "/modification",
            "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"recordResult\"}]}"},
        new String[] {"PUT", "process-instance/" + wait.getId() + "/variables/permitValidUntil",
            "{\"value\":\"2099-01-01T00:00:00.000+0800\",\"type\":\"Date\"}"},
        new String[] {"DELETE", "process-instance/" + wait.getId(), null});
    List<String> gotThrough = new ArrayList<>();
    TasklistSession session = TasklistSession.login(port, "zhangsan", "demo");
    for (String[] a : attacks) {
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.APPLICATION_JSON);
      int rest = http.withBasicAuth("zhangsan", "demo").exchange("/engine-rest/" + a[1], HttpMethod.valueOf(a[0]),
          new HttpEntity<>(a[2], headers), String.class).getStatusCode().value();
      int tasklist = session.engine(a[0], a[1], a[2]).statusCode();
      if (rest != 403 || tasklist != 403) {
        gotThrough.add(a[0] + " " + a[1] + ": engine-rest " + rest + ", tasklist " + tasklist);
      }
    }
    assertThat(gotThrough).as("moves of the called wait").isEmpty();
    assertThat(runtimeService.getActiveActivityIds(wait.getId())).containsExactly("executeOperation");
    assertThat(engine.tasksBelow(request.getId(), "recordResult")).isEmpty();
  }
}
