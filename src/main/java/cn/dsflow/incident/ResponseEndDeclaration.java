package cn.dsflow.incident;

import cn.dsflow.calendar.ProvisionalDeadlines.Rule;
import cn.dsflow.calendar.ProvisionalDeadlines;
import cn.dsflow.calendar.WorkingDayCalendar;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.process.IncidentVariables;
import cn.dsflow.intake.ClaimedTime;
import cn.dsflow.intake.ClaimedTimes;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The incident lead declares the emergency work over (应急工作结束). That moment starts the summary clocks: 5 working
 * days for the report to the local industry regulator (000 §6.6; Plan), 30 days for the CAC summary (CAC art. 8). The
 * response cannot be declared over while a report or a playbook duty is still open, so no duty is silently dropped.
 */
@Component("responseEndDeclaration")
public class ResponseEndDeclaration implements TaskListener {

  private final ProvisionalDeadlines deadlines;
  private final IncidentSettings settings;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final AuditChain audit;
  private final CurrentUser currentUser;
  private final ClaimedTimes claimedTimes;

  public ResponseEndDeclaration(ProvisionalDeadlines deadlines, IncidentSettings settings, RuntimeService runtimeService,
      TaskService taskService, AuditChain audit, CurrentUser currentUser, ClaimedTimes claimedTimes) {
    this.claimedTimes = claimedTimes;
    this.deadlines = deadlines;
    this.settings = settings;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.audit = audit;
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    String incidentId = IncidentVariables.INCIDENT_ID.get(task);
    // the end of the emergency starts the summary's 5 working days: it lies between the discovery the server recorded
    // at intake and now, or a late summary could be made to look on time
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant ended = ClaimedTime.check(IncidentVariables.RESPONSE_ENDED_AT.name(),
        new SubmittedFields(task.getVariables()).instant(IncidentVariables.RESPONSE_ENDED_AT, false), false,
        claimedTimes.boundsOf(task, now));
    List<String> open = openDuties(task);
    if (!open.isEmpty()) {
      throw new EngineRefusal(409, "duties_open",
          "仍有未完成的报告或处置任务，不能宣布应急工作结束 (duties still open): " + String.join("、", open));
    }
    LocalDate endedDay = ended.atZone(WorkingDayCalendar.ZONE).toLocalDate();
    Date cacDue = Date.from(endedDay.plusDays(settings.cacSummaryDays())
        .atTime(WorkingDayCalendar.END_OF_DAY).atZone(WorkingDayCalendar.ZONE).toInstant());
    IncidentVariables.RESPONSE_ENDED_AT.set(task, Date.from(ended));
    // filed under the incident: the summary and its timers run there once this response has handed the dates back
    Date due = deadlines.set(task, IncidentInstances.incidentOf(task.getExecution()), "incident", incidentId,
        new Rule("事件总结报告", IncidentVariables.SUMMARY_DUE_AT.name(), settings.summaryWorkingDays(),
            IncidentVariables.SUMMARY_REMINDER_AT.name(),
            settings.summaryReminderWorkingDaysBefore()), Date.from(ended)).due();
    IncidentVariables.SUMMARY_OVERDUE.set(task, false);
    IncidentVariables.CAC_SUMMARY_DUE_AT.set(task, cacDue);
    IncidentVariables.CAC_SUMMARY_OVERDUE.set(task, false);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("responseEndedAt", ended.toString());
    detail.put("miitLevel", IncidentVariables.MIIT_LEVEL.get(task));
    detail.put("summaryDueAt", due.toInstant().toString());
    detail.put("cacSummaryDueAt", cacDue.toInstant().toString());
    audit.append("INCIDENT_RESPONSE_ENDED", currentUser.id(), "incident", incidentId, detail);
  }

  /** Called report, playbook and review instances still running, and any other open task of this response. */
  private List<String> openDuties(DelegateTask task) {
    String pi = task.getProcessInstanceId();
    List<String> open = new java.util.ArrayList<>();
    runtimeService.createProcessInstanceQuery().superProcessInstanceId(pi).list().forEach(child ->
        taskService.createTaskQuery().processInstanceId(child.getId()).list().forEach(t -> open.add(t.getName())));
    taskService.createTaskQuery().processInstanceId(pi).list().stream()
        .filter(t -> !t.getId().equals(task.getId()))
        .map(Task::getName)
        .forEach(open::add);
    return open;
  }
}
