package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.junit.jupiter.api.Test;

/**
 * Only the group task list's exact shape leaves the engine's statement (issue 16): a criterion the application's
 * statement does not apply, an order it does not know, or a REVOKE to weigh would otherwise widen or reorder what a
 * user sees, so each of them must send the query back to the engine.
 */
class CandidateTaskListingTest {

  static TaskQueryImpl approvalSlotsOf(List<String> groups) {
    TaskQueryImpl q = new TaskQueryImpl();
    q.taskCandidateGroupIn(groups).taskUnassigned().taskDefinitionKey("approve").active().orderByTaskCreateTime().desc();
    checkedAs(q, "wangwu", false);
    return q;
  }

  /** The check the engine's authorization manager puts on a task query for a signed-in user. */
  static void checkedAs(TaskQueryImpl q, String user, boolean revokesExist) {
    q.getAuthCheck().setAuthorizationCheckEnabled(true);
    q.getAuthCheck().setAuthUserId(user);
    q.getAuthCheck().setAuthGroupIds(List.of("deptHead"));
    q.getAuthCheck().setRevokeAuthorizationCheckEnabled(revokesExist);
    CompositePermissionCheck checks = new CompositePermissionCheck(true);
    checks.addAtomicCheck(check(Resources.TASK, "RES.ID_", Permissions.READ));
    checks.addAtomicCheck(check(Resources.PROCESS_DEFINITION, "D.KEY_", ProcessDefinitionPermissions.READ_TASK));
    q.getAuthCheck().setPermissionChecks(checks);
  }

  static PermissionCheck check(Resources resource, String column, org.camunda.bpm.engine.authorization.Permission p) {
    PermissionCheck c = new PermissionCheck();
    c.setResource(resource);
    c.setResourceIdQueryParam(column);
    c.setPermission(p);
    return c;
  }

  @Test
  void theApprovalFilterAsTasklistRunsItIsAnsweredByTheApplication() {
    CandidateTaskListing listing = CandidateTaskListing.of(approvalSlotsOf(List.of("employee", "deptHead")), false).orElseThrow();

    assertThat(listing.getGroups()).containsExactly("employee", "deptHead");
    assertThat(listing.getTaskKey()).isEqualTo("approve");
    assertThat(listing.getSuspensionState()).isEqualTo(1);
    assertThat(listing.getOrder()).isEqualTo("CREATED_DESC");
    assertThat(listing.getAccess().getAuthUserId()).isEqualTo("wangwu");
    assertThat(listing.getAccess().getAuthGroupIds()).containsExactly("deptHead");
  }

  @Test
  void theSavedFilterExtendedByTasklistsSortingIsStillAnsweredByTheApplication() {
    TaskQueryImpl saved = new TaskQueryImpl();
    saved.taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned().taskDefinitionKey("approve");
    TaskQueryImpl tasklist = new TaskQueryImpl();
    tasklist.active().orderByTaskCreateTime().desc();
    TaskQueryImpl run = (TaskQueryImpl) saved.extend(tasklist); // leaves some list criteria as empty lists
    run.taskCandidateGroupIn(List.of("deptHead")); // what the expression gives for wangwu
    checkedAs(run, "wangwu", false);

    assertThat(CandidateTaskListing.of(run, false)).isPresent();
    run.processInstanceIdIn("someone-elses");
    assertThat(CandidateTaskListing.of(run, false)).isEmpty();
  }

  @Test
  void aRevokeAuthorizationSendsTheListBackToTheEngine() {
    TaskQueryImpl q = approvalSlotsOf(List.of("deptHead"));
    checkedAs(q, "wangwu", true);

    assertThat(CandidateTaskListing.of(q, false)).isEmpty();
  }

  @Test
  void anyCriterionTheStatementDoesNotApplySendsTheListBackToTheEngine() {
    List<Consumer<TaskQueryImpl>> extras = List.of(
        q -> q.taskNameLike("%导出%"),
        q -> q.processVariableValueEquals("dataLevel", "CORE"),
        q -> q.withCandidateUsers(),
        q -> q.includeAssignedTasks(),
        q -> q.processDefinitionKey("data-operation-approval"),
        q -> q.dueBefore(new java.util.Date()),
        q -> q.tenantIdIn("other"),
        q -> q.taskDefinitionKeyLike("appr%"),
        q -> q.or().taskAssignee("wangwu").endOr());
    for (Consumer<TaskQueryImpl> extra : extras) {
      TaskQueryImpl q = approvalSlotsOf(List.of("deptHead"));
      extra.accept(q);
      assertThat(CandidateTaskListing.of(q, false)).as("with %s", extra).isEmpty();
    }
  }

  @Test
  void anOrderOtherThanCreationTimeSendsTheListBackToTheEngine() {
    TaskQueryImpl byPriority = new TaskQueryImpl();
    byPriority.taskCandidateGroupIn(List.of("deptHead")).orderByTaskPriority().desc();
    TaskQueryImpl twoOrders = new TaskQueryImpl();
    twoOrders.taskCandidateGroupIn(List.of("deptHead")).orderByTaskCreateTime().desc().orderByTaskName().asc();
    TaskQueryImpl byIdOnly = new TaskQueryImpl();
    byIdOnly.taskCandidateGroupIn(List.of("deptHead"));

    assertThat(CandidateTaskListing.of(byPriority, false)).isEmpty();
    assertThat(CandidateTaskListing.of(twoOrders, false)).isEmpty();
    assertThat(CandidateTaskListing.of(byIdOnly, false).orElseThrow().getOrder()).isEqualTo("ID");
  }

  @Test
  void aDifferentPermissionCheckSendsTheListBackToTheEngine() {
    TaskQueryImpl q = approvalSlotsOf(List.of("deptHead"));
    CompositePermissionCheck onlyTask = new CompositePermissionCheck(true);
    onlyTask.addAtomicCheck(check(Resources.TASK, "RES.ID_", Permissions.READ));
    q.getAuthCheck().setPermissionChecks(onlyTask);

    assertThat(CandidateTaskListing.of(q, false)).isEmpty();
  }

  @Test
  void withoutCandidateGroupsTheListIsNotThisShape() {
    TaskQueryImpl q = new TaskQueryImpl();
    q.taskUnassigned().taskDefinitionKey("approve");

    assertThat(CandidateTaskListing.of(q, false)).isEmpty();
  }

  @Test
  void aListNamingMoreGroupsThanTheStatementCanBindIsAnsweredByTheEngine() {
    List<String> many = IntStream.range(0, CandidateTaskListing.MAX_GROUPS)
        .mapToObj(i -> "g" + i).toList();
    assertThat(CandidateTaskListing.of(approvalSlotsOf(many), false)).isPresent();

    List<String> tooMany = new ArrayList<>(many);
    tooMany.add("deptHead");
    assertThat(CandidateTaskListing.of(approvalSlotsOf(tooMany), false)).isEmpty();
  }
}
