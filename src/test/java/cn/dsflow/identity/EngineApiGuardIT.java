package cn.dsflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.TasklistSession;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.notify.Notifier;
import cn.dsflow.form.FormContract;
import cn.dsflow.system.SystemCommands;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
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
 * What the engine API door leaves open and what it closes, beyond the attacks: legal clocks cannot be stopped by a
 * refused job call (issue 20), password checks and statistics are for the right people (issues 20, 13), and Tasklist
 * keeps working exactly as it submits forms, claims and gives back tasks.
 */
@DsflowIntegrationTest
class EngineApiGuardIT {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired SystemCommands system;
  @Autowired AuditChain audit;
  @Autowired Notifier notifier;
  @Autowired FormContract forms;
  @Autowired TestRestTemplate http;
  @LocalServerPort int port;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  ResponseEntity<String> rest(String user, HttpMethod method, String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String password = "admin".equals(user) ? "demo-admin" : "demo";
    return http.withBasicAuth(user, password).exchange("/engine-rest/" + path, method, new HttpEntity<>(json, headers), String.class);
  }

  long refusalsOf(String user, String path) {
    return audit.eventsOfType(EngineApiGuard.REFUSED).stream()
        .filter(e -> user.equals(e.actor()) && path.equals(e.subjectId())).count();
  }

  @Test
  void threeRefusedJobExecutionsByAnOfficerLeaveRetriesAtThreeAndTheSlotStillEscalates() {
    engine.setClock(ApprovalFixture.MONDAY_MORNING);
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    Job overdue = managementService.createJobQuery().processInstanceId(slot.getProcessInstanceId())
        .activityId("approvalOverdue").singleResult();
    assertThat(overdue.getRetries()).isEqualTo(3);
    String execute = "job/" + overdue.getId() + "/execute";

    for (int i = 0; i < 3; i++) {
      ResponseEntity<String> r = rest("zhaoliu", HttpMethod.POST, execute, null);
      assertThat(r.getStatusCode().value()).isEqualTo(403);
      assertThat(r.getBody()).contains("admin_only");
    }
    assertThat(TasklistSession.login(port, "zhaoliu", "demo").engine("POST", execute, "{}").statusCode()).isEqualTo(403);
    assertThat(rest("zhaoliu", HttpMethod.PUT, "job/" + overdue.getId() + "/retries", "{\"retries\":0}").getStatusCode().value())
        .isEqualTo(403);
    assertThat(rest("zhengshi", HttpMethod.PUT, "job/" + overdue.getId() + "/suspended", "{\"suspended\":true}").getStatusCode().value())
        .isEqualTo(403);
    assertThat(rest("chenyi", HttpMethod.DELETE, "job/" + overdue.getId(), null).getStatusCode().value()).isEqualTo(403);

    Job after = managementService.createJobQuery().jobId(overdue.getId()).singleResult();
    assertThat(after.getRetries()).isEqualTo(3);
    assertThat(after.isSuspended()).isFalse();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(slot.getProcessInstanceId()).count()).isZero();
    assertThat(refusalsOf("zhaoliu", execute)).isEqualTo(4);

