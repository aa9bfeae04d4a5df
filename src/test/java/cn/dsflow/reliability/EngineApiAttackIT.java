package cn.dsflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineDoors;
import cn.dsflow.EngineDoors.Door;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.permit.PermitGate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The eight attacks of issue 12, and the other generic engine operations it closes, through both doors: Camunda's REST
 * API with HTTP Basic and the Tasklist session API with its CSRF token. Each must be answered 4xx and leave no
 * permit, no decision, no ledger change, no changed variable; the refusal is in the audit chain, and the chain still
 * verifies.
 */
@DsflowIntegrationTest
class EngineApiAttackIT {

  record Attack(String name, String user, String method, String path, String body, int expected) {}

  static final Map<String, String> PASSWORDS = Map.of("admin", "demo-admin");

  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired PermitGate gate;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;
  @Autowired FilterService filters;
  @Autowired EngineDoors doors;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  int call(Door door, Attack a) {
    return doors.call(door, a.user(), PASSWORDS.getOrDefault(a.user(), "demo"), a.method(), a.path(), a.body());
  }

  String snapshot() {
    return jdbc.queryForObject("""
        SELECT concat_ws('|',
          (SELECT count(*) FROM act_hi_procinst), (SELECT count(*) FROM act_ru_task),
          (SELECT string_agg(coalesce(assignee_, '-') || coalesce(delegation_, '-'), ',' ORDER BY id_) FROM act_ru_task),
          (SELECT md5(string_agg(name_ || '=' || coalesce(text_, '') || coalesce(long_::text, '') || coalesce(double_::text, ''),
              ',' ORDER BY id_)) FROM act_ru_variable),
          (SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM dsf_permit),
          (SELECT count(*) FROM dsf_approval_decision),
          (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM dsf_ledger t),
          (SELECT md5(string_agg(id_ || coalesce(email_, ''), ',' ORDER BY id_)) FROM act_id_user),
          (SELECT count(*) FROM act_id_membership), (SELECT count(*) FROM act_ru_identitylink),
          (SELECT string_agg(id_ || ':' || retries_, ',' ORDER BY id_) FROM act_ru_job WHERE type_ = 'timer'))""", String.class);
  }

  static final String REQUEST_FIELDS = "\"operationType\":{\"value\":\"BULK_EXPORT\"},\"dataLevel\":{\"value\":\"GENERAL\"},"
      + "\"dataCategory\":{\"value\":\"生产数据\"},\"dataDescription\":{\"value\":\"工艺参数\"},\"recordCount\":{\"value\":10},"
      + "\"volumeGb\":{\"value\":1},\"processingSubject\":{\"value\":\"本公司\"},\"processingMethod\":{\"value\":\"加密\"},"
      + "\"purpose\":{\"value\":\"优化\"},\"scope\":{\"value\":\"3 号产线\"},\"validFrom\":{\"value\":\"2026-11-23T10:00:00+08:00\"},"
      + "\"validUntil\":{\"value\":\"2026-12-23T10:00:00+08:00\"},\"recipientName\":{\"value\":\"某某科技有限公司\"},"
      + "\"recipientForeign\":{\"value\":false}";

  static String startAt(String activityId, String variables) {
    return "{\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"" + activityId + "\"}],"
        + "\"variables\":{" + variables + "}}";
  }

