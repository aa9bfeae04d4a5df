package cn.dsflow.dashboard;

import cn.dsflow.incident.IncidentInstances;
import cn.dsflow.process.IncidentVariables;
import cn.dsflow.system.BeijingTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The open incidents and their report clocks. A clock's deadline is the Camunda due date of the report task, which
 * {@code ReportClock} (MIIT plan, CAC Measures art. 4), the grading SLA and the summary deadlines set from the law when
 * the duty arose: nothing is recomputed here, so the page can never disagree with the escalation timers.
 * Callers run inside {@code SystemCommands}: the officers see every incident, whatever Tasklist shows them.
 */
@Component
class IncidentClocks {

  /** The authority each timed duty answers to: 工信 (MIIT plan), 网信 (CAC Measures), CII (art. 4), and the rest. */
  private static final Map<String, Coded> REGIME = Map.ofEntries(
      Map.entry("reportWarningToRegulator", new Coded("MIIT", "工信：地方行业监管部门")),
      Map.entry("reportToRegulator", new Coded("MIIT", "工信：地方行业监管部门")),
      Map.entry("writeSummaryReport", new Coded("MIIT", "工信：地方行业监管部门")),
      Map.entry("reportToCac", new Coded("CAC", "网信：省级网信部门")),
      Map.entry("supplementCacReport", new Coded("CAC", "网信：省级网信部门")),
      Map.entry("writeCacSummaryReport", new Coded("CAC", "网信：省级网信部门")),
      Map.entry("reportToCiiAuthority", new Coded("CII", "关键信息基础设施：保护工作部门")),
      Map.entry("reportCiiToPolice", new Coded("CII", "关键信息基础设施：公安机关")),
      Map.entry("reportToPolice", new Coded("POLICE", "公安机关（报案）")),
      Map.entry("notifyAffectedParties", new Coded("AFFECTED", "受影响的个人和组织")),
      Map.entry("confirmLevel", new Coded("GRADING", "内部：确认事件级别")),
      Map.entry("confirmRegrading", new Coded("GRADING", "内部：确认事件级别")));

  private static final Coded INTERNAL = new Coded("INTERNAL", "内部处置");

  record Clock(String taskId, String task, String name, Coded regime, String dueAt, Long remainingSeconds,
      boolean overdue, String link) {}

  record OpenIncident(String incidentId, String title, Coded miitLevel, Coded cacLevel, String reportedAt,
      List<Clock> clocks, String link) {}

  private final HistoryService historyService;
  private final TaskService taskService;
  private final IncidentInstances incidentInstances;

  IncidentClocks(HistoryService historyService, TaskService taskService, IncidentInstances incidentInstances) {
    this.historyService = historyService;
    this.taskService = taskService;
    this.incidentInstances = incidentInstances;
  }

  /** The given incidents that are still running, oldest report first; ids of other processes are ignored. */
  List<OpenIncident> running(Collection<String> incidentIds, Instant now) {
    if (incidentIds.isEmpty()) {
      return List.of();
    }
    List<OpenIncident> open = new ArrayList<>();
    for (HistoricProcessInstance pi : historyService.createHistoricProcessInstanceQuery()
        .processInstanceIds(new java.util.HashSet<>(incidentIds)).processDefinitionKey(IncidentInstances.INCIDENT_PROCESS).unfinished()
        .orderByProcessInstanceStartTime().asc().list()) {
      open.add(incident(pi, now));
    }
    return open;
  }

  /** Every running incident. */
  List<OpenIncident> allRunning(Instant now) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(IncidentInstances.INCIDENT_PROCESS).unfinished()
        .orderByProcessInstanceStartTime().asc().list().stream().map(pi -> incident(pi, now)).toList();
  }

  private OpenIncident incident(HistoricProcessInstance pi, Instant now) {
    List<String> instances = incidentInstances.running(pi.getId());
    List<Clock> clocks = new ArrayList<>();
    for (Task t : taskService.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new))
        .orderByDueDate().asc().list()) {
      clocks.add(clock(t, now));
    }
    // the timed duties first, the nearest deadline on top; untimed work after them
    clocks.sort((a, b) -> a.dueAt() == null ? (b.dueAt() == null ? 0 : 1) : b.dueAt() == null ? -1 : a.dueAt().compareTo(b.dueAt()));
    // the levels as the running emergency response holds them (IncidentInstances)
    Map<String, Object> v = incidentInstances.variables(pi.getId(), IncidentVariables.TITLE.name(),
        IncidentVariables.MIIT_LEVEL.name(), IncidentVariables.CAC_LEVEL.name());
    return new OpenIncident(pi.getId(), (String) v.get(IncidentVariables.TITLE.name()),
        ChineseLabels.incidentLevel((String) v.get(IncidentVariables.MIIT_LEVEL.name())),
        ChineseLabels.incidentLevel((String) v.get(IncidentVariables.CAC_LEVEL.name())), BeijingTime.iso(pi.getStartTime()), clocks,
        Links.instance(pi.getId()));
  }

  static Clock clock(Task t, Instant now) {
    Date due = t.getDueDate();
    Long remaining = due == null ? null : Duration.between(now, due.toInstant()).toSeconds();
    return new Clock(t.getId(), t.getTaskDefinitionKey(), t.getName(), REGIME.getOrDefault(t.getTaskDefinitionKey(), INTERNAL),
        BeijingTime.iso(due), remaining, remaining != null && remaining < 0, Links.task(t.getId()));
  }
}
