package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceManager;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The variables Tasklist shows beside a list are answered by the application's statement (issue 16,
 * {@link TaskListVariables}); which variable a user is shown must stay exactly what the engine's own statement says.
 * Requests here are visible through a per-task grant (candidate group), a process-definition grant, a grant on one
 * process instance, a {@code '*'} grant, a global grant, or not at all; one user has a REVOKE (the engine's statement
 * then runs). Variables sit on the process instance, on the task (local) and on a concurrent path.
 */
@DsflowIntegrationTest
class TaskListVariablesIT {

  @Autowired ProcessEngineConfigurationImpl engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;

  @Autowired OwnEngineData own;

  final String s = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  final String keyA = "varsa" + s;
  final String keyB = "varsb" + s;
  static final String[] SHOWN = {"requestSummary", "dataLevel", "approvalDueAt"};

  @BeforeEach
  void deploy() {
    identityService.clearAuthentication();
    for (String key : List.of(keyA, keyB)) {
      // two parallel paths: a task on each, so some variables live on a concurrent execution
      own.deploy(key, Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent().parallelGateway("fork")
          .userTask("approve").camundaCandidateGroups("${candidates}").endEvent()
          .moveToNode("fork").userTask("inspect").camundaCandidateGroups("${candidates}").endEvent().done());
    }
  }

  @AfterEach
  void removeEverythingThisTestMade() {
    own.removeAll();
  }