  @Test
  void theEightAttacksOfIssue12AreRefusedThroughBothDoorsAndLeaveNothingButTheRecordOfTheRefusal() {
    engine.setClock(ApprovalFixture.MONDAY_MORNING);
    ProcessInstance checked = fixture.start("zhangsan", ApprovalFixture.request("PROVISION", "IMPORTANT"));
    String necessity = engine.only(checked.getId(), "assessNecessity").getId();
    String capability = engine.only(checked.getId(), "reviewRecipientCapability").getId();
    ProcessInstance pending = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    String slot = fixture.slot(pending, "deptHead").getId();
    ProcessInstance used = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    fixture.decide("wangwu", fixture.slot(used, "deptHead"), "APPROVE", "同意");
    engine.setClock(new Date(ApprovalFixture.MONDAY_MORNING.getTime() + 3_600_000));
    gate.use((String) runtimeService.getVariable(used.getId(), "permitId"), new PermitGate.Use("etl", 10, "某某科技有限公司"), "zhangsan");
    String result = engine.only(used.getId(), "recordResult").getId();
    String usedRequestId = (String) runtimeService.getVariable(used.getId(), "requestId");
    engine.runDueJobs();
    String decision = "\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"同意\"}";
    String resultFields = "\"actualRecordCount\":{\"value\":10},\"completedAt\":{\"value\":\"2026-11-23T11:00:00+08:00\"},"
        + "\"resultNote\":{\"value\":\"已完成\"}";

    List<Attack> attacks = List.of(
        new Attack("1 zero-approval permit: start at issuePermit", "zhangsan", "POST",
            "process-definition/key/data-operation-approval/start", startAt("issuePermit",
                "\"requestId\":{\"value\":\"REQ-forged\"},\"approverGroups\":{\"value\":\"[]\",\"type\":\"Json\"}"), 403),
        new Attack("1 a destruction certificate for nothing: start at recordDestruction", "zhangsan", "POST",
            "process-definition/key/data-destruction/start", startAt("recordDestruction", ""), 403),
        new Attack("1 skipCustomListeners on a start (was 500)", "zhangsan", "POST",
            "process-definition/key/data-operation-approval/start",
            "{\"skipCustomListeners\":true,\"variables\":{" + REQUEST_FIELDS + "}}", 403),
        new Attack("2 a checker shrinks the approver slots", "zhaoliu", "POST", "task/" + necessity + "/complete",
            "{\"variables\":{\"assessNecessity_passed\":{\"value\":\"true\"},\"assessNecessity_findings\":{\"value\":\"符合\"},"
                + "\"approverGroups\":{\"value\":\"[\\\"deptHead\\\"]\",\"type\":\"Json\"}}}", 400),
        new Attack("3 a start names someone else as requester", "zhangsan", "POST",
            "process-definition/key/data-operation-approval/start",
            "{\"variables\":{" + REQUEST_FIELDS + ",\"requester\":{\"value\":\"lisi\"}}}", 400),
        new Attack("3 a completion rewrites the requester", "wangwu", "POST", "task/" + slot + "/complete",
            "{\"variables\":{" + decision + ",\"requester\":{\"value\":\"wangwu\"}}}", 400),
        new Attack("3 the requester resolves an undelegated slot", "zhangsan", "POST", "task/" + slot + "/resolve",
            "{\"variables\":{" + decision + "}}", 403),
        new Attack("4 another checker undoes a failed check", "zhaoliu", "POST", "task/" + capability + "/complete",
            "{\"variables\":{\"checksFailed\":{\"value\":false}}}", 400),
        new Attack("5 the result record hides a scope overrun (recordCount)", "zhangsan", "POST", "task/" + result + "/complete",
            "{\"variables\":{" + resultFields + ",\"recordCount\":{\"value\":1}}}", 400),
        new Attack("5 the result record changes the operation type", "zhangsan", "POST", "task/" + result + "/complete",
            "{\"variables\":{" + resultFields + ",\"operationType\":{\"value\":\"BULK_IMPORT\"}}}", 400),
        new Attack("6 a start at recordResult rewrites another request's ledger row", "zhangsan", "POST",
            "process-definition/key/data-operation-approval/start",
            startAt("recordResult", "\"requestId\":{\"value\":\"" + usedRequestId + "\"},\"actualRecordCount\":{\"value\":1}"), 403),
        new Attack("7 mail theft: an employee edits their own e-mail", "zhangsan", "PUT", "user/zhangsan/profile",
            "{\"id\":\"zhangsan\",\"firstName\":\"三\",\"lastName\":\"张\",\"email\":\"wangwu@dsflow.local\"}", 403),
        new Attack("8 admin takes a slot with approverGroup", "admin", "POST", "task/" + slot + "/complete",
            "{\"variables\":{" + decision + ",\"approverGroup\":{\"value\":\"camunda-admin\"}}}", 400),
        new Attack("a start names another request's business key, shown in Cockpit as its name", "zhangsan", "POST",
            "process-definition/key/data-operation-approval/start",
            "{\"businessKey\":\"" + usedRequestId + "\",\"variables\":{" + REQUEST_FIELDS + "}}", 400),
        new Attack("even the administrator starts without choosing a business key", "admin", "POST",
            "process-definition/key/data-operation-approval/start",
            "{\"businessKey\":\"" + usedRequestId + "\",\"variables\":{" + REQUEST_FIELDS + "}}", 400),
        new Attack("a start form submission picks a business key", "zhangsan", "POST",
            "process-definition/key/data-operation-approval/submit-form",
            "{\"businessKey\":\"REQ-2026-0001\",\"variables\":{" + REQUEST_FIELDS + "}}", 400),
        new Attack("an empty business key is a chosen business key too", "zhangsan", "POST",
            "process-definition/key/data-operation-approval/start",
            "{\"businessKey\":\"\",\"variables\":{" + REQUEST_FIELDS + "}}", 400),
        new Attack("a start links the request to a case instance", "zhangsan", "POST",
            "process-definition/key/data-operation-approval/start",
            "{\"caseInstanceId\":\"" + usedRequestId + "\",\"variables\":{" + REQUEST_FIELDS + "}}", 400),
        new Attack("an approver's start form submission names an empty case instance", "wangwu", "POST",
            "process-definition/key/data-operation-approval/submit-form",
            "{\"caseInstanceId\":\"\",\"variables\":{" + REQUEST_FIELDS + "}}", 400),
        // a single malicious approver
        new Attack("an approver shrinks the other slots while deciding", "wangwu", "POST", "task/" + slot + "/submit-form",
            "{\"variables\":{" + decision + ",\"approverGroups\":{\"value\":\"[\\\"deptHead\\\"]\",\"type\":\"Json\"}}}", 400),
        new Attack("an approver rejects and clears the rejection", "wangwu", "POST", "task/" + slot + "/complete",
            "{\"variables\":{\"decision\":{\"value\":\"REJECT\"},\"comment\":{\"value\":\"否\"},\"rejected\":{\"value\":false}}}", 400),
        new Attack("an approver decides for another group", "wangwu", "POST", "task/" + slot + "/complete",
            "{\"variables\":{" + decision + ",\"approverGroup\":{\"value\":\"dsFirst\"}}}", 400),
        new Attack("an approver hands the slot to a colleague", "wangwu", "POST", "task/" + slot + "/delegate",
            "{\"userId\":\"qianer\"}", 403),
        new Attack("an approver smuggles a serialized Java object", "wangwu", "POST", "task/" + slot + "/complete",
            "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"type\":\"Object\",\"value\":\"rO0AB\","
                + "\"valueInfo\":{\"objectTypeName\":\"java.lang.String\",\"serializationDataFormat\":\"application/x-java-serialized-object\"}}}}", 400),
        // the rest of issue 12 C, and issue 20
        new Attack("modify a running request", "zhangsan", "POST", "process-instance/" + pending.getId() + "/modification",
            "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"issuePermit\"}]}", 403),
        new Attack("correlate the permit-used message", "zhangsan", "POST", "message",
            "{\"messageName\":\"permitUsed\",\"processInstanceId\":\"" + pending.getId() + "\"}", 403),
        new Attack("throw a signal", "zhangsan", "POST", "signal", "{\"name\":\"anything\"}", 403),
        new Attack("write a variable on the request", "zhangsan", "PUT", "process-instance/" + pending.getId() + "/variables/rejected",
            "{\"value\":false,\"type\":\"Boolean\"}", 403),
        new Attack("write a task variable outside a completion", "wangwu", "POST", "task/" + slot + "/variables",
            "{\"modifications\":{\"decision\":{\"value\":\"APPROVE\"}}}", 403),
        new Attack("add oneself as a candidate", "zhangsan", "POST", "task/" + slot + "/identity-links",
            "{\"userId\":\"zhangsan\",\"type\":\"candidate\"}", 403),
        new Attack("a candidate claims the slot for a colleague", "wangwu", "POST", "task/" + slot + "/claim",
            "{\"userId\":\"qianer\"}", 403),
        new Attack("set the assignee", "wangwu", "POST", "task/" + slot + "/assignee", "{\"userId\":\"wangwu\"}", 403),
        new Attack("an employee tests a colleague's password", "zhangsan", "POST", "identity/verify",
            "{\"username\":\"wangwu\",\"password\":\"guess\"}", 403),
        new Attack("an employee reads engine statistics", "zhangsan", "GET", "process-definition/statistics", null, 403),
        new Attack("an employee reads engine metrics", "zhangsan", "GET", "metrics/activity-instance-start/sum", null, 403));

    List<String> bypassed = new ArrayList<>();
    int refused = 0;
    for (Door door : Door.values()) {
      for (Attack a : attacks) {
        String before = snapshot();
        long head = doors.auditHead();
        int status = call(door, a);
        String after = snapshot();
        List<Map<String, Object>> written = jdbc.queryForList(
            "SELECT event_type, actor FROM dsf_audit_event WHERE seq > ? ORDER BY seq", head);
        boolean audited = written.stream().anyMatch(e -> e.get("event_type").toString().startsWith("ENGINE_")
            && e.get("event_type").toString().endsWith("_REFUSED") && a.user().equals(e.get("actor")));
        boolean onlyRefusals = written.stream().allMatch(e -> e.get("event_type").toString().contains("REFUSED"));
        if (status != a.expected() || !before.equals(after) || !audited || !onlyRefusals) {
          bypassed.add(door + " " + a.name() + ": " + status + " (expected " + a.expected() + ")"
              + (before.equals(after) ? "" : " state changed") + (audited ? "" : " not audited")
              + (onlyRefusals ? "" : " wrote " + written));
        } else {
          refused++;
        }
      }
    }
    System.out.println("Engine API attacks: " + refused + " refused, " + bypassed.size() + " got through");
    assertThat(bypassed).as("attacks not cleanly refused").isEmpty();
    assertThat(http.withBasicAuth("zhengshi", "demo").getForObject("/api/audit/verify", String.class))
        .contains("\"valid\":true");
  }

