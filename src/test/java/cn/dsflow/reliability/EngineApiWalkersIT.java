package cn.dsflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.TasklistSession;
import cn.dsflow.system.SystemCommands;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The two generic walks of issue 12: every deployed process × every activity, started there by an employee, is
 * refused; every user task of every process, completed with one variable its form does not declare, is refused with
 * 400 {@code undeclared_variable}. New processes, activities and tasks are covered without touching this test.
 */
@DsflowIntegrationTest
class EngineApiWalkersIT {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired SystemCommands system;
  @Autowired EngineTestSupport engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;
  @LocalServerPort int port;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  List<ProcessDefinition> deployed() {
    return system.run(() -> repositoryService.createProcessDefinitionQuery().latestVersion().list());
  }

  <T extends org.camunda.bpm.model.xml.instance.ModelElementInstance> List<T> elements(ProcessDefinition d, Class<T> type) {
    return List.copyOf(system.run(() -> repositoryService.getBpmnModelInstance(d.getId()).getModelElementsByType(type)));
  }

  ResponseEntity<String> post(String user, String password, String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, password).postForEntity(path, new HttpEntity<>(json, headers), String.class);
  }

  long instancesEver() {
    Long n = jdbc.queryForObject("SELECT count(*) FROM act_hi_procinst", Long.class);
    return n == null ? 0 : n;
  }

  @Test
  void anEmployeeCannotStartAnyProcessAtAnyActivityThroughEitherApi() {
    TasklistSession session = TasklistSession.login(port, "lisi", "demo");
    long before = instancesEver();
    List<String> through = new ArrayList<>();
    int tried = 0;
    for (ProcessDefinition d : deployed()) {
      for (FlowNode node : elements(d, FlowNode.class)) {
        String body = "{\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"" + node.getId() + "\"}],"
            + "\"variables\":{}}";
        ResponseEntity<String> rest = post("lisi", "demo", "/engine-rest/process-definition/" + d.getId() + "/start", body);
        var tasklist = session.engine("POST", "process-definition/key/" + d.getKey() + "/start", body);
        tried += 2;
        if (rest.getStatusCode().value() != 403 || !rest.getBody().contains("engine_operation_refused")
            || tasklist.statusCode() != 403 || !tasklist.body().contains("engine_operation_refused")) {
          through.add(d.getKey() + "@" + node.getId() + ": engine-rest " + rest.getStatusCode().value() + ", tasklist "
              + tasklist.statusCode() + " " + tasklist.body());
        }
      }
    }
    System.out.println("startBeforeActivity walk: " + tried + " tried, " + through.size() + " not refused");
    assertThat(tried).isGreaterThan(300);
    assertThat(through).isEmpty();
    assertThat(instancesEver()).isEqualTo(before);
  }

  /** What the expressions of a user task and of the scopes around it need to open it directly. */
  static Map<String, Object> openingVariables() {
    Date later = new Date(ClockUtil.getCurrentTime().getTime() + 10L * 24 * 3_600_000);
    Map<String, Object> v = new HashMap<>();
    for (String date : List.of("reportDueAt", "supplementDueAt", "summaryDueAt", "gradingDueAt", "filingDueAt", "feedbackDueAt",
        "dutyDueAt", "catalogueDueAt", "cacSupplementDueAt", "cacSummaryDueAt", "assessmentValidUntil", "approvalDueAt",
        "summaryReminderAt", "renewalOpensAt", "renewalCheckAt", "filingReminderAt", "dutyReminderAt", "catalogueReminderAt",
        "approvalReminderAt", "permitValidUntil", "riskReportDueAt", "downgradeReviewDueAt")) {
      v.put(date, later);
    }
    v.put("progressReportCycle", "R/PT24H");
    v.put("requester", "zhangsan");
    v.put("remediationOwner", "zhangsan");
    v.put("destructionSupervisor", "zhengshi");
    v.put("dutyOwner", "dso");
    v.put("approverGroup", "deptHead");
    v.put("approverGroups", List.of("deptHead"));
    v.put("remediationOwners", List.of("zhangsan"));
    v.put("requestId", "REQ-walker");
    v.put("incidentId", "INC-walker");
    v.put("riskId", "RISK-walker");
    v.put("downgradeReviewGroup", "dsDirect");
    return v;
  }

  @Test
  void everyUserTaskOfEveryProcessRefusesAnUndeclaredVariable() {
    List<String> through = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    int tried = 0;
    for (ProcessDefinition d : deployed()) {
      for (UserTask userTask : elements(d, UserTask.class)) {
        ProcessInstance opened;
        try {
          opened = system.run(() -> runtimeService.createProcessInstanceById(d.getId())
              .setVariables(openingVariables()).startBeforeActivity(userTask.getId()).execute(true, true));
        } catch (RuntimeException e) {
          unreachable.add(d.getKey() + "@" + userTask.getId() + ": " + e.getMessage());
          continue;
        }
        try {
          List<Task> tasks = system.run(() -> taskService.createTaskQuery().processInstanceId(opened.getId())
              .taskDefinitionKey(userTask.getId()).list());
          if (tasks.isEmpty()) {
            unreachable.add(d.getKey() + "@" + userTask.getId() + ": no task opened");
            continue;
          }
          String task = tasks.get(0).getId();
          for (String action : List.of("complete", "submit-form")) {
            ResponseEntity<String> r = post("admin", "demo-admin", "/engine-rest/task/" + task + "/" + action,
                "{\"variables\":{\"walkerUndeclared\":{\"value\":\"x\"}}}");
            tried++;
            if (r.getStatusCode().value() != 400 || !r.getBody().contains("undeclared_variable")
                || !r.getBody().contains("walkerUndeclared")) {
              through.add(d.getKey() + "@" + userTask.getId() + " " + action + ": " + r.getStatusCode().value() + " " + r.getBody());
            }
          }
          assertThat(system.run(() -> taskService.createTaskQuery().taskId(task).count())).isEqualTo(1);
        } finally {
          system.run(() -> runtimeService.deleteProcessInstance(opened.getId(), "walker", true, true, true));
        }
      }
    }
    System.out.println("undeclared-variable walk: " + tried + " completions tried, " + through.size() + " not refused, "
        + unreachable.size() + " tasks not reachable " + unreachable);
    assertThat(unreachable).isEmpty();
    assertThat(tried).isGreaterThan(100);
    assertThat(through).isEmpty();
  }
}
