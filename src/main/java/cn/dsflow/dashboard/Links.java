package cn.dsflow.dashboard;

/** Where a person acts on a line of the pages: the task in Tasklist, the instance in Cockpit (same app, same origin). */
final class Links {

  private Links() {}

  static String task(String taskId) {
    return taskId == null ? null : "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  static String instance(String processInstanceId) {
    return processInstanceId == null ? null : "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId;
  }
}