    // Monday + 3 working days: due Thursday 26 Nov 23:59:59 Beijing; a second past it the escalation runs
    engine.setClock(EngineTestSupport.at("2026-11-26T23:59:58+08:00"));
    engine.runDueJobs();
    assertThat(audit.events("request", request.getId())).extracting(AuditEvent::type).doesNotContain("APPROVAL_OVERDUE_ESCALATED");
    engine.setClock(EngineTestSupport.at("2026-11-27T00:00:01+08:00"));
    engine.runDueJobs();
    assertThat(audit.events("request", request.getId())).extracting(AuditEvent::type).contains("APPROVAL_OVERDUE_ESCALATED");
  }

  @Test
  void theAdministratorKeepsJobOperations() {
    engine.setClock(ApprovalFixture.MONDAY_MORNING);
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Job reminder = managementService.createJobQuery().processInstanceId(fixture.slot(request, "deptHead").getProcessInstanceId())
        .activityId("approvalReminder").singleResult();
    assertThat(rest("admin", HttpMethod.PUT, "job/" + reminder.getId() + "/retries", "{\"retries\":5}").getStatusCode().value())
        .isEqualTo(204);
    assertThat(managementService.createJobQuery().jobId(reminder.getId()).singleResult().getRetries()).isEqualTo(5);
  }

  /** A task id that never existed is a 404 with dsflow's error body, not the engine's 500 (found by the attack). */
  @Test
  void actingOnATaskThatNeverExistedIsANotFoundNotAServerFault() {
    for (String action : List.of("complete", "submit-form", "claim")) {
      String body = "claim".equals(action) ? "{\"userId\":\"wangwu\"}" : "{}";
      ResponseEntity<String> r = rest("wangwu", HttpMethod.POST, "task/no-such-task-" + action + "/" + action, body);
      assertThat(r.getStatusCode().value()).as(action + ": " + r.getBody()).isEqualTo(404);
      assertThat(r.getBody()).contains("task_not_found");
    }
  }

  @Test
  void onlyTheAdministratorMayTestSomeonesPassword() {
    String body = "{\"username\":\"wangwu\",\"password\":\"demo\"}";
    assertThat(rest("zhangsan", HttpMethod.POST, "identity/verify", body).getStatusCode().value()).isEqualTo(403);
    assertThat(rest("zhaoliu", HttpMethod.POST, "identity/verify", body).getStatusCode().value()).isEqualTo(403);
    ResponseEntity<String> admin = rest("admin", HttpMethod.POST, "identity/verify", body);
    assertThat(admin.getStatusCode().value()).isEqualTo(200);
    assertThat(admin.getBody()).contains("\"authenticated\":true");
  }

  @Test
  void engineStatisticsAndMetricsAreForOfficersAndTheAdministratorOnly() {
    for (String path : List.of("process-definition/statistics", "metrics/activity-instance-start/sum",
        "process-definition/key/data-operation-approval/statistics", "history/process-instance/report?reportType=duration&periodUnit=month")) {
      assertThat(rest("lisi", HttpMethod.GET, path, null).getStatusCode().value()).as("employee " + path).isEqualTo(403);
      assertThat(rest("wangwu", HttpMethod.GET, path, null).getStatusCode().value()).as("deptHead " + path).isEqualTo(403);
      for (String officer : List.of("zhaoliu", "sunqi", "zhouba", "zhengshi", "admin")) {
        assertThat(rest(officer, HttpMethod.GET, path, null).getStatusCode().value()).as(officer + " " + path).isEqualTo(200);
      }
    }
    assertThat(TasklistSession.login(port, "lisi", "demo").engine("GET", "process-definition/statistics", null).statusCode())
        .isEqualTo(403);
    assertThat(TasklistSession.login(port, "zhaoliu", "demo").engine("GET", "process-definition/statistics", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aWriteTheEnginesOwnAuthorizationRefusesIsRecordedInTheAuditChain() {
    String calledOnly = system.run(() -> repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey("multi-person-approval").latestVersion().singleResult().getId());
    long before = audit.eventsOfType("ENGINE_AUTHORIZATION_REFUSED").stream().filter(e -> "lisi".equals(e.actor())).count();

    ResponseEntity<String> refused = rest("lisi", HttpMethod.POST, "process-definition/" + calledOnly + "/start", "{}");

    assertThat(refused.getStatusCode().value()).isEqualTo(403);
    assertThat(audit.eventsOfType("ENGINE_AUTHORIZATION_REFUSED").stream().filter(e -> "lisi".equals(e.actor())).count())
        .isEqualTo(before + 1);
  }

  @Test
  void cockpitsOwnStatisticsAreForThoseWhoMayOpenCockpit() {
    String statistics = "/camunda/api/cockpit/plugin/base/default/process-definition/statistics?firstResult=0&maxResults=50";
    long refusalsBefore = audit.eventsOfType("ENGINE_OPERATION_REFUSED").size();
    for (String user : List.of("lisi", "wangwu")) {
      TasklistSession employee = TasklistSession.login(port, user, "demo");
      assertThat(employee.exchange("GET", statistics, null, null).statusCode()).as(user).isEqualTo(403);
      assertThat(employee.exchange("GET", "/camunda/api/cockpit/plugin/base/default/incident/count", null, null).statusCode())
          .as(user).isEqualTo(403);
    }
    assertThat(audit.eventsOfType("ENGINE_OPERATION_REFUSED").size()).isEqualTo(refusalsBefore + 4);
    for (String officer : List.of("zhaoliu", "chenyi", "wujiu")) {
      assertThat(TasklistSession.login(port, officer, "demo").exchange("GET", statistics, null, null).statusCode())
          .as(officer).isEqualTo(200);
    }
  }

  @Test
  void aCandidateClaimsAndGivesBackTheirOwnTaskInTasklistButNobodyElses() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    TasklistSession wangwu = TasklistSession.login(port, "wangwu", "demo");
    TasklistSession qianer = TasklistSession.login(port, "qianer", "demo");
    assertThat(wangwu.engine("POST", "task/" + slot.getId() + "/claim", "{\"userId\":\"wangwu\"}").statusCode()).isEqualTo(204);
    assertThat(qianer.engine("POST", "task/" + slot.getId() + "/unclaim", null).statusCode()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(slot.getId()).singleResult().getAssignee()).isEqualTo("wangwu");
    assertThat(wangwu.engine("POST", "task/" + slot.getId() + "/unclaim", null).statusCode()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(slot.getId()).singleResult().getAssignee()).isNull();
  }

  /** Builds the submission the way Tasklist's form-js does: every keyed field of the form, read-only ones included. */
  ObjectNode asFormJsSubmits(String formId, JsonNode loaded, Map<String, Object> answers) {
    ObjectNode variables = JSON.createObjectNode();
    for (String key : formKeys(forms.schema(formId).orElseThrow().path("components"))) {
      ObjectNode v = variables.putObject(key);
      Object answer = answers.get(key);
      if (answer != null) {
        v.set("value", JSON.valueToTree(answer));
      } else if (loaded.has(key)) {
        v.set("value", loaded.path(key).path("value"));
      } else {
        v.put("value", "");
      }
    }
    return variables;
  }

  static List<String> formKeys(JsonNode components) {
    List<String> keys = new java.util.ArrayList<>();
    for (JsonNode c : components) {
      if (c.hasNonNull("key") && !"text".equals(c.path("type").asText())) {
        keys.add(c.path("key").asText());
      }
    }
    return keys;
  }

  @Test
  void tasklistDecidesAnApprovalWithTheFormAsFormJsSubmitsIt() throws Exception {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    TasklistSession wangwu = TasklistSession.login(port, "wangwu", "demo");
    assertThat(wangwu.engine("POST", "task/" + slot.getId() + "/claim", "{\"userId\":\"wangwu\"}").statusCode()).isEqualTo(204);
    JsonNode loaded = JSON.readTree(wangwu.engine("GET", "task/" + slot.getId() + "/form-variables?deserializeValues=false", null).body());
    ObjectNode body = JSON.createObjectNode();
    body.set("variables", asFormJsSubmits("approval-decision", loaded, Map.of("decision", "APPROVE", "comment", "同意，按范围执行")));
    var answer = wangwu.engine("POST", "task/" + slot.getId() + "/submit-form", JSON.writeValueAsString(body));
    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 204);
    assertThat(runtimeService.getVariable(request.getId(), "permitId")).isNotNull();
    assertThat(runtimeService.getVariable(request.getId(), "requester")).isEqualTo("zhangsan");
  }

  @Test
  void tasklistStartsARequestThroughItsStartForm() throws Exception {
    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey("data-operation-approval")
        .latestVersion().singleResult().getId();
    Map<String, Object> answers = new java.util.HashMap<>(ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    answers.put("validFrom", OffsetDateTime.now().toString());
    answers.put("validUntil", OffsetDateTime.now().plusDays(30).toString());
    ObjectNode body = JSON.createObjectNode();
    body.set("variables", asFormJsSubmits("data-operation-request", JSON.createObjectNode(), answers));
    var answer = TasklistSession.login(port, "lisi", "demo")
        .engine("POST", "process-definition/" + definition + "/submit-form", JSON.writeValueAsString(body));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    String id = JSON.readTree(answer.body()).path("id").asText();
    assertThat(runtimeService.getVariable(id, "requester")).isEqualTo("lisi");
  }

  @Test
  void theMailViewerShowsMailByRecipientUserIdNotByTheAddressInAProfile() {
    User zhangsan = system.run(() -> identityService.createUserQuery().userId("zhangsan").singleResult());
    String own = zhangsan.getEmail();
    String wangwus = system.run(() -> identityService.createUserQuery().userId("wangwu").singleResult()).getEmail();
    String subject = "邮箱隔离测试 " + System.nanoTime();
    try {
      // even if an administrator (the only one who can) gave zhangsan wangwu's address
      zhangsan.setEmail(wangwus);
      system.run(() -> identityService.saveUser(zhangsan));
      notifier.toUsers(List.of("wangwu"), subject, "正文", null);
      engine.runDueJobs();
      assertThat(http.withBasicAuth("wangwu", "demo").getForObject("/api/mailbox", String.class)).contains(subject);
      assertThat(http.withBasicAuth("zhangsan", "demo").getForObject("/api/mailbox", String.class)).doesNotContain(subject);
    } finally {
      zhangsan.setEmail(own);
      system.run(() -> identityService.saveUser(zhangsan));
    }
  }

  @Test
  void anEmployeeCannotEditTheirOwnProfileThroughEitherApi() {
    String profile = "{\"id\":\"lisi\",\"firstName\":\"四\",\"lastName\":\"李\",\"email\":\"wangwu@example.cn\"}";
    assertThat(rest("lisi", HttpMethod.PUT, "user/lisi/profile", profile).getStatusCode().value()).isEqualTo(403);
    assertThat(TasklistSession.login(port, "lisi", "demo").engine("PUT", "user/lisi/profile", profile).statusCode()).isEqualTo(403);
    assertThat(system.run(() -> identityService.createUserQuery().userId("lisi").singleResult()).getEmail())
        .isNotEqualTo("wangwu@example.cn");
    assertThat(refusalsOf("lisi", "user/lisi/profile")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aWriteForgedFromAnotherSiteIsRefusedWithoutARefusalRecordedInTheVictimsName() {
    TasklistSession victim = TasklistSession.login(port, "lisi", "demo");
    long before = refusalsOf("lisi", "signal");
    assertThat(victim.forgedFromAnotherSite("POST", "signal", "{\"name\":\"x\"}").statusCode()).isEqualTo(403);
    assertThat(refusalsOf("lisi", "signal")).isEqualTo(before);
    // the same call with the session's token is the user's own act, and is refused and recorded
    TasklistSession own = TasklistSession.login(port, "lisi", "demo");
    assertThat(own.engine("POST", "signal", "{\"name\":\"x\"}").statusCode()).isEqualTo(403);
    assertThat(refusalsOf("lisi", "signal")).isEqualTo(before + 1);
  }

  @Test
  void aMethodOverrideHeaderCannotTurnAnAllowedCallIntoAnother() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("X-HTTP-Method-Override", "DELETE");
    ResponseEntity<String> r = http.withBasicAuth("lisi", "demo").exchange("/engine-rest/task", HttpMethod.POST,
        new HttpEntity<>("{}", headers), String.class);
    assertThat(r.getStatusCode().value()).isEqualTo(400);
    assertThat(r.getBody()).contains("method_override_refused");
  }

  @Test
  void aSlotThatWasNeverDelegatedCannotBeResolvedEvenByTheAdministrator() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    ResponseEntity<String> r = rest("admin", HttpMethod.POST, "task/" + slot.getId() + "/resolve",
        "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"x\"}}}");
    assertThat(r.getStatusCode().value()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(slot.getId()).count()).isEqualTo(1);
    assertThat(runtimeService.getVariable(request.getId(), "permitId")).isNull();
  }
}
