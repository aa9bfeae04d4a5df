package cn.dsflow.approval;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.permit.PermitGate;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
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

/** The permit gate as an executing system meets it, over HTTP: 先审后做, single use, inside the approved scope. */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class PermitGateIT {

  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired AuditChain audit;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  static void useThroughGate(String permitId, PermitGate gate, long count, String recipient) {
    gate.use(permitId, new PermitGate.Use("etl-system", count, recipient), "zhangsan");
  }

  String approvedPermit() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    fixture.decide("wangwu", fixture.slot(request, "deptHead"), "APPROVE", "同意");
    fixture.decide("zhaoliu", fixture.slot(request, "dso"), "APPROVE", "同意");
    fixture.decide("sunqi", fixture.slot(request, "dsDirect"), "APPROVE", "同意");
    engine.setClock(new Date(ApprovalFixture.MONDAY_MORNING.getTime() + 3_600_000)); // an hour after approval
    return (String) runtimeService.getVariable(request.getId(), "permitId");
  }

  ResponseEntity<String> use(String permitId, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth("zhangsan", "demo") // the requester: the request named no executor
        .postForEntity("/api/permits/" + permitId + "/use", new HttpEntity<>(json, headers), String.class);
  }

  static String body(long count, String recipient) {
    return "{\"operator\":\"etl-system\",\"recordCount\":" + count + ",\"recipient\":\"" + recipient + "\"}";
  }

  @Test
  void aLivePermitIsUsedOnceAndTheSecondUseIsRefused() {
    String permitId = approvedPermit();
    ResponseEntity<String> first = use(permitId, body(5000, "某某科技有限公司"));
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(first.getBody()).contains("\"status\":\"USED\"");
    ResponseEntity<String> second = use(permitId, body(10, "某某科技有限公司"));
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(second.getBody()).contains("\"error\":\"permit_used\"");
    assertThat(audit.eventsOfType("PERMIT_USE_REFUSED")).extracting(AuditEvent::detail).anyMatch(d -> d.contains(permitId));
  }

  @Test
  void afterUseTheRequesterRecordsTheResultAndTheLedgerIsComplete() {
    String permitId = approvedPermit();
    assertThat(use(permitId, body(4000, " 某某科技有限公司 ")).getStatusCode()).isEqualTo(HttpStatus.OK);
    String process = runtimeService.createProcessInstanceQuery().rootProcessInstances().variableValueEquals("permitId", permitId).singleResult().getId();
    var result = engine.only(process, "recordResult");
    engine.setClock(new Date(ApprovalFixture.MONDAY_MORNING.getTime() + 3 * 3_600_000));
    engine.actAs("zhangsan");
    taskService.complete(result.getId(), Map.of("actualRecordCount", 4000, "completedAt", "2026-11-23T11:30+08:00",
        "resultNote", "按授权执行"));
    engine.actAsNobody();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(process).count()).isZero();
    ResponseEntity<String> json = http.withBasicAuth("zhaoliu", "demo").getForEntity("/api/ledger?status=COMPLETED", String.class);
    assertThat(json.getBody()).contains(permitId).contains("\"actualRecordCount\":4000");
  }

  @Test
  void theRequesterFindsTheirPermitAndOthersCannotReadIt() {
    String permitId = approvedPermit();
    assertThat(http.withBasicAuth("zhangsan", "demo").getForEntity("/api/permits", String.class).getBody()).contains(permitId);
    assertThat(http.withBasicAuth("lisi", "demo").getForEntity("/api/permits/" + permitId, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.withBasicAuth("zhaoliu", "demo").getForEntity("/api/permits/" + permitId, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void aPermitThatWasNeverApprovedIsRefusedWith403() {
    ResponseEntity<String> r = use("PMT-not-approved", body(1, "x"));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(r.getBody()).contains("no_approved_permit");
  }

  @Test
  void moreRecordsThanApprovedIsOutsideTheScope() {
    String permitId = approvedPermit();
    ResponseEntity<String> r = use(permitId, body(5001, "某某科技有限公司"));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(r.getBody()).contains("outside_scope");
    assertThat(use(permitId, body(5000, "某某科技有限公司")).getStatusCode()).isEqualTo(HttpStatus.OK); // the boundary itself is inside
  }

  @Test
  void anotherRecipientIsOutsideTheScope() {
    String permitId = approvedPermit();
    ResponseEntity<String> r = use(permitId, body(10, "另一家公司"));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(r.getBody()).contains("接收方");
  }

  @Test
  void anExpiredPermitIsRefusedAndTheRequestEndsAsExpired() {
    String permitId = approvedPermit();
    String process = runtimeService.createProcessInstanceQuery().rootProcessInstances().variableValueEquals("permitId", permitId).singleResult().getId();
    engine.setClock(Date.from(OffsetDateTime.parse("2027-01-01T00:00:00+08:00").toInstant()));
    ResponseEntity<String> r = use(permitId, body(10, "某某科技有限公司"));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(r.getBody()).contains("permit_expired");
    engine.runDueJobs();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(process).activityId("permitExpired")
        .count()).isEqualTo(1);
    assertThat(http.withBasicAuth("zhaoliu", "demo").getForEntity("/api/ledger?status=EXPIRED", String.class).getBody())
        .contains(permitId);
  }

  @Test
  void malformedUsesAreRefusedWith400AndConsumeNothing() {
    String permitId = approvedPermit();
    assertThat(use(permitId, "{not json").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(use(permitId, "{\"operator\":\"x\",\"recordCount\":-1}").getBody()).contains("recordCount");
    assertThat(use(permitId, "{\"recordCount\":1}").getBody()).contains("operator");
    assertThat(use(permitId, body(1, "某某科技有限公司")).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  /**
   * The permit's term is read from dsflow's tables, not from the variable {@code routeValidUntil}: the requester and an
   * approver cannot write it at all, and the administrator, who may write variables, cannot shorten or expire a permit
   * through it (trust model).
   */
  @Test
  void aRouteLimitWrittenIntoTheVariablesDoesNotChangeThePermitsValidity() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    fixture.decide("wangwu", fixture.slot(request, "deptHead"), "APPROVE", "同意");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String forged = "{\"value\":\"2026-11-23T10:30:00.000+0800\",\"type\":\"Date\"}";
    String path = "/engine-rest/process-instance/" + request.getId() + "/variables/routeValidUntil";
    assertThat(http.withBasicAuth("zhangsan", "demo").exchange(path, org.springframework.http.HttpMethod.PUT,
        new HttpEntity<>(forged, headers), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    String dso = fixture.slot(request, "dso").getId();
    assertThat(http.withBasicAuth("zhaoliu", "demo").postForEntity("/engine-rest/task/" + dso + "/complete",
        new HttpEntity<>("{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"同意\"},"
            + "\"routeValidUntil\":" + forged + "}}", headers), String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(http.withBasicAuth("admin", "demo-admin").exchange(path, org.springframework.http.HttpMethod.PUT,
        new HttpEntity<>(forged, headers), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    fixture.decide("zhaoliu", fixture.slot(request, "dso"), "APPROVE", "同意");
    engine.setClock(new Date(ApprovalFixture.MONDAY_MORNING.getTime() + 3_600_000)); // past the forged limit
    fixture.decide("sunqi", fixture.slot(request, "dsDirect"), "APPROVE", "同意");

    assertThat(runtimeService.getVariable(request.getId(), "permitOutcome")).isEqualTo("ISSUED");
    Date validUntil = (Date) runtimeService.getVariable(request.getId(), "permitValidUntil");
    assertThat(validUntil.toInstant()).isAfter(OffsetDateTime.parse("2026-12-30T00:00:00+08:00").toInstant());
  }

  /** A use of no records would spend the single-use permit on nothing: 0 is refused and leaves it live, 1 is the least. */
  @Test
  void aUseOfZeroRecordsIsRefusedAndLeavesThePermitLive_oneRecordIsUsed() {
    String permitId = approvedPermit();
    ResponseEntity<String> zero = use(permitId, body(0, "某某科技有限公司"));
    assertThat(zero.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(zero.getBody()).contains("\"error\":\"invalid_input\"", "recordCount", "至少为 1 条");
    ResponseEntity<String> one = use(permitId, body(1, "某某科技有限公司"));
    assertThat(one.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  /** The start form's rule (min 1) holds on the server for a REST client that skips the form: 0 refused, 1 accepted. */
  @Test
  void aRequestForZeroRecordsIsRefusedAtStartAndOneRecordIsAccepted() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("data-operation-approval").count();
    ResponseEntity<String> zero = startThroughEngineRest(0);
    assertThat(zero.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(zero.getBody()).contains("\"error\":\"invalid_input\"", "recordCount", "不能小于 1");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("data-operation-approval").count())
        .isEqualTo(before);
    ResponseEntity<String> one = startThroughEngineRest(1);
    assertThat(one.getStatusCode()).as(one.getBody()).isEqualTo(HttpStatus.OK);
  }

  ResponseEntity<String> startThroughEngineRest(long records) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String fields = "\"operationType\":{\"value\":\"BULK_EXPORT\"},\"dataLevel\":{\"value\":\"GENERAL\"},"
        + "\"dataCategory\":{\"value\":\"生产数据\"},\"dataDescription\":{\"value\":\"工艺参数\"},"
        + "\"recordCount\":{\"value\":" + records + "},\"volumeGb\":{\"value\":1},\"processingSubject\":{\"value\":\"本公司\"},"
        + "\"processingMethod\":{\"value\":\"加密\"},\"purpose\":{\"value\":\"优化\"},\"scope\":{\"value\":\"3 号产线\"},"
        + "\"validFrom\":{\"value\":\"2026-11-23T10:00:00+08:00\"},\"validUntil\":{\"value\":\"2026-12-23T10:00:00+08:00\"},"
        + "\"recipientName\":{\"value\":\"某某科技有限公司\"},\"recipientForeign\":{\"value\":false}";
    return http.withBasicAuth("zhangsan", "demo").postForEntity(
        "/engine-rest/process-definition/key/data-operation-approval/start",
        new HttpEntity<>("{\"variables\":{" + fields + "}}", headers), String.class);
  }

  @Test
  void theLedgerCsvOpensInExcelWithABomAndChineseHeaders() {
    approvedPermit();
    ResponseEntity<byte[]> csv = http.withBasicAuth("zhengshi", "demo").getForEntity("/api/ledger.csv", byte[].class);
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    byte[] bytes = csv.getBody();
    assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    assertThat(text).startsWith("申请编号,处理方式,数据处理主体,数据类别,数据级别");
    assertThat(text).contains("\"批量导出\"").contains("\"重要数据\"");
    assertThat(http.withBasicAuth("lisi", "demo").getForEntity("/api/ledger.csv", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("zhengshi", "demo").getForEntity("/api/ledger?dataLevel=SECRET", String.class).getBody())
        .contains("\"field\":\"dataLevel\"");
  }
}
