package cn.dsflow;

import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Scope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The engine's two public doors as an attacker uses them: {@code /engine-rest} with HTTP Basic, and the Tasklist
 * session's {@code /camunda/api/engine} (cookie and XSRF token). Every attack on the engine API is tried through both.
 * One per test instance (prototype): its Tasklist sessions are that test's own.
 */
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class EngineDoors {

  public enum Door { ENGINE_REST, TASKLIST_SESSION }

  private final TestRestTemplate http;
  private final int port;
  private final JdbcTemplate jdbc;
  private final Map<String, TasklistSession> sessions = new HashMap<>();

  public EngineDoors(TestRestTemplate http, @Value("${local.server.port}") int port, JdbcTemplate jdbc) {
    this.http = http;
    this.port = port;
    this.jdbc = jdbc;
  }

  /** One call to the engine API ({@code path} below {@code engine-rest/}) as {@code user}; the HTTP status. */
  public int call(Door door, String user, String password, String method, String path, String body) {
    if (door == Door.TASKLIST_SESSION) {
      return sessions.computeIfAbsent(user, u -> TasklistSession.login(port, u, password))
          .engine(method, path, body).statusCode();
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, password).exchange("/engine-rest/" + path, HttpMethod.valueOf(method),
        new HttpEntity<>(body, headers), String.class).getStatusCode().value();
  }

  /** The audit chain's newest append number: what a call appended comes after it. */
  public long auditHead() {
    Long seq = jdbc.queryForObject("SELECT COALESCE(max(seq), 0) FROM dsf_audit_event", Long.class);
    return seq == null ? 0 : seq;
  }
}