  /**
   * Criteria the engine cannot combine (a candidate user beside candidate groups, directly or by extending a group
   * filter) are the caller's mistake: 400 invalid_query, not the engine's 500 (found by the attack).
   */
  @Test
  void contradictoryTaskCriteriaAreABadRequestNotAServerFault() {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    String password = "demo";
    String filterId = filters.createFilterQuery().filterName("待我审批").singleResult().getId();
    List<ResponseEntity<String>> answers = List.of(
        http.withBasicAuth("wangwu", password).getForEntity("/engine-rest/task?candidateUser=x&candidateGroups=dso",
            String.class),
        http.withBasicAuth("zhangsan", password).postForEntity("/engine-rest/task/count",
            new HttpEntity<>("{\"candidateGroups\":[\"dso\"],\"candidateUser\":\"x\"}", json), String.class),
        http.withBasicAuth("zhangsan", password).postForEntity("/engine-rest/filter/" + filterId + "/list",
            new HttpEntity<>("{\"candidateUser\":\"zhaoliu\"}", json), String.class));
    for (ResponseEntity<String> answer : answers) {
      assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
      assertThat(answer.getBody()).contains("\"error\":\"invalid_query\"");
    }
  }

  /**
   * Values the database cannot take are the caller's input: 400 invalid_query, not a 500 (found by the attack): a NUL
   * byte in an id, a negative page on the engine's statement and on dsflow's group task list, more ids than PostgreSQL
   * binds in one statement, a null tenant, an object as a variable value. (A pattern ending in the escape character
   * is the same SQLSTATE class, 22; PostgreSQL only raises it once a row is compared, so it needs data to show.)
   */
  @Test
  void valuesTheDatabaseCannotTakeAreABadRequestNotAServerFault() {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    String manyIds = java.util.stream.IntStream.range(0, 70_000).mapToObj(i -> "\"a\"")
        .collect(java.util.stream.Collectors.joining(",", "{\"variableScopeIdIn\":[", "]}"));
    List<ResponseEntity<String>> answers = List.of(
        http.withBasicAuth("zhangsan", "demo").postForEntity("/engine-rest/variable-instance",
            new HttpEntity<>("{\"variableScopeIdIn\":[\"a\\u0000b\"]}", json), String.class),
        http.withBasicAuth("wangwu", "demo").getForEntity("/engine-rest/task?candidateGroup=deptHead&firstResult=-5&maxResults=5",
            String.class),
        http.withBasicAuth("zhangsan", "demo").postForEntity("/engine-rest/variable-instance?firstResult=0&maxResults=-5",
            new HttpEntity<>("{}", json), String.class),
        http.withBasicAuth("zhangsan", "demo").postForEntity("/engine-rest/variable-instance",
            new HttpEntity<>(manyIds, json), String.class),
        http.withBasicAuth("zhangsan", "demo").postForEntity("/engine-rest/variable-instance",
            new HttpEntity<>("{\"variableScopeIdIn\":[\"x\"],\"tenantIdIn\":[null]}", json), String.class),
        http.withBasicAuth("zhangsan", "demo").postForEntity("/engine-rest/variable-instance",
            new HttpEntity<>("{\"variableValues\":[{\"name\":\"a\",\"operator\":\"eq\",\"value\":{\"b\":1}}]}", json),
            String.class),
        // a null scope id reached dsflow's statement and was a NullPointerException; the engine's answers []
        http.withBasicAuth("zhangsan", "demo").postForEntity("/engine-rest/variable-instance",
            new HttpEntity<>("{\"variableScopeIdIn\":[\"x\",null]}", json), String.class));
    for (int i = 0; i < answers.size(); i++) {
      ResponseEntity<String> answer = answers.get(i);
      int expected = i == answers.size() - 1 ? 200 : 400;
      assertThat(answer.getStatusCode().value()).as("answer %d: %s", i, answer.getBody()).isEqualTo(expected);
      if (expected == 400) {
        assertThat(answer.getBody()).contains("\"error\":\"invalid_query\"");
      }
    }
  }
}
