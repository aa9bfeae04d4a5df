package cn.dsflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.http.ResponseEntity;

@DsflowIntegrationTest
class SecurityIT {

  @Autowired TestRestTemplate http;

  /** Anyone may see whether each part is up; disk paths, database vendor and job-executor ids are not theirs to read. */
  @Test
  void anonymousHealthShowsEachPartsStatusButNoDetails() {
    ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
    assertThat(health.getBody()).contains("\"status\"", "\"components\"", "\"db\"", "\"diskSpace\"")
        .doesNotContain("\"details\"", "\"path\"", "PostgreSQL", "lockOwner");
  }

  @Test
  void anonymousCallersGet401OnEngineRestAndApi() {
    assertThat(http.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> api = http.getForEntity("/api/audit/verify", String.class);
    assertThat(api.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(api.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    assertThat(api.getBody()).contains("\"error\":\"unauthorized\"");
  }

  @Test
  void aWrongPasswordGets401() {
    // fengyi is used by no other test: failed logins throttle the account for a few seconds (loginDelayFactor)
    assertThat(http.withBasicAuth("fengyi", "wrong").getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("nosuchuser", "wrong").getForEntity("/api/calendar/working-days/2026-10-01", String.class)
            .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aDemoUserIsLetIn() {
    assertThat(http.withBasicAuth("zhangsan", "demo").getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    ResponseEntity<String> day =
        http.withBasicAuth("zhangsan", "demo").getForEntity("/api/calendar/working-days/2026-10-01", String.class);
    assertThat(day.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(day.getBody()).contains("\"workingDay\":false").contains("国庆节");
  }

  @Test
  void onlyOfficersMayReadTheAuditChain() {
    assertThat(http.withBasicAuth("zhangsan", "demo").getForEntity("/api/audit/verify", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("zhengshi", "demo").getForEntity("/api/audit/verify", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void anEmployeeCannotReadOtherPeoplesProcessesThroughEngineRest() {
    ResponseEntity<String> history =
        http.withBasicAuth("zhangsan", "demo").getForEntity("/engine-rest/history/process-instance", String.class);
    assertThat(history.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(history.getBody()).isEqualTo("[]");
  }

  @Test
  void normalUsersCannotDeployCode() {
    // a deployment is code execution (expressions, listeners): only the application deploys
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("deployment-name", "sneaky");
    form.add("data", new ByteArrayResource("<definitions/>".getBytes()) {
      @Override
      public String getFilename() {
        return "sneaky.bpmn";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<String> r = http.withBasicAuth("zhaoliu", "demo")
        .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(form, headers), String.class);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }
}
