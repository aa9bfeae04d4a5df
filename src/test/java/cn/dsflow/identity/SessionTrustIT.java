package cn.dsflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.TasklistSession;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.SystemCommands;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What a browser session may still do: nothing another site makes it send (no audit row in the victim's name), and
 * nothing once the account's password has changed elsewhere.
 */
@DsflowIntegrationTest
class SessionTrustIT {

  private static final AtomicInteger ACCOUNTS = new AtomicInteger();
  private static final String NEW_PASSWORD = "Neues2026Passwort";

  @Autowired IdentityService identityService;
  @Autowired SystemCommands system;
  @Autowired AuditChain audit;
  @Autowired TestRestTemplate http;
  @LocalServerPort int port;

  /** An employee of their own, so that changing a password disturbs no other test. */
  String freshEmployee() {
    String id = "resetuser" + ACCOUNTS.incrementAndGet();
    system.run(() -> {
      User user = identityService.newUser(id);
      user.setFirstName("测试");
      user.setLastName("重置");
      user.setEmail(id + "@dsflow.local");
      user.setPassword("demo");
      identityService.saveUser(user);
      identityService.createMembership(id, Group.EMPLOYEE.id());
    });
    return id;
  }

  /** The user changes their own password through /engine-rest, as a program or a script would. */
  void changeOwnPasswordThroughEngineRest(String user) {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> change = http.withBasicAuth(user, "demo").exchange("/engine-rest/user/" + user + "/credentials",
        HttpMethod.PUT, new HttpEntity<>("{\"password\":\"" + NEW_PASSWORD + "\",\"authenticatedUserPassword\":\"demo\"}",
            json), String.class);
    assertThat(change.getStatusCode().value()).as(change.getBody()).isEqualTo(204);
  }

  String base() {
    return "http://localhost:" + port;
  }

  // --- cross-site reads

  @Test
  void aCrossSiteReadWithTheSessionIsRefusedBeforeItCanWriteARefusalInTheVictimsName() {
    TasklistSession victim = TasklistSession.login(port, "zhangsan", "demo");
    int before = audit.eventsOfType("DASHBOARD_REFUSED").size();

    for (String[] headers : new String[][] {{"Sec-Fetch-Site", "cross-site"}, {"Sec-Fetch-Site", "same-site"},
        {"Origin", "https://evil.example"}, {"Origin", "null"}, {"Referer", "https://evil.example/page.html"}}) {
      HttpResponse<String> forged = victim.readWithBrowserHeaders("/api/dashboard", headers);
      assertThat(forged.statusCode()).as(String.join(": ", headers)).isEqualTo(403);
      assertThat(forged.body()).contains("\"error\":\"cross_site_refused\"");
    }
    assertThat(audit.eventsOfType("DASHBOARD_REFUSED")).hasSize(before);

    // the same read from dsflow's own page is the employee's own act, refused and recorded as before
    HttpResponse<String> own = victim.readWithBrowserHeaders("/api/dashboard", "Sec-Fetch-Site", "same-origin",
        "Referer", base() + "/dashboard.html");
    assertThat(own.statusCode()).isEqualTo(403);
    assertThat(own.body()).contains("not_an_officer");
    assertThat(audit.eventsOfType("DASHBOARD_REFUSED")).hasSize(before + 1);
  }

  @Test
  void anOfficersOwnPageStillReadsTheDashboardButAnotherSitesLinkDoesNot() {
    TasklistSession officer = TasklistSession.login(port, "zhengshi", "demo");
    assertThat(officer.readWithBrowserHeaders("/api/dashboard", "Sec-Fetch-Site", "same-origin").statusCode())
        .isEqualTo(200);
    assertThat(officer.readWithBrowserHeaders("/api/dashboard", "Referer", base() + "/dashboard.html").statusCode())
        .isEqualTo(200);
    assertThat(officer.readWithBrowserHeaders("/api/dashboard", "Sec-Fetch-Site", "none").statusCode())
        .isEqualTo(200);
    assertThat(officer.readWithBrowserHeaders("/api/dashboard", "Sec-Fetch-Site", "cross-site").statusCode())
        .isEqualTo(403);
  }

  /** Browsers also replay cached HTTP Basic credentials; the engine API's refusals are audited under the caller. */
  @Test
  void aCrossSiteCallWithCachedBasicCredentialsIsRefusedOnEveryApi() {
    int before = audit.eventsOfType(EngineApiGuard.REFUSED).size();
    HttpHeaders headers = new HttpHeaders();
    headers.add("Sec-Fetch-Site", "cross-site");
    for (String path : new String[] {"/api/dashboard", "/engine-rest/process-definition/statistics"}) {
      ResponseEntity<String> r = http.withBasicAuth("zhangsan", "demo")
          .exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
      assertThat(r.getStatusCode().value()).as(path).isEqualTo(403);
      assertThat(r.getBody()).contains("cross_site_refused");
    }
    assertThat(audit.eventsOfType(EngineApiGuard.REFUSED)).hasSize(before);
    // a program (no browser headers) is not affected
    assertThat(http.withBasicAuth("zhangsan", "demo").getForEntity("/api/my/requests", String.class)
        .getStatusCode().value()).isEqualTo(200);
  }

  /** The metrics take the webapp session too: a foreign page's read must not write METRICS_REFUSED in its name. */
  @Test
  void aCrossSiteReadOfTheMetricsIsRefusedBeforeItIsAuditedUnderTheVictim() {
    TasklistSession victim = TasklistSession.login(port, "zhangsan", "demo");
    int before = audit.eventsOfType("METRICS_REFUSED").size();
    HttpResponse<String> forged = victim.readWithBrowserHeaders("/actuator/prometheus", "Sec-Fetch-Site", "cross-site");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("cross_site_refused");
    assertThat(audit.eventsOfType("METRICS_REFUSED")).hasSize(before);
  }

  // --- sessions after a password change

  @Test
  void anAdministratorsResetInAdminEndsTheUsersWebappAndApiSessions() {
    String user = freshEmployee();
    TasklistSession victim = TasklistSession.login(port, user, "demo");
    TasklistSession other = TasklistSession.login(port, user, "demo");
    assertThat(victim.engine("GET", "task", null).statusCode()).isEqualTo(200);
    assertThat(other.exchange("GET", "/api/my/requests", null, null).statusCode()).isEqualTo(200);

    TasklistSession admin = TasklistSession.login(port, "admin", "demo-admin");
    HttpResponse<String> reset = admin.engine("PUT", "user/" + user + "/credentials",
        "{\"password\":\"" + NEW_PASSWORD + "\",\"authenticatedUserPassword\":\"demo-admin\"}");
    assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);

    HttpResponse<String> webapp = victim.engine("GET", "task", null);
    assertThat(webapp.statusCode()).isEqualTo(401);
    assertThat(webapp.body()).contains("session_ended");
    assertThat(victim.engine("GET", "task", null).statusCode()).isEqualTo(401);
    assertThat(other.exchange("GET", "/api/my/requests", null, null).statusCode()).isEqualTo(401);
    // the administrator's own session is untouched, and the user signs in with the new password
    assertThat(admin.engine("GET", "user/" + user + "/profile", null).statusCode()).isEqualTo(200);
    assertThat(TasklistSession.login(port, user, NEW_PASSWORD).engine("GET", "task", null).statusCode()).isEqualTo(200);
  }

  @Test
  void aChangeThroughEngineRestEndsTheUsersSessions() {
    String user = freshEmployee();
    TasklistSession session = TasklistSession.login(port, user, "demo");
    assertThat(session.exchange("GET", "/api/my/requests", null, null).statusCode()).isEqualTo(200);

    changeOwnPasswordThroughEngineRest(user);

    assertThat(session.exchange("GET", "/api/my/requests", null, null).statusCode()).isEqualTo(401);
    assertThat(session.engine("GET", "task", null).statusCode()).isEqualTo(401);
  }

  /** An officer's old session must not keep reading the metrics after the password changed (found by the attack). */
  @Test
  void aResetEndsTheSessionOnTheMetricsToo() {
    String user = freshEmployee();
    system.run(() -> identityService.createMembership(user, Group.AUDIT.id()));
    TasklistSession session = TasklistSession.login(port, user, "demo");
    assertThat(session.exchange("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(200);

    changeOwnPasswordThroughEngineRest(user);

    HttpResponse<String> stale = session.exchange("GET", "/actuator/prometheus", null, null);
    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(stale.body()).contains("session_ended");
  }

  @Test
  void aUserChangingTheirOwnPasswordInTasklistKeepsThatSessionAndLosesTheOthers() {
    String user = freshEmployee();
    TasklistSession here = TasklistSession.login(port, user, "demo");
    TasklistSession elsewhere = TasklistSession.login(port, user, "demo");

    HttpResponse<String> change = here.engine("PUT", "user/" + user + "/credentials",
        "{\"password\":\"" + NEW_PASSWORD + "\",\"authenticatedUserPassword\":\"demo\"}");
    assertThat(change.statusCode()).as(change.body()).isEqualTo(204);

    assertThat(here.engine("GET", "task", null).statusCode()).isEqualTo(200);
    assertThat(here.exchange("GET", "/api/my/requests", null, null).statusCode()).isEqualTo(200);
    assertThat(elsewhere.engine("GET", "task", null).statusCode()).isEqualTo(401);
  }
}
