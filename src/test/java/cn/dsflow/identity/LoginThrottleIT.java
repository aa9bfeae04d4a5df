package cn.dsflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * An outsider guessing an approver's password (no login needed) slows only themselves, only for the configured window
 * (issue 13: ten wrong passwords used to lock the account for good, for everyone). Defaults: 5 failures, 15 minutes.
 */
@DsflowIntegrationTest
class LoginThrottleIT {

  static final Date T0 = EngineTestSupport.at("2026-11-23T10:00:00+08:00");
  static final String RIGHT = "right-horse-battery-7";
  static final String ELSEWHERE = "198.51.100.7";

  @Autowired IdentityService identityService;
  @Autowired EngineTestSupport engine;
  @Autowired AuditChain audit;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;

  String user;

  @BeforeEach
  void anApproverAccount() {
    engine.setClock(T0);
    user = "thr" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    User u = identityService.newUser(user);
    u.setPassword(RIGHT);
    u.setFirstName("测试");
    u.setLastName("审批人");
    identityService.saveUser(u);
  }

  @AfterEach
  void cleanUp() {
    jdbc.update("DELETE FROM dsf_login_throttle WHERE user_id = ?", user);
    identityService.deleteUser(user);
  }

  int api(String password) {
    return http.withBasicAuth(user, password).getForEntity("/api/permits", String.class).getStatusCode().value();
  }

  int engineRest(String password) {
    return http.withBasicAuth(user, password).getForEntity("/engine-rest/task", String.class).getStatusCode().value();
  }

  void guessWrong(int times) {
    for (int i = 0; i < times; i++) {
      assertThat(api("guess-" + i)).isEqualTo(401);
    }
  }

  void at(long minutes, long seconds) {
    engine.setClock(new Date(T0.getTime() + minutes * 60_000 + seconds * 1000));
  }

  @Test
  void fourWrongPasswordsDoNotLockAndTheRightOneStartsTheCountAfresh() {
    guessWrong(4);
    assertThat(api(RIGHT)).isEqualTo(200);
    guessWrong(4);
    assertThat(api(RIGHT)).isEqualTo(200);
    assertThat(audit.events("user", user)).isEmpty();
  }

  @Test
  void anOutsidersWrongPasswordsLockOnlyTheirAddressAndOnlyForFifteenMinutes() {
    guessWrong(5);
    // the guesser's address is now refused even the right password, at every door
    assertThat(api(RIGHT)).isEqualTo(429);
    assertThat(http.withBasicAuth(user, RIGHT).getForEntity("/api/permits", String.class).getBody())
        .contains("login_throttled", "2026-11-23 10:15:00");
    assertThat(engineRest(RIGHT)).isEqualTo(401);
    // a header the client chooses does not move it to another address
    HttpHeaders spoofed = new HttpHeaders();
    spoofed.set("X-Forwarded-For", ELSEWHERE);
    assertThat(http.withBasicAuth(user, RIGHT).exchange("/api/permits", HttpMethod.GET, new HttpEntity<>(spoofed),
        String.class).getStatusCode().value()).isEqualTo(429);
    // the owner, at their own address, is not locked out at all
    assertThat(ClientAddress.as(ELSEWHERE, () -> identityService.checkPassword(user, RIGHT))).isTrue();

    // more guesses than Camunda's ten that used to lock the account for good
    for (int i = 0; i < 8; i++) {
      assertThat(api("more-" + i)).isEqualTo(429);
    }
    at(14, 59);
    assertThat(api(RIGHT)).isEqualTo(429);
    at(15, 0);
    assertThat(api(RIGHT)).isEqualTo(200);
    assertThat(engineRest(RIGHT)).isEqualTo(200);

    AuditEvent lock = audit.events("user", user).stream().filter(e -> e.type().equals("LOGIN_THROTTLED")).findFirst()
        .orElseThrow();
    assertThat(lock.detail()).contains("127.0.0.1", "2026-11-23T10:15+08:00");
    assertThat(audit.events("user", user)).hasSize(1); // one record per lock, not one per guess
  }

  @Test
  void wrongPasswordsAtTheWebappLoginCountTowardsTheSameLock() {
    WebappCsrf browser = WebappCsrf.open(http);
    for (int i = 0; i < 5; i++) {
      HttpHeaders headers = new HttpHeaders();
      browser.addTo(headers);
      headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
      LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
      form.add("username", user);
      form.add("password", "webapp-guess-" + i);
      int status = http.exchange("/camunda/api/admin/auth/user/default/login/tasklist", HttpMethod.POST,
          new HttpEntity<>(form, headers), String.class).getStatusCode().value();
      assertThat(status).isEqualTo(401);
    }
    assertThat(api(RIGHT)).isEqualTo(429);
  }

  @Test
  void theAdministratorSeesCurrentLocksAndMayLiftThemAndEmployeesMayNot() {
    guessWrong(5);

    assertThat(http.withBasicAuth("zhangsan", "demo").getForEntity("/api/login-locks", String.class)
        .getStatusCode().value()).isEqualTo(403);
    String locks = http.withBasicAuth("admin", "demo-admin").getForObject("/api/login-locks", String.class);
    assertThat(locks).contains(user, "127.0.0.1", "2026-11-23T10:15:00+08:00");

    http.withBasicAuth("admin", "demo-admin").delete("/api/login-locks/" + user);

    assertThat(api(RIGHT)).isEqualTo(200);
    assertThat(audit.events("user", user)).extracting(AuditEvent::type)
        .containsExactly("LOGIN_THROTTLED", "LOGIN_LOCK_LIFTED");
    assertThat(audit.events("user", user).get(1).actor()).isEqualTo("admin");
  }
}