  @Test
  void everyUserIsShownExactlyTheVariablesTheEnginesOwnQueryShows() {
    String gA = "vga" + s;
    String gB = "vgb" + s;
    List<Task> tasks = new ArrayList<>();
    Task byGroup = request(keyA, gA, tasks);
    Task byDefinition = request(keyB, "nobody" + s, tasks);
    Task byInstance = request(keyA, "nobody" + s, tasks);
    Task byGlobal = request(keyA, "nobody" + s, tasks);
    Task hidden = request(keyA, "nobody" + s, tasks);
    Task revoked = request(keyA, gB, tasks);
    taskService.setVariableLocal(byGroup.getId(), "requestSummary", "任务上的摘要"); // a task-local variable
    runtimeService.setVariableLocal(byGroup.getExecutionId(), "dataLevel", "IMPORTANT"); // on the concurrent path

    own.grant(Authorization.AUTH_TYPE_GRANT, "u2" + s, null, Resources.PROCESS_DEFINITION, keyB, ProcessDefinitionPermissions.READ_INSTANCE);
    own.grant(Authorization.AUTH_TYPE_GRANT, "u3" + s, null, Resources.PROCESS_INSTANCE, byInstance.getProcessInstanceId(), Permissions.READ);
    own.grant(Authorization.AUTH_TYPE_GRANT, "u4" + s, null, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
    own.grant(Authorization.AUTH_TYPE_GLOBAL, null, null, Resources.PROCESS_INSTANCE, byGlobal.getProcessInstanceId(), Permissions.READ);
    own.grant(Authorization.AUTH_TYPE_REVOKE, "u5" + s, null, Resources.TASK, revoked.getId(), Permissions.READ);

    Map<String, List<String>> users = Map.of("u1" + s, List.of(gA), "u2" + s, List.of(), "u3" + s, List.of(),
        "u4" + s, List.of(), "u5" + s, List.of(gB), "u6" + s, List.of("other" + s));
    for (Map.Entry<String, List<String>> user : users.entrySet()) {
      boolean revokeInPlay = user.getKey().equals("u5" + s);
      assertThat(answeredHere(user.getKey(), user.getValue(), tasks)).as("answered here for %s", user.getKey())
          .isEqualTo(!revokeInPlay);
      assertThat(shown(user.getKey(), user.getValue(), tasks)).as("what %s is shown", user.getKey())
          .isEqualTo(enginesOwn(user.getKey(), user.getValue(), tasks));
    }
    // without a signed-in user no authorization applies, on both statements
    assertThat(answeredHere(null, null, tasks)).isTrue();
    assertThat(shown(null, null, tasks)).isEqualTo(enginesOwn(null, null, tasks));

    // the cases are real: each grant shows what it should and nothing more (the global grant shows one to everyone)
    String global = byGlobal.getProcessInstanceId();
    assertThat(instances(shown("u1" + s, List.of(gA), tasks))).containsExactlyInAnyOrder(byGroup.getProcessInstanceId(), global);
    assertThat(shown("u1" + s, List.of(gA), tasks)).anyMatch(row -> row.contains("任务上的摘要"));
    assertThat(instances(shown("u2" + s, List.of(), tasks))).containsExactlyInAnyOrder(byDefinition.getProcessInstanceId(), global);
    assertThat(instances(shown("u3" + s, List.of(), tasks))).containsExactlyInAnyOrder(byInstance.getProcessInstanceId(), global);
    assertThat(instances(shown("u4" + s, List.of(), tasks))).hasSize(6);
    assertThat(shown("u4" + s, List.of(), tasks)).anyMatch(row -> row.contains("IMPORTANT"));
    assertThat(instances(shown("u6" + s, List.of("other" + s), tasks))).containsExactly(global)
        .doesNotContain(hidden.getProcessInstanceId());
  }

  /** Three variables and a candidate group per request; the page's task is its `approve` slot. */
  Task request(String key, String candidates, List<Task> page) {
    String instance = runtimeService.startProcessInstanceByKey(key, Map.of("candidates", candidates,
        "requestSummary", "申请 " + page.size(), "dataLevel", "GENERAL", "approvalDueAt", new java.util.Date(),
        "notShown", "x")).getId();
    Task task = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey("approve").singleResult();
    page.add(task);
    return task;
  }

  /** As the REST filter list asks for a page's variables: the tasks', their executions' and instances' scopes. */
  static VariableInstanceQueryImpl asTasklistAsks(VariableInstanceQueryImpl query, List<Task> page) {
    Set<String> scopes = new LinkedHashSet<>();
    page.forEach(t -> {
      scopes.add(t.getId());
      scopes.add(t.getExecutionId());
      scopes.add(t.getProcessInstanceId());
    });
    query.disableBinaryFetching().disableCustomObjectDeserialization().variableNameIn(SHOWN)
        .variableScopeIdIn(scopes.toArray(String[]::new));
    return query;
  }

  List<String> shown(String user, List<String> groups, List<Task> page) {
    own.signIn(user, groups);
    try {
      return rows(asTasklistAsks((VariableInstanceQueryImpl) runtimeService.createVariableInstanceQuery(), page).unlimitedList());
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** The engine's own variable manager (its statement) on the same query. */
  List<String> enginesOwn(String user, List<String> groups, List<Task> page) {
    own.signIn(user, groups);
    try {
      return engine.getCommandExecutorTxRequired().execute(context ->
          rows(new VariableInstanceManager().findVariableInstanceByQueryCriteria(
              asTasklistAsks(new VariableInstanceQueryImpl(), page), null)));
    } finally {
      identityService.clearAuthentication();
    }
  }

  boolean answeredHere(String user, List<String> groups, List<Task> page) {
    own.signIn(user, groups);
    try {
      return engine.getCommandExecutorTxRequired().execute(context -> {
        VariableInstanceQueryImpl q = asTasklistAsks(new VariableInstanceQueryImpl(), page);
        new ConfiguringManager().configure(q);
        return TaskListVariableListing.of(q).isPresent();
      });
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** The engine's configuration of a variable query (authorization and tenant checks), as its manager applies it. */
  static final class ConfiguringManager extends VariableInstanceManager {
    void configure(VariableInstanceQueryImpl query) {
      configureQuery(query);
    }
  }

  /** Each variable as the list shows it: id, name, value, scope, activity instance; in the engine's order. */
  static List<String> rows(List<VariableInstance> variables) {
    return variables.stream().map(v -> String.join("|", v.getId(), v.getName(), String.valueOf(v.getValue()),
        v.getProcessInstanceId(), String.valueOf(v.getExecutionId()), String.valueOf(v.getTaskId()),
        String.valueOf(v.getActivityInstanceId()))).toList();
  }

  static List<String> instances(List<String> rows) {
    return rows.stream().map(r -> r.split("\\|")[3]).distinct().sorted().toList();
  }
}
