package cn.dsflow.incident;

import cn.dsflow.EngineTestSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Reports incidents and works their tasks the way Tasklist users do, through the Java API as the named user. */
@Component
public class IncidentFixture {

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final EngineTestSupport engine;

  public IncidentFixture(RuntimeService runtimeService, TaskService taskService, EngineTestSupport engine) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.engine = engine;
  }

  /** A telecom incident that meets no threshold: level IV on both scales, general data. */
  public static Map<String, Object> facts(String discoveredAt) {
    Map<String, Object> v = new HashMap<>();
    v.put("reportKind", "INCIDENT");
    v.put("source", "INTERNAL");
    v.put("title", "用户中心接口异常访问");
    v.put("discoveredAt", discoveredAt);
    v.put("systemName", "用户中心");
    v.put("location", "北京 亦庄机房");
    v.put("domain", "TELECOM");
    v.put("incidentType", "ILLEGAL_ACQUISITION");
    v.put("description", "接口被批量调用，部分用户资料被非法获取");
    v.put("dataCategories", "用户基本资料");
    v.put("dataLevel", "GENERAL");
    v.put("threatSeverity", "SOME");
    v.put("productionImpact", "NONE");
    v.put("personsAffected", 5000);
    v.put("sensitivePersonsAffected", 0);
    v.put("directLossYuan", 0);
    v.put("outageHours", 0);
    v.put("ciiInvolved", false);
    v.put("ongoing", true);
    v.put("crimeSuspected", false);
    v.put("reporterContact", "010-12345678");
    return v;
  }

  public ProcessInstance report(String reporter, Map<String, Object> facts) {
    return engine.start(reporter, "incident-response", facts);
  }

  /** The running emergency response of the incident (the called incident-emergency-response instance). */
  public String response(ProcessInstance incident) {
    ProcessInstance response = runtimeService.createProcessInstanceQuery().superProcessInstanceId(incident.getId())
        .processDefinitionKey(IncidentInstances.EMERGENCY_PROCESS).singleResult();
    if (response == null) {
      throw new AssertionError("incident " + incident.getId() + " has no running emergency response");
    }
    return response.getId();
  }

  /**
   * A variable of the incident as it stands now: during the emergency response the response holds it (and hands it
   * back when it ends), before and after it the incident does.
   */
  public Object variable(ProcessInstance incident, String name) {
    ProcessInstance response = runtimeService.createProcessInstanceQuery().superProcessInstanceId(incident.getId())
        .processDefinitionKey(IncidentInstances.EMERGENCY_PROCESS).singleResult();
    return runtimeService.getVariable(response == null ? incident.getId() : response.getId(), name);
  }

  /** Open tasks of the incident and of every instance below it (its response, the reports and playbooks). */
  public List<Task> open(ProcessInstance incident, String taskKey) {
    return engine.tasksBelow(incident.getId(), taskKey);
  }

  public Task only(ProcessInstance incident, String taskKey) {
    return engine.only(incident.getId(), taskKey);
  }

  public void complete(String user, Task task, Map<String, Object> variables) {
    engine.complete(user, task, variables);
  }

  /** The lead accepts the tables' levels. */
  public void confirmAsProposed(ProcessInstance incident, boolean substantiveHarm) {
    Task t = only(incident, "confirmLevel");
    Map<String, Object> v = new HashMap<>();
    v.put("confirmedMiitLevel", taskService.getVariable(t.getId(), "proposedMiitLevel"));
    v.put("confirmedCacLevel", taskService.getVariable(t.getId(), "proposedCacLevel"));
    v.put("gradingReason", "按分级表结果确认，已复核");
    v.put("substantiveHarm", substantiveHarm);
    complete("chenyi", t, v);
  }

  public void firstResponse(ProcessInstance incident) {
    complete("chenyi", only(incident, "firstResponse"), Map.of(
        "containmentMeasures", "封禁异常账号和来源地址，关闭接口",
        "recoveryOrTraceback", "从访问日志追溯调用来源",
        "sceneProtection", "已对服务器做快照，日志只读备份",
        "evidenceItems", List.of(Map.of(
            "evName", "api-access.log", "evSource", "gw-01:/var/log/api/access.log",
            "evSm3", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
            "evCollectedBy", "陈一",
            "evCollectedAt", ClockUtil.getCurrentTime().toInstant().toString()))));
  }

  public void endResponse(ProcessInstance incident, String endedAt) {
    complete("chenyi", only(incident, "declareResponseEnded"),
        Map.of("responseEndedAt", endedAt, "responseEndSummary", "异常访问已阻断，影响已消除"));
  }
}
