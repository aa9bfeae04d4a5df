package cn.dsflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.permit.PermitGate;
import cn.dsflow.permit.Permits;
import cn.dsflow.system.EngineRefusal;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
 * Issue 12, defence in depth: the attacks of a malicious employee or a single malicious approver, made through the
 * Java API as that user (so no REST filter stands in the way). Each is refused or without effect — no permit, no
 * decision, no ledger change — and the audit chain still verifies. Enforcement state lives in dsflow's tables.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class EnforcementStateIT {

  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired Permits permits;
  @Autowired AuditChain audit;
  @Autowired PermitGate gate;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  /** Permits, decisions and every ledger row's state: what an attack must leave as it was. */
  String enforcementState() {
    return jdbc.queryForObject("SELECT (SELECT count(*) FROM dsf_permit) || '/' || (SELECT count(*) FROM dsf_approval_decision)"
        + " || '/' || coalesce((SELECT string_agg(request_id || ':' || status || ':' || coalesce(actual_record_count::text, '-'),"
        + " ',' ORDER BY request_id) FROM dsf_ledger), '')", String.class);
  }

  void assertChainVerifies() {
    assertThat(audit.verify().valid()).isTrue();
  }

  long refusals(String type) {
    return audit.eventsOfType(type).size();
  }

  static final Map<String, String> CHECKER = Map.of("dso", "zhaoliu", "legal", "wujiu", "deptHead", "wangwu");
  static final Map<String, String> APPROVER = Map.of("deptHead", "wangwu", "dso", "zhaoliu", "dsDirect", "sunqi", "dsFirst", "zhouba");

  void passChecks(ProcessInstance request) {
    for (Task check : taskService.createTaskQuery().processInstanceId(request.getId()).list()) {
      String group = taskService.getIdentityLinksForTask(check.getId()).get(0).getGroupId();
      fixture.passCheck(CHECKER.get(group), check);
    }
  }

  void approveAll(ProcessInstance request) {
    for (Task slot : fixture.openTasks(request, "approve")) {
      String group = (String) taskService.getVariable(slot.getId(), "approverGroup");
      fixture.decide(APPROVER.get(group), slot, "APPROVE", "同意");
    }
  }

  // attack 1: a start in mid-process, at the permit issuer, with injected variables

  @Test
  void aStartAtIssuePermitWithInjectedVariablesIssuesNothing() {
    String before = enforcementState();
    long refused = refusals("PERMIT_REFUSED");
    Map<String, Object> injected = EngineTestSupport.with(ApprovalFixture.request("BULK_EXPORT", "CORE"),
        "requestId", "REQ-forged", "requestedAt", new Date(), "approverGroups", List.of(), "requester", "lisi");
    engine.actAs("lisi");
    try {
      assertThatThrownBy(() -> runtimeService.createProcessInstanceByKey("data-operation-approval")
          .startBeforeActivity("issuePermit").setVariables(injected).execute())
          .satisfies(e -> assertThat(EngineRefusal.in(e).code()).isEqualTo("no_registered_request"));
    } finally {
      engine.actAsNobody();
    }
    assertThat(enforcementState()).isEqualTo(before);
    assertThat(refusals("PERMIT_REFUSED")).isEqualTo(refused + 1);
    assertChainVerifies();
  }

  @Test
  void theSameStartThroughEngineRestIsRefusedWith403AndIssuesNothing() {
    String before = enforcementState();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String body = "{\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"issuePermit\"}],"
        + "\"variables\":{\"requestId\":{\"value\":\"REQ-forged\"},\"operationType\":{\"value\":\"BULK_EXPORT\"},"
        + "\"dataLevel\":{\"value\":\"CORE\"},\"recordCount\":{\"value\":1000000,\"type\":\"Long\"}}}";
    ResponseEntity<String> r = http.withBasicAuth("lisi", "demo").postForEntity(
        "/engine-rest/process-definition/key/data-operation-approval/start", new HttpEntity<>(body, headers), String.class);
    assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(403); // at the door (issue 12 C) or at the issuer
    assertThat(enforcementState()).isEqualTo(before);
    assertChainVerifies();
  }

  @Test
  void aStartAtTheCrossBorderPermitIssuesNothingEither() {
    String before = enforcementState();
    Map<String, Object> injected = EngineTestSupport.with(ApprovalFixture.request("CROSS_BORDER", "GENERAL"),
        "recipientForeign", true, "crossBorderRoute", "EXEMPT", "transferYear", 2026, "routeStillValid", true);
    engine.actAs("lisi");
    try {
      assertThatThrownBy(() -> runtimeService.createProcessInstanceByKey("cross-border-transfer")
          .startBeforeActivity("issuePermit").setVariables(injected).execute())
          .satisfies(e -> assertThat(EngineRefusal.in(e).code()).isEqualTo("no_registered_request"));
    } finally {
      engine.actAsNobody();
    }
    assertThat(enforcementState()).isEqualTo(before);
    assertChainVerifies();
  }

  // attack 2: one checker shrinks the approver slots

  @Test
  void aCheckerWhoRewritesApproverGroupsDoesNotShrinkTheSlots() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("PROVISION", "IMPORTANT"));
    for (Task check : taskService.createTaskQuery().processInstanceId(request.getId()).list()) {
      String group = taskService.getIdentityLinksForTask(check.getId()).get(0).getGroupId();
      String key = check.getTaskDefinitionKey();
      engine.complete(CHECKER.get(group), check, Map.of(key + "_passed", "true", key + "_findings", "已核对",
          "approverGroups", List.of("deptHead")));
    }
    List<Task> slots = fixture.openTasks(request, "approve");
    assertThat(slots).hasSize(3); // deptHead, dso, dsDirect: chosen at intake from the registered content
    String before = enforcementState();
    fixture.decide("wangwu", fixture.slot(request, "deptHead"), "APPROVE", "同意");
    assertThat(permits.findByRequest(request.getId())).isEmpty(); // one person's approval issues nothing
    assertThat(runtimeService.getVariable(request.getId(), "permitId")).isNull();
    assertThat(enforcementState()).isNotEqualTo(before); // exactly the one decision row more
    assertChainVerifies();
  }

  // attack 3: the requester approves their own request

  @Test
  void aStartVariableRequesterDoesNotMakeSomeoneElseTheRequester() {
    ProcessInstance request = fixture.start("wangwu", EngineTestSupport.with(
        ApprovalFixture.request("BULK_EXPORT", "GENERAL"), "requester", "zhangsan"));
    assertThat(runtimeService.getVariable(request.getId(), "requester")).isEqualTo("wangwu");
    String before = enforcementState();
    long refused = refusals("SEPARATION_OF_DUTIES_REFUSED");
    Task slot = fixture.slot(request, "deptHead");
    assertThatThrownBy(() -> fixture.decide("wangwu", slot, "APPROVE", "自己批准")).satisfies(e -> assertThat(EngineRefusal.in(e).code()).isEqualTo("separation_of_duties"));
    assertThat(enforcementState()).isEqualTo(before);
    assertThat(refusals("SEPARATION_OF_DUTIES_REFUSED")).isEqualTo(refused + 1);
    assertChainVerifies();
  }

  @Test
  void aCompletionVariableRequesterDoesNotLetTheRequesterDecide() {
    ProcessInstance request = fixture.start("wangwu", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    engine.actAs("wangwu");
    try {
      // the assignment guard refuses the claim too; completing unclaimed is the bolder attempt
      assertThatThrownBy(() -> taskService.complete(slot.getId(),
          Map.of("decision", "APPROVE", "comment", "同意", "requester", "zhangsan")))
          .satisfies(e -> assertThat(EngineRefusal.in(e).code()).isEqualTo("separation_of_duties"));
    } finally {
      engine.actAsNobody();
    }
    assertThat(jdbc.queryForObject("SELECT count(*) FROM dsf_approval_decision WHERE request_id = ?", Integer.class,
        request.getId())).isZero();
    assertThat(taskService.createTaskQuery().taskId(slot.getId()).count()).isEqualTo(1);
    assertChainVerifies();
  }

  // attack 4: a failed check is answered away by another checker

  @Test
  void aFailedCheckCannotBeUndoneByAnotherChecker() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("PROVISION", "IMPORTANT"));
    List<Task> checks = taskService.createTaskQuery().processInstanceId(request.getId()).list().stream()
        .sorted(java.util.Comparator.comparing(Task::getTaskDefinitionKey)).toList();
    assertThat(checks).hasSizeGreaterThan(1);
    Task failing = checks.get(0);
    String key = failing.getTaskDefinitionKey();
    String group = taskService.getIdentityLinksForTask(failing.getId()).get(0).getGroupId();
    engine.complete(CHECKER.get(group), failing, Map.of(key + "_passed", "false", key + "_findings", "接收方无保护能力"));
    for (Task other : checks.subList(1, checks.size())) {
      String k = other.getTaskDefinitionKey();
      String g = taskService.getIdentityLinksForTask(other.getId()).get(0).getGroupId();
      engine.complete(CHECKER.get(g), other, Map.of(k + "_passed", "true", k + "_findings", "通过", "checksFailed", false));
    }
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(request.getId()).count()).isZero();
    assertThat(fixture.openTasks(request, "approve")).isEmpty();
    assertThat(permits.findByRequest(request.getId())).isEmpty();
    assertChainVerifies();
  }

  // attack 5 and 6: the result record

  ProcessInstance usedTransfer(String requester) {
    ProcessInstance request = fixture.start(requester, ApprovalFixture.request("TRANSFER", "IMPORTANT"));
    passChecks(request);
    approveAll(request);
    engine.setClock(new Date(ApprovalFixture.MONDAY_MORNING.getTime() + 3_600_000));
    String permitId = permits.findByRequest(request.getId()).orElseThrow().id();
    gate.use(permitId, new PermitGate.Use("etl", 5000, "某某科技有限公司"), requester);
    engine.setClock(new Date(ApprovalFixture.MONDAY_MORNING.getTime() + 3 * 3_600_000)); // 13:00 Beijing
    return request;
  }

  @Test
  void resultVariablesCannotHideAScopeOverrunNorSkipTheCatalogueFiling() {
    ProcessInstance request = usedTransfer("zhangsan");
    int exceeded = audit.eventsOfType("SCOPE_EXCEEDED").size();
    engine.complete("zhangsan", engine.only(request.getId(), "recordResult"), Map.of("actualRecordCount", 5001,
        "completedAt", "2026-11-23T12:30:00+08:00", "recordCount", 10_000_000L, "operationType", "BULK_EXPORT",
        "dataLevel", "GENERAL"));
    assertThat(audit.eventsOfType("SCOPE_EXCEEDED")).hasSize(exceeded + 1); // 5001 > 5000, whatever recordCount says
    assertThat(engine.tasksBelow(request.getId(), "fileCatalogueChange")).hasSize(1);
  }

  @Test
  void resultVariablesAtTheBoundaryAreNoOverrun() {
    ProcessInstance request = usedTransfer("zhangsan");
    int exceeded = audit.eventsOfType("SCOPE_EXCEEDED").size();
    engine.complete("zhangsan", engine.only(request.getId(), "recordResult"), Map.of("actualRecordCount", 5000,
        "completedAt", "2026-11-23T12:30:00+08:00", "recordCount", 1L));
    assertThat(audit.eventsOfType("SCOPE_EXCEEDED")).hasSize(exceeded); // 5000 is inside, whatever recordCount says
  }

  @Test
  void aStartAtRecordResultNamingAnotherRequestRewritesNothing() {
    ProcessInstance victim = usedTransfer("zhangsan");
    String before = enforcementState();
    long refused = refusals("OPERATION_RESULT_REFUSED");
    Map<String, Object> injected = Map.of("requestId", victim.getId(), "requester", "lisi", "usedAt", new Date(0),
        "recordCount", 1L, "requestSummary", "伪造");
    // recordResult lives in the called permit-lifecycle, which no employee may start; opened here by the engine itself,
    // past the start guard, the result record must still find no request behind it
    String forged = runtimeService.createProcessInstanceByKey("permit-lifecycle")
        .startBeforeActivity("recordResult").setVariables(injected).execute().getId();
    engine.actAs("lisi");
    try {
      assertThatThrownBy(() -> {
        Task task = taskService.createTaskQuery().processInstanceId(forged).singleResult();
        taskService.complete(task.getId(), Map.of("actualRecordCount", 1, "completedAt", "2026-11-23T12:30:00+08:00",
            "resultNote", "覆盖他人台账"));
      }).satisfies(e -> assertThat(EngineRefusal.in(e).code()).isEqualTo("no_registered_request"));
    } finally {
      engine.actAsNobody();
    }
    runtimeService.deleteProcessInstance(forged, "test: forged start removed");
    assertThat(enforcementState()).isEqualTo(before);
    assertThat(refusals("OPERATION_RESULT_REFUSED")).isEqualTo(refused + 1);
    assertChainVerifies();
  }

  // attack 8 and E: an administrator is never an approver

  @Test
  void anAdministratorNeverTakesASlotWhateverGroupItClaims() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    identityService.createMembership("admin", Group.DEPT_HEAD.id()); // even an admin who is also a department head
    try {
      String before = enforcementState();
      engine.actAs("admin");
      assertThatThrownBy(() -> taskService.complete(slot.getId(),
          Map.of("decision", "APPROVE", "comment", "管理员批准", "approverGroup", "camunda-admin")))
          .hasMessageContaining("administrators never approve");
      engine.actAsNobody();
      assertThat(enforcementState()).isEqualTo(before);
      assertThat(audit.eventsOfType("SEPARATION_OF_DUTIES_REFUSED")).extracting(AuditEvent::detail)
          .anyMatch(d -> d.contains(slot.getId()) && d.contains("admin"));
    } finally {
      engine.actAsNobody();
      identityService.deleteMembership("admin", Group.DEPT_HEAD.id());
    }
    assertChainVerifies();
  }
}
