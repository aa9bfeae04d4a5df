package cn.dsflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.ApprovalLedger;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.permit.Permit;
import cn.dsflow.permit.Permits;
import cn.dsflow.system.EngineRefusal;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Issue 12 D, over HTTP: a permit is not a bearer token — only the requester or an executor the request named uses it. */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class PermitExecutorIT {

  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired Permits permits;
  @Autowired ApprovalLedger ledger;
  @Autowired AuditChain audit;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  String approvedPermit(Map<String, Object> request) {
    ProcessInstance p = fixture.start("zhangsan", request);
    fixture.decide("wangwu", fixture.slot(p, "deptHead"), "APPROVE", "同意");
    engine.setClock(new Date(ApprovalFixture.MONDAY_MORNING.getTime() + 3_600_000));
    return permits.findByRequest(p.getId()).orElseThrow().id();
  }

  ResponseEntity<String> use(String user, String permitId) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, "demo").postForEntity("/api/permits/" + permitId + "/use",
        new HttpEntity<>("{\"operator\":\"etl-job-17\",\"recordCount\":10,\"recipient\":\"某某科技有限公司\"}", headers), String.class);
  }

  static Map<String, Object> namingExecutor(String executors) {
    return EngineTestSupport.with(ApprovalFixture.request("BULK_EXPORT", "GENERAL"), "executors", executors);
  }

  @Test
  void anotherEmployeeWhoKnowsThePermitIdIsRefusedWith403AndThePermitStaysLive() {
    String permitId = approvedPermit(namingExecutor("etlplatform"));
    ResponseEntity<String> r = use("lisi", permitId);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(r.getBody()).contains("\"error\":\"not_executor\"");
    assertThat(permits.find(permitId).orElseThrow().status()).isEqualTo(Permit.Status.LIVE);
    assertThat(audit.eventsOfType("PERMIT_USE_REFUSED")).extracting(AuditEvent::detail)
        .anyMatch(d -> d.contains(permitId) && d.contains("not_executor"));
    assertThat(audit.verify().valid()).isTrue();
  }

  @Test
  void theNamedExecutorUsesThePermitAndTheLedgerShowsItsAccount() {
    String permitId = approvedPermit(namingExecutor("etlplatform"));
    ResponseEntity<String> r = use("etlplatform", permitId);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
    ApprovalLedger.Entry row = ledger.of(permits.find(permitId).orElseThrow().requestId()).orElseThrow();
    assertThat(row.status()).isEqualTo("USED");
    assertThat(row.usedBy()).isEqualTo("etl-job-17");
    assertThat(row.usedByAccount()).isEqualTo("etlplatform");
  }

  @Test
  void anExecutorAccountTheRequestDidNotNameIsRefused_theRequesterIsNot() {
    String permitId = approvedPermit(ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    assertThat(use("etlplatform", permitId).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(use("zhangsan", permitId).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ledger.of(permits.find(permitId).orElseThrow().requestId()).orElseThrow().usedByAccount()).isEqualTo("zhangsan");
  }

  @Test
  void aRequestMayNameOnlyAccountsOfTheExecutorGroup() {
    assertThatThrownBy(() -> fixture.start("zhangsan", namingExecutor("lisi")))
        .hasMessageContaining("执行系统账号").hasMessageContaining("executor")
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("executors"));
  }
}
