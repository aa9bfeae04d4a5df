package cn.dsflow.incident;

import static cn.dsflow.incident.IncidentFixture.facts;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineDoors;
import cn.dsflow.EngineDoors.Door;
import cn.dsflow.EngineTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The emergency response of an incident (000 ch.6; 214号文) runs in its own called process, incident-emergency-response.
 * Started on its own it would be a grading and a set of report clocks with no reported incident behind them, and a
 * re-grading message sent straight to it would skip the responders' API: whoever tries, through /engine-rest or the
 * Tasklist session, nothing starts, nothing moves, and the refusal is in the audit chain.
 */
@DsflowIntegrationTest
class EmergencyResponseStartIT {

  record Attempt(String user, String password, String path, String body, int expected, String auditedAs) {}

  static final String KEY = IncidentInstances.EMERGENCY_PROCESS;
  static final String FORGED = "{\"variables\":{\"incidentId\":{\"value\":\"forged\"},\"miitLevel\":{\"value\":\"IV\"},"
      + "\"reportsOpened\":{\"value\":\"REGULATOR,CAC\"}}}";
  static final String BARE = "{}";

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired EngineDoors doors;
  @Autowired IncidentFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
    engine.resetClock();
  }

  int call(Door door, String user, String password, String method, String path, String body) {
    return doors.call(door, user, password, method, path, body);
  }

  boolean audited(long head, String eventType, String actor) {
    return jdbc.queryForList("SELECT event_type, actor FROM dsf_audit_event WHERE seq > ? ORDER BY seq", head).stream()
        .anyMatch(e -> eventType.equals(e.get("event_type")) && actor.equals(e.get("actor")));
  }

  long responsesEver() {
    Long n = jdbc.queryForObject("SELECT count(*) FROM act_hi_procinst WHERE proc_def_key_ = ?", Long.class, KEY);
    return n == null ? 0 : n;
  }

  @Test
  void nobodyStartsAnEmergencyResponseWithoutTheIncidentThatCallsIt_theRefusalIsAudited() {
    String byKey = "process-definition/key/" + KEY + "/start";
    String byId = "process-definition/"
        + jdbc.queryForObject("SELECT id_ FROM act_re_procdef WHERE key_ = ? ORDER BY version_ DESC LIMIT 1", String.class, KEY)
        + "/start";
    List<Attempt> attempts = List.of(
        // an employee cannot even see the definition by key; by its id the engine's authorization refuses
        new Attempt("zhangsan", "demo", byKey, BARE, 404, null),
        new Attempt("zhangsan", "demo", byId, BARE, 403, "ENGINE_AUTHORIZATION_REFUSED"),
        // the incident lead reads every definition but may start only incident-response itself
        new Attempt("chenyi", "demo", byKey, BARE, 403, "ENGINE_AUTHORIZATION_REFUSED"),
        // a forged grading and forged open reports are undeclared input: the response has no start form
        new Attempt("chenyi", "demo", byKey, FORGED, 400, "ENGINE_INPUT_REFUSED"),
        new Attempt("admin", "demo-admin", byKey, FORGED, 400, "ENGINE_INPUT_REFUSED"),
        // the administrator passes every authorization; the start listener refuses
        new Attempt("admin", "demo-admin", byKey, BARE, 403, "START_REFUSED"));
    List<String> gotThrough = new ArrayList<>();
    for (Door door : Door.values()) {
      for (Attempt a : attempts) {
        long before = responsesEver();
        long head = doors.auditHead();
        int status = call(door, a.user(), a.password(), "POST", a.path(), a.body());
        boolean audited = a.auditedAs() == null || audited(head, a.auditedAs(), a.user());
        if (status != a.expected() || responsesEver() != before || !audited) {
          gotThrough.add(door + " " + a.user() + " " + a.path() + " " + a.body().length() + ": " + status
              + " (expected " + a.expected() + ")" + (responsesEver() == before ? "" : " started an instance")
              + (audited ? "" : " not audited"));
        }
      }
    }
    assertThat(gotThrough).as("direct starts of the emergency response").isEmpty();
  }

  /**
   * Re-grading is asked for through POST /api/incidents/{id}/regrading, which only responders may call; the message
   * itself, sent straight to the running response by an employee or by the incident lead, is an engine operation
   * and is refused and audited through both doors.
   */
  @Test
  void theRegradingMessageReachesTheResponseOnlyThroughTheRespondersApi() {
    ProcessInstance incident = fixture.report("lisi", facts("2026-11-23T09:40:00+08:00"));
    fixture.confirmAsProposed(incident, false);
    String response = fixture.response(incident);
    String message = "{\"messageName\":\"incidentRegradeRequested\",\"processInstanceId\":\"" + response + "\"}";
    List<String> gotThrough = new ArrayList<>();
    for (Door door : Door.values()) {
      for (String user : List.of("zhangsan", "chenyi")) {
        long head = doors.auditHead();
        int status = call(door, user, "demo", "POST", "message", message);
        if (status != 403 || !audited(head, "ENGINE_OPERATION_REFUSED", user)) {
          gotThrough.add(door + " " + user + ": " + status);
        }
      }
    }
    assertThat(gotThrough).as("re-grading messages sent past the API").isEmpty();
    assertThat(fixture.open(incident, "updateIncidentFacts")).isEmpty();

    assertThat(http.withBasicAuth("chenyi", "demo")
        .postForEntity("/api/incidents/" + incident.getId() + "/regrading", null, String.class).getStatusCode().value())
        .isEqualTo(202);
    assertThat(fixture.open(incident, "updateIncidentFacts")).singleElement()
        .satisfies(t -> assertThat(t.getProcessInstanceId()).isEqualTo(response));
  }
}
