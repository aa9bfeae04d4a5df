package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 待我审批 and 待我处理 are answered by the application's statement (issue 16, {@link CandidateTaskLists}); who sees
 * which task must stay exactly what the engine's own statement says. Tasks here mix candidate groups (one, two of the
 * user's, none of them), candidate users, claimed and suspended tasks, other definition keys, per-task grants removed,
 * process-definition and {@code '*'} grants, a user grant on one task, a global grant on another, and a REVOKE; for
 * each user the count and every page (newest first, oldest first, by id) must equal the engine's.
 *
 * <p>The test processes are deployed for this test only and removed with everything they made afterwards, since
 * other tests walk every deployed process.
 */
@DsflowIntegrationTest
class CandidateTaskListsIT {

  @Autowired ProcessEngineConfigurationImpl engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;

  @Autowired OwnEngineData own;

  final String s = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  final String gA = "eqa" + s;
  final String gB = "eqb" + s;
  final String gC = "eqc" + s;
  final String gD = "eqd" + s;
  final String gE = "eqe" + s;
  final String keyA = "eqprocessa" + s;
  final String keyB = "eqprocessb" + s;
  final String keyC = "eqprocessc" + s;
  long clock = Date.from(java.time.Instant.parse("2026-11-23T02:00:00Z")).getTime();

  @BeforeEach
  void deploy() {
    identityService.clearAuthentication();
    // one task per instance, so no two tasks share a creation time and "newest first" has one answer
    for (String key : List.of(keyA, keyB, keyC)) {
      BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
          .startEvent().userTask(key.equals(keyC) ? "inspect" : "approve").camundaCandidateGroups("${candidates}")
          .endEvent().done();
      own.deploy(key, model);
    }
  }

  @AfterEach
  void removeEverythingThisTestMade() {
    own.removeAll();
  }

  @Test
  void everyUserSeesExactlyTheTasksTheEnginesOwnQueryShows() {
    int fewLinks = CandidateTaskListing.fewLinks;
    try {
      // both plans: from all open tasks newest first (no group counts as few), and from the groups' links
      for (int bound : new int[] {0, Integer.MAX_VALUE}) {
        CandidateTaskListing.fewLinks = bound;
        compareWithTheEngine();
        removeEverythingThisTestMade();
        deploy();
      }
    } finally {
      CandidateTaskListing.fewLinks = fewLinks;
    }
  }

  void compareWithTheEngine() {
    Task one = approvalSlot(keyA, gA);
    approvalSlot(keyA, gA + "," + gB); // two of the user's groups: listed once
    Task claimed = approvalSlot(keyA, gB);
    taskService.setAssignee(claimed.getId(), "someoneelse");
    Task suspended = approvalSlot(keyA, gA);
    runtimeService.suspendProcessInstanceById(suspended.getProcessInstanceId());
    Task byDefinition = approvalSlot(keyB, gC);
    removeGroupGrants(byDefinition, gC);
    Task notByDefinition = approvalSlot(keyA, gC);
    removeGroupGrants(notByDefinition, gC);
    Task byEveryDefinition = approvalSlot(keyA, gD);
    removeGroupGrants(byEveryDefinition, gD);
    Task byUserGrant = approvalSlot(keyA, gA);
    removeGroupGrants(byUserGrant, gA);
    Task revokedForU4 = approvalSlot(keyA, gE);
    Task byGlobalGrant = approvalSlot(keyA, gA);
    removeGroupGrants(byGlobalGrant, gA);
    Task candidateUserOnly = approvalSlot(keyA, "nobody" + s);
    taskService.addCandidateUser(candidateUserOnly.getId(), "u1" + s);
    for (int i = 0; i < 24; i++) { // enough to page through
      approvalSlot(List.of(keyA, keyB, keyC).get(i % 3), List.of(gA, gB, gC).get(i % 4 % 3) + (i % 5 == 0 ? "," + gA : ""));
    }

    own.grant(Authorization.AUTH_TYPE_GRANT, null, gC, Resources.PROCESS_DEFINITION, keyB, ProcessDefinitionPermissions.READ_TASK);
    own.grant(Authorization.AUTH_TYPE_GRANT, "u3" + s, null, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ_TASK);
    own.grant(Authorization.AUTH_TYPE_GRANT, "u5" + s, null, Resources.TASK, byUserGrant.getId(), Permissions.READ);
    own.grant(Authorization.AUTH_TYPE_GLOBAL, null, null, Resources.TASK, byGlobalGrant.getId(), Permissions.READ);
    own.grant(Authorization.AUTH_TYPE_REVOKE, "u4" + s, null, Resources.TASK, revokedForU4.getId(), Permissions.READ);

    Map<String, List<String>> users = Map.of(
        "u1" + s, List.of(gA, gB),
        "u2" + s, List.of(gC),
        "u3" + s, List.of(gD, gC),
        "u4" + s, List.of(gE),
        "u5" + s, List.of(gA));
    users.forEach((user, groups) -> {
      boolean revoked = user.equals("u4" + s);
      List<Function<TaskQuery, TaskQuery>> asked = new ArrayList<>(shapes(groups));
      asked.add(filter(List.of(gA, gB, gC, gD, gE))); // other people's groups: the grants still decide
      for (Function<TaskQuery, TaskQuery> shape : asked) {
        assertThat(answeredHere(user, groups, shape)).as("answered by the application's statement for %s", user)
            .isEqualTo(!revoked);
        assertThat(listed(user, groups, shape)).as("what %s is shown", user).isEqualTo(enginesOwn(user, groups, shape));
      }
    });

    // the cases are real: each user sees something, and the removed grants hide what they should
    assertThat(listed("u1" + s, users.get("u1" + s), filter(users.get("u1" + s))).ids()).contains(one.getId(), byGlobalGrant.getId())
        .doesNotContain(claimed.getId(), suspended.getId(), byUserGrant.getId(), candidateUserOnly.getId());
    assertThat(listed("u2" + s, users.get("u2" + s), filter(users.get("u2" + s))).ids()).contains(byDefinition.getId())
        .doesNotContain(notByDefinition.getId());
    assertThat(listed("u3" + s, users.get("u3" + s), filter(users.get("u3" + s))).ids())
        .contains(byEveryDefinition.getId(), byDefinition.getId(), notByDefinition.getId());
    assertThat(listed("u4" + s, users.get("u4" + s), filter(users.get("u4" + s))).count()).isZero();
    assertThat(listed("u5" + s, users.get("u5" + s), filter(users.get("u5" + s))).ids()).contains(byUserGrant.getId(), one.getId());
    // without a signed-in user (the engine's own callers) no authorization applies, on both statements
    for (Function<TaskQuery, TaskQuery> shape : shapes(List.of(gA, gB, gC, gD, gE))) {
      assertThat(answeredHere(null, null, shape)).isTrue();
      assertThat(listed(null, null, shape)).isEqualTo(enginesOwn(null, null, shape));
    }
  }

