package cn.dsflow;

import cn.dsflow.notify.OutboxWorker;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Drives the engine the way the job executor would, with the engine clock under the test's control. */
@Component
public class EngineTestSupport {

  private final ManagementService managementService;
  private final IdentityService identityService;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final OutboxWorker outbox;

  public EngineTestSupport(ManagementService managementService, IdentityService identityService,
      RuntimeService runtimeService, TaskService taskService, OutboxWorker outbox) {
    this.outbox = outbox;
    this.managementService = managementService;
    this.identityService = identityService;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
  }

  /** An instant written as people read it in tests: {@code at("2026-11-23T10:00:00+08:00")}. */
  public static Date at(String isoWithOffset) {
    return Date.from(OffsetDateTime.parse(isoWithOffset).toInstant());
  }

  /** A copy of a set of variables with some changed: {@code with(request, "dataLevel", "CORE")}. */
  public static Map<String, Object> with(Map<String, Object> base, Object... keyValues) {
    Map<String, Object> v = new HashMap<>(base);
    for (int i = 0; i < keyValues.length; i += 2) {
      v.put((String) keyValues[i], keyValues[i + 1]);
    }
    return v;
  }

  /** The open tasks with this key of an instance and of every instance below it, oldest first. */
  public List<Task> tasksBelow(String processInstanceId, String taskKey) {
    // every level down: an incident's reports run two calls below it (incident-response → emergency response → report)
    List<String> ids = new ArrayList<>(List.of(processInstanceId));
    for (int i = 0; i < ids.size(); i++) {
      runtimeService.createProcessInstanceQuery().superProcessInstanceId(ids.get(i)).list().forEach(p -> ids.add(p.getId()));
    }
    return taskService.createTaskQuery().processInstanceIdIn(ids.toArray(String[]::new)).taskDefinitionKey(taskKey)
        .orderByTaskCreateTime().asc().list();
  }

  /** The one open task with this key below the instance; fails the test when there is none or several. */
  public Task only(String processInstanceId, String taskKey) {
    List<Task> tasks = tasksBelow(processInstanceId, taskKey);
    if (tasks.size() != 1) {
      throw new AssertionError("expected one open " + taskKey + ", found " + tasks.size());
    }
    return tasks.get(0);
  }

  /** Starts the process as this user, as Tasklist's start form does: the intake sees who submitted. */
  public ProcessInstance start(String user, String processKey, Map<String, Object> variables) {
    actAs(user);
    try {
      return runtimeService.startProcessInstanceByKey(processKey, variables);
    } finally {
      actAsNobody();
    }
  }

  /** Completes the task as the user, claiming it first when nobody holds it, as Tasklist does. */
  public void complete(String user, Task task, Map<String, Object> variables) {
    actAs(user);
    try {
      if (task.getAssignee() == null) {
        taskService.claim(task.getId(), user);
      }
      taskService.complete(task.getId(), variables);
    } finally {
      actAsNobody();
    }
  }

  /**
   * Executes every job that is due at the engine's current time, repeatedly, until none is left (max 200 rounds), then
   * delivers the notifications they queued, as the job executor and the outbox worker would.
   */
  public int runDueJobs() {
    int executed = 0;
    for (int round = 0; round < 200; round++) {
      List<Job> due = managementService.createJobQuery().executable().list();
      if (due.isEmpty()) {
        outbox.drainNow();
        return executed;
      }
      for (Job job : due) {
        managementService.executeJob(job.getId());
        executed++;
      }
    }
    throw new IllegalStateException("jobs keep coming: a loop in a process?");
  }

  public void setClock(Date now) {
    ClockUtil.setCurrentTime(now);
  }

  public void resetClock() {
    ClockUtil.reset();
  }

  /**
   * An employee of the test's own, created once per shared engine: a page that shows a person's latest 200 requests would
   * not show this test's request among the many zhangsan makes across the suite.
   */
  public String employee(String id, String name) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setFirstName(name);
      user.setLastName("");
      user.setPassword("demo");
      identityService.saveUser(user);
      identityService.createMembership(id, "employee");
    }
    return id;
  }

  /** Acts as this user, with the groups the identity service knows for them (as the REST filters do). */
  public void actAs(String userId) {
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
    identityService.setAuthentication(userId, groups);
  }

  public void actAsNobody() {
    identityService.clearAuthentication();
  }
}
