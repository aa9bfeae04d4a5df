package cn.dsflow.approval;

import cn.dsflow.EngineTestSupport;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Starts requests and decides slots the way Tasklist users do, through the Java API as the named user. */
@Component
public class ApprovalFixture {

  /** Monday 23 November 2026, 10:00 in Beijing: a plain working week. */
  public static final Date MONDAY_MORNING = Date.from(OffsetDateTime.parse("2026-11-23T10:00:00+08:00").toInstant());

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final EngineTestSupport engine;

  public ApprovalFixture(RuntimeService runtimeService, TaskService taskService, EngineTestSupport engine) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.engine = engine;
  }

  public static Map<String, Object> request(String operationType, String dataLevel) {
    Map<String, Object> v = new HashMap<>();
    v.put("operationType", operationType);
    v.put("dataLevel", dataLevel);
    v.put("dataCategory", "生产数据域-工艺参数");
    v.put("dataDescription", "MES 系统导出的 2026 年工艺参数");
    v.put("recordCount", 5000L);
    v.put("volumeGb", 1.5);
    v.put("processingSubject", "本公司（提供方）；某某科技有限公司（接收方）");
    v.put("processingMethod", "加密专线传输，字段脱敏");
    v.put("purpose", "联合工艺优化");
    v.put("scope", "2026 年 1–10 月 3 号产线");
    v.put("validFrom", "2026-11-23");
    v.put("validUntil", "2026-12-31");
    v.put("recipientName", "某某科技有限公司");
    v.put("recipientForeign", false);
    return v;
  }

  public ProcessInstance start(String requester, Map<String, Object> variables) {
    return engine.start(requester, "data-operation-approval", variables);
  }

  /** The open tasks of the request and of its called approval. */
  public List<Task> openTasks(ProcessInstance request, String taskKey) {
    return tasksBelow(request.getId(), taskKey);
  }

  private List<Task> tasksBelow(String processInstanceId, String taskKey) {
    return engine.tasksBelow(processInstanceId, taskKey);
  }

  public Task slot(ProcessInstance request, String group) {
    return tasksBelow(request.getId(), "approve").stream()
        .filter(t -> group.equals(taskService.getVariable(t.getId(), "approverGroup")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no open slot for " + group));
  }

  public void decide(String user, Task task, String decision, String comment) {
    engine.actAs(user);
    try {
      taskService.claim(task.getId(), user);
      taskService.complete(task.getId(), Map.of("decision", decision, "comment", comment));
    } finally {
      engine.actAsNobody();
    }
  }

  /** The three slots the approval policy opens for important data (BULK_EXPORT, IMPORTANT), each approved by its demo user. */
  public void approveImportantBulkExport(ProcessInstance request) {
    decide("wangwu", slot(request, "deptHead"), "APPROVE", "同意");
    decide("zhaoliu", slot(request, "dso"), "APPROVE", "同意");
    decide("sunqi", slot(request, "dsDirect"), "APPROVE", "同意");
  }

  public void passCheck(String user, Task task) {
    engine.actAs(user);
    try {
      String key = task.getTaskDefinitionKey();
      taskService.claim(task.getId(), user);
      taskService.complete(task.getId(), Map.of(key + "_passed", "true", key + "_findings", "已核对，符合要求"));
    } finally {
      engine.actAsNobody();
    }
  }
}
