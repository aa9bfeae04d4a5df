package cn.dsflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.ledger.AuditChain;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The Prometheus endpoint: who may read it, and that its numbers follow what happens in the processes. */
@DsflowIntegrationTest
class MetricsIT {

  static final String PROMETHEUS = "/actuator/prometheus";

  @Autowired TestRestTemplate http;
  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired ComplianceMetrics metrics;
  @Autowired AuditChain audit;
  @Autowired IdentityService identityService;

  @Test
  void onlyOfficersAndTheAdministratorReadTheMetrics() {
    assertThat(http.getForEntity(PROMETHEUS, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    long refusedBefore = audit.eventsOfType("METRICS_REFUSED").size();
    for (String outsider : new String[] {"zhangsan", "wangwu", "wujiu", "chenyi", "etlplatform"}) {
      assertThat(http.withBasicAuth(outsider, "demo").getForEntity(PROMETHEUS, String.class).getStatusCode())
          .as(outsider).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(audit.eventsOfType("METRICS_REFUSED")).hasSize((int) refusedBefore + 5);
    for (String officer : new String[] {"zhaoliu", "sunqi", "zhouba", "zhengshi"}) {
      assertThat(http.withBasicAuth(officer, "demo").getForEntity(PROMETHEUS, String.class).getStatusCode())
          .as(officer).isEqualTo(HttpStatus.OK);
    }
    ResponseEntity<String> admin = http.withBasicAuth("admin", "demo-admin").getForEntity(PROMETHEUS, String.class);
    assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(admin.getBody()).contains("dsflow_notification_failures_open", "dsflow_audit_chain_valid");
  }

  @Test
  void aScraperAccountNamedInTheSettingsReadsTheMetrics_anotherAccountWithoutGroupsDoesNot() {
    for (String id : new String[] {"prometheus", "prometheusother"}) {
      if (identityService.createUserQuery().userId(id).count() == 0) {
        User user = identityService.newUser(id);
        user.setPassword("scrape-secret-1");
        identityService.saveUser(user);
      }
    }
    assertThat(http.withBasicAuth("prometheus", "scrape-secret-1").getForEntity(PROMETHEUS, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.withBasicAuth("prometheusother", "scrape-secret-1").getForEntity(PROMETHEUS, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void anOpenedSlotIsCountedUnderItsGroup_andMovesToTheNextAgeClassAfterExactlyOneDay() {
    // an instant no other test of the shared context opens a slot at, so only this slot crosses the one-day line
    Date opened = Date.from(ApprovalFixture.MONDAY_MORNING.toInstant().plusMillis(3 * 3_600_000 + 17 * 60_000 + 23_457));
    engine.setClock(opened);
    double under = value("dsflow_approvals_open", "age=\"under_1d\",slot=\"deptHead\"");
    double older = value("dsflow_approvals_open", "age=\"1d_to_3d\",slot=\"deptHead\"");
    fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    assertThat(value("dsflow_approvals_open", "age=\"under_1d\",slot=\"deptHead\"")).isEqualTo(under + 1);

    engine.setClock(Date.from(opened.toInstant().plus(Duration.ofDays(1)).minusSeconds(1)));
    double justUnder = value("dsflow_approvals_open", "age=\"under_1d\",slot=\"deptHead\"");
    engine.setClock(Date.from(opened.toInstant().plus(Duration.ofDays(1))));
    assertThat(value("dsflow_approvals_open", "age=\"under_1d\",slot=\"deptHead\"")).isEqualTo(justUnder - 1);
    assertThat(value("dsflow_approvals_open", "age=\"1d_to_3d\",slot=\"deptHead\"")).isGreaterThanOrEqualTo(older + 1);
  }

  @Test
  void aRefusedPermitUseIsCountedUnderItsCode() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    HttpEntity<Map<String, Object>> use = new HttpEntity<>(Map.of("operator", "etl-01", "recordCount", 1), headers);
    ResponseEntity<Map> first = http.withBasicAuth("zhangsan", "demo")
        .postForEntity("/api/permits/PMT-NO-SUCH-PERMIT/use", use, Map.class);
    String code = (String) first.getBody().get("error");
    double before = value("dsflow_permit_uses_total", "outcome=\"" + code + "\"");
    http.withBasicAuth("zhangsan", "demo").postForEntity("/api/permits/PMT-NO-SUCH-PERMIT/use", use, Map.class);
    assertThat(value("dsflow_permit_uses_total", "outcome=\"" + code + "\"")).isEqualTo(before + 1);
  }

  @Test
  void theScheduledAuditChainVerificationReportsTheChainItRead() {
    audit.sealNow(); // the test profile runs no sealer; verify checks sealed rows and counts the rest as unsealed
    metrics.verifyAuditChain();
    double checked = value("dsflow_audit_chain_checked_events", "");
    http.withBasicAuth("zhangsan", "demo").getForEntity(PROMETHEUS, String.class); // refused, so one more event
    assertThat(value("dsflow_audit_chain_checked_events", "")).as("not re-read before its schedule").isEqualTo(checked);
    metrics.verifyAuditChain();
    assertThat(value("dsflow_audit_chain_checked_events", "")).isEqualTo(checked);
    assertThat(value("dsflow_audit_chain_unsealed_events", "")).as("appended, not yet sealed").isEqualTo(1);
    audit.sealNow();
    metrics.verifyAuditChain();
    assertThat(value("dsflow_audit_chain_unsealed_events", "")).isZero();
    assertThat(value("dsflow_audit_chain_checked_events", "")).isEqualTo(checked + 1);
    assertThat(value("dsflow_audit_chain_valid", "")).isEqualTo(1.0);
  }

  /** The sample's value as the admin reads it; 0 when the series is absent (nothing of that kind open). */
  private double value(String name, String labels) {
    String body = http.withBasicAuth("admin", "demo-admin").getForObject(PROMETHEUS, String.class);
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + (labels.isEmpty() ? "" : "\\{" + Pattern.quote(labels)
        + "\\}") + " (\\S+)$").matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
