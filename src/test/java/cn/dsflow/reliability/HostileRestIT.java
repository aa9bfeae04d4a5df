package cn.dsflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.permit.PermitGate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Hostile REST: each attack is refused with the status it deserves, and nothing is written except the record of the
 * refusal. The state of every table that matters is compared before and after each case; the audit chain may only
 * grow by refusals. Prints "N passed, 0 bypassed".
 */
@DsflowIntegrationTest
class HostileRestIT {

  record Case(String name, int expected, Supplier<ResponseEntity<String>> attack) {}

  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired PermitGate gate;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    if (body instanceof String) {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    TestRestTemplate client = user == null ? http : http.withBasicAuth(user, "demo");
    return client.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  String snapshot() {
    return jdbc.queryForObject("""
        SELECT concat_ws('|',
          (SELECT count(*) FROM act_ru_execution), (SELECT count(*) FROM act_hi_procinst),
          (SELECT count(*) FROM act_ru_task), (SELECT count(*) FROM act_ru_task WHERE assignee_ IS NOT NULL),
          (SELECT count(*) FROM act_ru_variable), (SELECT string_agg(text_, ',' ORDER BY id_) FROM act_ru_variable WHERE name_ IN ('rejected', 'permitId')),
          (SELECT string_agg(status, ',' ORDER BY id) FROM dsf_permit), (SELECT string_agg(status, ',' ORDER BY request_id) FROM dsf_ledger),
          (SELECT count(*) FROM dsf_approval_decision), (SELECT count(*) FROM dsf_incident_evidence),
          (SELECT count(*) FROM dsf_cross_border_volume), (SELECT count(*) FROM dsf_risk), (SELECT count(*) FROM act_id_user),
          (SELECT count(*) FROM act_ru_authorization))""", String.class);
  }

  long auditHead() {
    Long seq = jdbc.queryForObject("SELECT COALESCE(max(seq), 0) FROM dsf_audit_event", Long.class);
    return seq == null ? 0 : seq;
  }

  List<String> auditTypesAfter(long seq) {
    return jdbc.queryForList("SELECT event_type FROM dsf_audit_event WHERE seq > ? ORDER BY seq", String.class, seq);
  }

  static String permitUse(String operator, Object count, String recipient) {
    return "{\"operator\":" + (operator == null ? "null" : "\"" + operator + "\"") + ",\"recordCount\":" + count
        + ",\"recipient\":\"" + recipient + "\"}";
  }

  @Test
  void everyHostileRequestIsRefusedAndWritesNothingButTheRefusal() {
    engine.setClock(ApprovalFixture.MONDAY_MORNING);
    ProcessInstance live = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    fixture.decide("wangwu", fixture.slot(live, "deptHead"), "APPROVE", "同意");
    ProcessInstance used = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    fixture.decide("wangwu", fixture.slot(used, "deptHead"), "APPROVE", "同意");
    ProcessInstance pending = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    String slot = fixture.slot(pending, "deptHead").getId();
    engine.setClock(new Date(ApprovalFixture.MONDAY_MORNING.getTime() + 3_600_000));
    String livePermit = (String) runtimeService.getVariable(live.getId(), "permitId");
    String usedPermit = (String) runtimeService.getVariable(used.getId(), "permitId");
    gate.use(usedPermit, new PermitGate.Use("etl", 10, "某某科技有限公司"), "zhangsan");
    String use = "/api/permits/" + livePermit + "/use";
    String badStart = "{\"variables\":{\"operationType\":{\"value\":\"STEAL\"},\"dataLevel\":{\"value\":\"GENERAL\"}}}";
    String noOffset = "{\"variables\":{\"operationType\":{\"value\":\"BULK_EXPORT\"},\"dataLevel\":{\"value\":\"GENERAL\"},"
        + "\"dataCategory\":{\"value\":\"x\"},\"dataDescription\":{\"value\":\"x\"},\"recordCount\":{\"value\":1},"
        + "\"volumeGb\":{\"value\":1},\"processingSubject\":{\"value\":\"x\"},\"processingMethod\":{\"value\":\"x\"},"
        + "\"purpose\":{\"value\":\"x\"},\"scope\":{\"value\":\"x\"},\"validFrom\":{\"value\":\"2026-11-23T10:00\"},"
        + "\"validUntil\":{\"value\":\"2026-12-23T10:00\"}}}";
    LinkedMultiValueMap<String, Object> emptyFile = new LinkedMultiValueMap<>();
    emptyFile.add("file", new ByteArrayResource(new byte[0]) {
      @Override
      public String getFilename() {
        return "empty.log";
      }
    });
    emptyFile.add("source", "x");

    List<Case> cases = List.of(
        new Case("use a permit for a recipient it was not approved for", 422, () -> call("zhangsan", HttpMethod.POST, use, permitUse("etl", 10, "别的公司"))),
        new Case("use a permit for more records than approved", 422, () -> call("zhangsan", HttpMethod.POST, use, permitUse("etl", 5001, "某某科技有限公司"))),
        new Case("replay a used permit", 409, () -> call("zhangsan", HttpMethod.POST, "/api/permits/" + usedPermit + "/use", permitUse("etl", 10, "某某科技有限公司"))),
        new Case("use a permit that was never issued", 403, () -> call("zhangsan", HttpMethod.POST, "/api/permits/PMT-forged/use", permitUse("etl", 10, "x"))),
        new Case("use a permit id that is far too long", 400, () -> call("zhangsan", HttpMethod.POST, "/api/permits/" + "P".repeat(80) + "/use", permitUse("etl", 10, "x"))),
        new Case("malformed JSON", 400, () -> call("zhangsan", HttpMethod.POST, use, "{\"operator\":")),
        new Case("missing operator", 400, () -> call("zhangsan", HttpMethod.POST, use, permitUse(null, 10, "某某科技有限公司"))),
        new Case("negative record count", 400, () -> call("zhangsan", HttpMethod.POST, use, permitUse("etl", -1, "某某科技有限公司"))),
        new Case("zero records: a use that would spend the permit on nothing", 400, () -> call("zhangsan", HttpMethod.POST, use, permitUse("etl", 0, "某某科技有限公司"))),
        new Case("record count as text", 400, () -> call("zhangsan", HttpMethod.POST, use, permitUse("etl", "\"many\"", "某某科技有限公司"))),
        new Case("oversize JSON body (3 MB)", 413, () -> call("zhangsan", HttpMethod.POST, use, permitUse("x".repeat(3_000_000), 10, "y"))),
        new Case("HTML/script as a permit id", 403, () -> call("zhangsan", HttpMethod.POST, "/api/permits/%3Cscript%3Ealert(1)%3C%2Fscript%3E/use", permitUse("etl", 1, "x"))),
        new Case("SQL in a ledger filter", 400, () -> call("zhengshi", HttpMethod.GET, "/api/ledger?operationType=' OR 1=1 --", null)),
        new Case("requester completes own approval through /engine-rest", 403, () -> call("zhangsan", HttpMethod.POST, "/engine-rest/task/" + slot + "/complete",
            "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"自己批\"}}}")),
        new Case("requester claims own approval", 403, () -> call("zhangsan", HttpMethod.POST, "/engine-rest/task/" + slot + "/claim", "{\"userId\":\"zhangsan\"}")),
        new Case("a non-candidate completes a slot", 403, () -> call("zhaoliu", HttpMethod.POST, "/engine-rest/task/" + slot + "/complete",
            "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"越权\"}}}")),
        new Case("decision value outside APPROVE/REJECT", 400, () -> call("wangwu", HttpMethod.POST, "/engine-rest/task/" + slot + "/complete",
            "{\"variables\":{\"decision\":{\"value\":\"MAYBE\"},\"comment\":{\"value\":\"嗯\"}}}")),
        new Case("set rejected=false on a request directly", 403, () -> call("zhangsan", HttpMethod.PUT, "/engine-rest/process-instance/" + pending.getId() + "/variables/rejected",
            "{\"value\":false,\"type\":\"Boolean\"}")),
        new Case("set a permitId on a pending request directly", 403, () -> call("zhangsan", HttpMethod.PUT, "/engine-rest/process-instance/" + pending.getId() + "/variables/permitId",
            "{\"value\":\"" + livePermit + "\",\"type\":\"String\"}")),
        new Case("set task variables to approve without deciding", 403, () -> call("zhangsan", HttpMethod.PUT, "/engine-rest/task/" + slot + "/variables/decision",
            "{\"value\":\"APPROVE\",\"type\":\"String\"}")),
        new Case("delete a request's history as a normal user", 403, () -> call("zhangsan", HttpMethod.DELETE, "/engine-rest/history/process-instance/" + used.getId(), null)),
        new Case("delete a running request as a normal user", 403, () -> call("zhangsan", HttpMethod.DELETE, "/engine-rest/process-instance/" + pending.getId(), null)),
        // a definition the caller may not read does not exist for them: 404, nothing started
        new Case("start the called approval directly", 404, () -> call("zhangsan", HttpMethod.POST, "/engine-rest/process-definition/key/multi-person-approval/start", "{}")),
        new Case("unknown enum value on start", 400, () -> call("zhangsan", HttpMethod.POST, "/engine-rest/process-definition/key/data-operation-approval/start", badStart)),
        new Case("date-time without a zone", 400, () -> call("zhangsan", HttpMethod.POST, "/engine-rest/process-definition/key/data-operation-approval/start", noOffset)),
        new Case("deadline from a time without a zone", 400, () -> call("zhangsan", HttpMethod.GET, "/api/calendar/deadline?from=2026-11-23T10:00&workingDays=5", null)),
        new Case("an impossible calendar date", 400, () -> call("zhangsan", HttpMethod.GET, "/api/calendar/working-days/2026-13-45", null)),
        new Case("create a user as a normal user", 403, () -> call("zhangsan", HttpMethod.POST, "/engine-rest/user/create",
            "{\"profile\":{\"id\":\"mallory\",\"firstName\":\"M\",\"lastName\":\"M\",\"email\":\"m@x\"},\"credentials\":{\"password\":\"Passw0rd!Passw0rd!\"}}")),
        new Case("grant oneself an authorization", 403, () -> call("zhangsan", HttpMethod.POST, "/engine-rest/authorization/create",
            "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"zhangsan\",\"resourceType\":8,\"resourceId\":\"*\"}")),
        new Case("read the ledger as an employee", 403, () -> call("zhangsan", HttpMethod.GET, "/api/ledger", null)),
        new Case("verify the audit chain as an employee", 403, () -> call("zhangsan", HttpMethod.GET, "/api/audit/verify", null)),
        new Case("no credentials", 401, () -> call(null, HttpMethod.GET, "/api/permits", null)),
        new Case("an unknown account", 401, () -> http.withBasicAuth("intruder", "guess").getForEntity("/api/permits", String.class)),
        new Case("upload empty evidence to an unknown incident", 404, () -> call("chenyi", HttpMethod.POST, "/api/incidents/nope/evidence", emptyFile)),
        new Case("re-grade an incident as an employee", 403, () -> call("zhangsan", HttpMethod.POST, "/api/incidents/" + pending.getId() + "/regrading", null)),
        new Case("correct the cross-border totals as an employee", 403, () -> call("zhangsan", HttpMethod.POST, "/api/cross-border/volumes/corrections",
            "{\"year\":2026,\"personsNonSensitive\":-999999,\"personsSensitive\":0,\"reason\":\"抹掉记录\"}")),
        new Case("terminate a transfer that is not one", 404, () -> call("zhaoliu", HttpMethod.POST, "/api/cross-border/" + pending.getId() + "/termination", "{\"note\":\"x\"}")),
        new Case("report a risk with an unknown category", 400, () -> {
          HttpHeaders h = new HttpHeaders();
          h.setContentType(MediaType.APPLICATION_JSON);
          h.set("Idempotency-Key", "hostile-1");
          return http.withBasicAuth("zhangsan", "demo").exchange("/api/risks", HttpMethod.POST,
              new HttpEntity<>("{\"category\":\"ALIENS\"}", h), String.class);
        }),
        new Case("start an annual compliance duty by hand", 404, () -> call("zhangsan", HttpMethod.POST, "/engine-rest/process-definition/key/compliance-duty/start",
            "{\"variables\":{\"complianceDuty\":{\"value\":\"ANNUAL_TRAINING\"}}}")));

    List<String> bypassed = new ArrayList<>();
    for (Case c : cases) {
      String before = snapshot();
      long head = auditHead();
      ResponseEntity<String> answer = c.attack().get();
      String after = snapshot();
      List<String> written = auditTypesAfter(head).stream().filter(t -> !t.contains("REFUSED") && !t.contains("CONFLICT")).toList();
      if (answer.getStatusCode().value() != c.expected() || !before.equals(after) || !written.isEmpty()) {
        bypassed.add(c.name() + ": " + answer.getStatusCode().value() + " (expected " + c.expected() + ")"
            + (before.equals(after) ? "" : " state changed") + (written.isEmpty() ? "" : " wrote " + written));
      }
    }
    System.out.println("Hostile REST: " + (cases.size() - bypassed.size()) + " passed, " + bypassed.size() + " bypassed");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
    assertThat(bypassed).as("bypassed").isEmpty();
    assertThat(runtimeService.getVariable(pending.getId(), "rejected")).isEqualTo(false);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM dsf_permit WHERE id = ?", Integer.class, livePermit)).isEqualTo(1);
  }

}