  /** 待我审批 as Tasklist asks it (the user's groups, unassigned, approval slots, active, newest first). */
  static Function<TaskQuery, TaskQuery> filter(List<String> groups) {
    return q -> q.taskCandidateGroupIn(groups).taskUnassigned().taskDefinitionKey("approve").active()
        .orderByTaskCreateTime().desc();
  }

  /** 待我审批 and its neighbours: oldest first, the engine's default order, 待我处理's several keys. */
  static List<Function<TaskQuery, TaskQuery>> shapes(List<String> groups) {
    return List.of(
        filter(groups),
        q -> q.taskCandidateGroupIn(groups).taskUnassigned().taskDefinitionKey("approve").orderByTaskCreateTime().asc(),
        q -> q.taskCandidateGroupIn(groups).taskDefinitionKey("approve"),
        q -> q.taskCandidateGroupIn(groups).taskUnassigned().taskDefinitionKeyIn("approve", "inspect")
            .orderByTaskCreateTime().desc());
  }

  record Answer(long count, List<String> first50, List<String> page2, List<String> ids) {}

  /** Through the engine's API, as Tasklist's filter runs: the engine's task manager picks the statement. */
  Answer listed(String user, List<String> groups, Function<TaskQuery, TaskQuery> shape) {
    own.signIn(user, groups);
    try {
      Function<Void, TaskQuery> q = nothing -> shape.apply(taskService.createTaskQuery()); // a page stays on a query
      return new Answer(q.apply(null).count(), ids(q.apply(null).listPage(0, 50)), ids(q.apply(null).listPage(3, 4)),
          ids(q.apply(null).list()));
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** The engine's own statements on the same query, configured by the engine's own authorization manager. */
  @SuppressWarnings("unchecked")
  Answer enginesOwn(String user, List<String> groups, Function<TaskQuery, TaskQuery> shape) {
    own.signIn(user, groups);
    try {
      return engine.getCommandExecutorTxRequired().execute(context -> {
        TaskQueryImpl q = configured(context, shape);
        long count = (Long) context.getDbEntityManager().selectOne("selectTaskCountByQueryCriteria", q);
        List<String> all = ids(context.getDbEntityManager().selectList("selectTaskByQueryCriteria", q));
        return new Answer(count, all.subList(0, Math.min(50, all.size())),
            all.subList(Math.min(3, all.size()), Math.min(7, all.size())), all);
      });
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Whether the engine's task manager gives this query to the application's statement. */
  boolean answeredHere(String user, List<String> groups, Function<TaskQuery, TaskQuery> shape) {
    own.signIn(user, groups);
    try {
      return engine.getCommandExecutorTxRequired().execute(context -> {
        TaskQueryImpl q = configured(context, shape);
        return CandidateTaskListing.of(q, q.isQueryForProcessTasksOnly()).isPresent();
      });
    } finally {
      identityService.clearAuthentication();
    }
  }

  TaskQueryImpl configured(org.camunda.bpm.engine.impl.interceptor.CommandContext context, Function<TaskQuery, TaskQuery> shape) {
    TaskQueryImpl q = (TaskQueryImpl) shape.apply(new TaskQueryImpl());
    context.getAuthorizationManager().configureTaskQuery(q);
    context.getTenantManager().configureQuery(q);
    q.getAuthCheck().setUseLeftJoin(engine.isCmmnEnabled());
    return q;
  }

  /** A new instance one second after the last: creation times differ, so "newest first" has one answer. */
  Task approvalSlot(String key, String candidates) {
    clock += 1000;
    ClockUtil.setCurrentTime(new Date(clock));
    String instance = runtimeService.startProcessInstanceByKey(key, Map.of("candidates", candidates)).getId();
    return taskService.createTaskQuery().processInstanceId(instance).singleResult();
  }

  /** What the engine granted the group for this one task when it became a candidate. */
  void removeGroupGrants(Task task, String group) {
    authorizationService.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task.getId()).groupIdIn(group)
        .list().forEach(a -> authorizationService.deleteAuthorization(a.getId()));
  }

  static List<String> ids(List<? extends Task> tasks) {
    return tasks.stream().map(Task::getId).toList();
  }
}
