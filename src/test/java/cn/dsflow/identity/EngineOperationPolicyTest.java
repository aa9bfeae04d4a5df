package cn.dsflow.identity;

import static cn.dsflow.identity.EngineOperationPolicy.classify;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.identity.EngineOperationPolicy.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which engine REST calls an ordinary user may make at all (issue 12 C, issue 20, issue 13), without the engine. */
class EngineOperationPolicyTest {

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource({
      // what Tasklist and Cockpit do for an ordinary user
      "GET, task/42/form-variables, READ",
      "GET, process-definition/key/data-operation-approval/startForm, READ",
      "POST, filter/f1/list, READ",
      "POST, filter/f1/count, READ",
      "POST, task, READ",
      "POST, task/count, READ",
      "POST, history/process-instance, READ",
      "POST, history/task/count, READ",
      "POST, process-definition/key/data-operation-approval/submit-form, START",
      "POST, process-definition/key/data-operation-approval/tenant-id/t1/start, START",
      "POST, process-definition/abc:1:2/start, START",
      "POST, task/42/submit-form, COMPLETE",
      "POST, task/42/complete, COMPLETE",
      "POST, task/42/resolve, RESOLVE",
      "POST, task/42/claim, CLAIM",
      "POST, task/42/unclaim, UNCLAIM",
      "POST, task/42/comment/create, TASK_NOTE",
      "POST, task/42/attachment/create, TASK_NOTE",
      "PUT, user/lisi/credentials, OWN_PASSWORD",
      // generic engine operations (issue 12 C)
      "POST, process-instance/p1/modification, ENGINE_OPERATION",
      "POST, process-instance/p1/modification-async, ENGINE_OPERATION",
      "POST, modification/execute, ENGINE_OPERATION",
      "POST, migration/execute, ENGINE_OPERATION",
      "POST, process-definition/d1/restart, ENGINE_OPERATION",
      "POST, message, ENGINE_OPERATION",
      "POST, signal, ENGINE_OPERATION",
      "POST, condition, ENGINE_OPERATION",
      "POST, execution/e1/messageSubscriptions/m/trigger, ENGINE_OPERATION",
      "POST, task/42/identity-links, ENGINE_OPERATION",
      "POST, task/42/identity-links/delete, ENGINE_OPERATION",
      "POST, task/42/assignee, ENGINE_OPERATION",
      "POST, task/42/delegate, ENGINE_OPERATION",
      "POST, task/42/bpmnError, ENGINE_OPERATION",
      "PUT, task/42, ENGINE_OPERATION",
      "POST, task/create, ENGINE_OPERATION",
      "PUT, process-instance/p1/variables/rejected, ENGINE_OPERATION",
      "POST, process-instance/p1/variables, ENGINE_OPERATION",
      "POST, process-instance/variables-async, ENGINE_OPERATION",
      "PUT, execution/e1/localVariables/x, ENGINE_OPERATION",
      "PUT, task/42/variables/decision, ENGINE_OPERATION",
      "POST, task/42/localVariables, ENGINE_OPERATION",
      "PUT, user/lisi/profile, ENGINE_OPERATION",
      "DELETE, user/lisi, ENGINE_OPERATION",
      "POST, identity/verify, ENGINE_OPERATION",
      "DELETE, process-instance/p1, ENGINE_OPERATION",
      "POST, process-instance/delete, ENGINE_OPERATION",
      "POST, history/cleanup, ENGINE_OPERATION",
      "POST, history/process-instance/delete, ENGINE_OPERATION",
      "POST, decision-definition/key/cross-border-route/evaluate, ENGINE_OPERATION",
      // the engine's clocks (issue 20)
      "POST, job/j1/execute, CLOCKWORK",
      "PUT, job/j1/retries, CLOCKWORK",
      "POST, job/retries, CLOCKWORK",
      "PUT, job/j1/suspended, CLOCKWORK",
      "DELETE, job/j1, CLOCKWORK",
      "PUT, job/j1/duedate, CLOCKWORK",
      "PUT, job-definition/jd1/retries, CLOCKWORK",
      "POST, external-task/fetchAndLock, CLOCKWORK",
      "PUT, process-instance/p1/suspended, CLOCKWORK",
      "PUT, process-definition/key/risk-report/suspended, CLOCKWORK",
      // statistics and metrics (issue 13)
      "GET, process-definition/statistics, STATISTICS",
      "GET, process-definition/d1/statistics, STATISTICS",
      "GET, process-definition/key/incident-response/statistics, STATISTICS",
      "GET, history/process-definition/d1/statistics, STATISTICS",
      "GET, metrics, STATISTICS",
      "GET, metrics/activity-instance-start/sum, STATISTICS",
      "GET, history/process-instance/report, STATISTICS",
      "GET, history/task/report, STATISTICS",
      "GET, history/process-definition/cleanable-process-instance-report, STATISTICS",
      "GET, task/report/candidate-group-count, STATISTICS",
      "GET, telemetry/data, STATISTICS"})
  void everyEngineCallFallsIntoExactlyOneKind(String method, String path, Kind expected) {
    assertThat(classify(method, path).kind()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} is about {2}")
  @CsvSource({
      "POST, task/t-9/complete, t-9",
      "POST, process-definition/key/risk-report/start, key/risk-report",
      "POST, process-definition/key/risk-report/tenant-id/a/submit-form, key/risk-report/tenant-id/a",
      "PUT, user/zhangsan/credentials, zhangsan"})
  void theSubjectIsTheTaskOrDefinitionAddressed(String method, String path, String subject) {
    assertThat(classify(method, path).subject()).isEqualTo(subject);
  }
}
