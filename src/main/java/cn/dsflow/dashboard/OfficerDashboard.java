package cn.dsflow.dashboard;

import cn.dsflow.process.CrossBorderVariables;
import cn.dsflow.system.BeijingTime;
import cn.dsflow.compliance.UpcomingController;
import cn.dsflow.dashboard.ChineseLabels.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What the officers of 000 §3.1.2 watch (dso, dsDirect, dsFirst, audit): approvals waiting, by age; open incidents
 * with their report clocks; everything overdue; the duties of the next 30 days; cross-border assessments and filings
 * near their end. Every deadline is one the processes already hold (task due dates, the assessment's validity), so the
 * page shows what the escalation timers act on. Runs inside {@code SystemCommands}; the controller checks the groups.
 */
@Service
class OfficerDashboard {

  /** 000 §8.1.4: the renewal is filed in the 60 working days before expiry; half a year shows it coming. */
  static final int ASSESSMENT_WINDOW_DAYS = 180;
  static final int DUTY_WINDOW_DAYS = 30;

  private static final Set<String> CROSS_BORDER_FILINGS =
      Set.of("fileStandardContract", "submitFilingSupplement", "fileRenewal", "startReassessment");

  record PendingApproval(String taskId, String requestId, Coded process, Coded slotGroup, Person requester,
      Person assignee, String openedAt, long ageMinutes, String dueAt, boolean overdue, String link) {}

  record OverdueItem(String taskId, String name, Coded process, String dueAt, long overdueMinutes, String link,
      String instanceLink) {}

  record Duty(Coded kind, String name, Coded process, String opensAt, String dueAt, boolean overdue,
      boolean provisional, String link) {}

  record CrossBorderItem(Coded kind, String requestId, String name, String dataCategory, String endsAt,
      Long remainingSeconds, boolean overdue, String link, String instanceLink) {}

  record Dashboard(String now, List<PendingApproval> pendingApprovals, List<IncidentClocks.OpenIncident> incidents,
      List<OverdueItem> overdue, List<Duty> duties, List<CrossBorderItem> crossBorder) {}

  private final JdbcTemplate jdbc;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final RepositoryService repositoryService;
  private final IncidentClocks incidents;
  private final UpcomingController upcoming;
  private final ChineseLabels labels;

  OfficerDashboard(JdbcTemplate jdbc, TaskService taskService, RuntimeService runtimeService,
      RepositoryService repositoryService, HistoryService historyService, IncidentClocks incidents,
      UpcomingController upcoming, ChineseLabels labels) {
    this.jdbc = jdbc;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.repositoryService = repositoryService;
    this.incidents = incidents;
    this.upcoming = upcoming;
    this.labels = labels;
  }

  Dashboard at(Instant now) {
    Map<String, Person> people = ChineseLabels.people();
    Map<String, Coded> processes = new HashMap<>();
    return new Dashboard(BeijingTime.iso(now), pending(now, people, processes), incidents.allRunning(now),
        overdue(now, processes), duties(processes), crossBorder(now));
  }

  /** Every open approval slot, the longest-waiting first; its age runs from when the slot opened (dsf_slot_task). */
  private List<PendingApproval> pending(Instant now, Map<String, Person> people, Map<String, Coded> processes) {
    List<PendingApproval> pending = new ArrayList<>();
    jdbc.query("SELECT st.task_id, st.request_id, st.slot_group, st.opened_at, r.requester, r.process_key"
        + " FROM dsf_slot_task st JOIN dsf_request r ON r.request_id = st.request_id"
        + " WHERE r.status = 'SUBMITTED' ORDER BY st.opened_at, st.task_id", rs -> {
          Task t = taskService.createTaskQuery().taskId(rs.getString("task_id")).singleResult();
          if (t == null) {
            return; // decided, or ended with its request
          }
          Instant opened = rs.getTimestamp("opened_at").toInstant();
          IncidentClocks.Clock clock = IncidentClocks.clock(t, now);
          pending.add(new PendingApproval(t.getId(), rs.getString("request_id"),
              processes.computeIfAbsent(rs.getString("process_key"), labels::process),
              ChineseLabels.group(rs.getString("slot_group")), labels.person(rs.getString("requester"), people),
              labels.person(t.getAssignee(), people), BeijingTime.iso(opened),
              Duration.between(opened, now).toMinutes(), clock.dueAt(), clock.overdue(), Links.task(t.getId())));
        });
    return pending;
  }

  private List<OverdueItem> overdue(Instant now, Map<String, Coded> processes) {
    return taskService.createTaskQuery().dueBefore(Date.from(now)).orderByDueDate().asc().list().stream()
        .map(t -> new OverdueItem(t.getId(), t.getName(), processes.computeIfAbsent(key(t), labels::process),
            BeijingTime.iso(t.getDueDate()), Duration.between(t.getDueDate().toInstant(), now).toMinutes(),
            Links.task(t.getId()), Links.instance(t.getProcessInstanceId())))
        .toList();
  }

  /** The compliance calendar's own answer for the next 30 days (GET /api/calendar/upcoming), labelled. */
  private List<Duty> duties(Map<String, Coded> processes) {
    return upcoming.upcoming(DUTY_WINDOW_DAYS).stream()
        .map(i -> new Duty("SCHEDULED".equals(i.kind()) ? new Coded("SCHEDULED", "将开启的年度事项") : new Coded("OPEN", "待办"),
            i.name(), processes.computeIfAbsent(i.process(), labels::process), BeijingTime.iso(i.opensAt()),
            BeijingTime.iso(i.dueAt()), i.overdue(), i.provisional(), Links.task(i.taskId())))
        .toList();
  }

  /**
   * Assessments whose validity (3 years, 000 §8.1.2(4)) ends within the window, and the open filings with their
   * deadlines: the standard contract's 10 working days, its supplement, the renewal, a re-assessment.
   */
  private List<CrossBorderItem> crossBorder(Instant now) {
    List<CrossBorderItem> items = new ArrayList<>();
    Instant horizon = now.plus(Duration.ofDays(ASSESSMENT_WINDOW_DAYS));
    for (VariableInstance v : runtimeService.createVariableInstanceQuery()
        .variableName(CrossBorderVariables.ASSESSMENT_VALID_UNTIL.name()).list()) {
      if (!(v.getValue() instanceof Date until) || until.toInstant().isAfter(horizon)) {
        continue;
      }
      String root = v.getProcessInstanceId();
      if (!"cross-border-transfer".equals(processKeyOf(root))) {
        continue;
      }
      long remaining = Duration.between(now, until.toInstant()).toSeconds();
      items.add(new CrossBorderItem(new Coded("ASSESSMENT_VALIDITY", "安全评估结果有效期"), root, "评估结果有效期届满",
          dataCategory(root), BeijingTime.iso(until), remaining, remaining < 0, null, Links.instance(root)));
    }
    // the contract filing runs in the called cross-border-contract: its tasks belong to the transfer that called it
    for (Task t : taskService.createTaskQuery().processDefinitionKeyIn("cross-border-transfer", "cross-border-contract").list()) {
      if (!CROSS_BORDER_FILINGS.contains(t.getTaskDefinitionKey())) {
        continue;
      }
      IncidentClocks.Clock c = IncidentClocks.clock(t, now);
      String transfer = transferOf(t.getProcessInstanceId());
      items.add(new CrossBorderItem(new Coded("FILING", "备案与申报"), transfer, t.getName(),
          dataCategory(transfer), c.dueAt(), c.remainingSeconds(), c.overdue(), c.link(), Links.instance(transfer)));
    }
    items.sort((a, b) -> a.endsAt() == null ? 1 : b.endsAt() == null ? -1 : a.endsAt().compareTo(b.endsAt()));
    return items;
  }

  private String dataCategory(String requestId) {
    return jdbc.query("SELECT content ->> 'dataCategory' FROM dsf_request WHERE request_id = ?",
        (rs, i) -> rs.getString(1), requestId).stream().findFirst().orElse(null);
  }

  /** The transfer's own instance: the one given, or the instance that called it. */
  private String transferOf(String instanceId) {
    var caller = runtimeService.createProcessInstanceQuery().subProcessInstanceId(instanceId).singleResult();
    return caller == null ? instanceId : caller.getId();
  }

  private String processKeyOf(String instanceId) {
    var pi = runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).singleResult();
    return pi == null ? null : repositoryService.getProcessDefinition(pi.getProcessDefinitionId()).getKey();
  }

  private String key(Task t) {
    return repositoryService.getProcessDefinition(t.getProcessDefinitionId()).getKey();
  }
}
