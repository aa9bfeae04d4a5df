package cn.dsflow.calendar;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.BeijingTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every working-day deadline a process sets goes through here. One that rests on a year derived from the holiday law
 * is marked ({@code <variable>Provisional}), audited, and remembered with what it was computed from; when the
 * official notice is loaded, {@link #settle()} computes it again and moves its variables, timers and task due dates,
 * auditing old and new. The basis is kept in a table, not read back from a process variable a user could rewrite.
 */
@Service
public class ProvisionalDeadlines {

  /** A working-day deadline: its name for people, where it goes, and its optional reminder. */
  public record Rule(String label, String dueVariable, int workingDays, String reminderVariable, int reminderWorkingDaysBefore) {

    public static Rule withoutReminder(String label, String dueVariable, int workingDays) {
      return new Rule(label, dueVariable, workingDays, null, 0);
    }
  }

  /** The computed deadline and reminder; {@code provisionalYears} is empty when it rests on official data only. */
  public record Deadline(Date due, Date reminder, SortedSet<Integer> provisionalYears) {

    public boolean provisional() {
      return !provisionalYears.isEmpty();
    }
  }

  static final String NOTE = "（暂定：该年国务院放假通知尚未载入，按放假办法推算，载入后将重新计算）";

  private static final Logger LOG = LoggerFactory.getLogger(ProvisionalDeadlines.class);

  private final WorkingDayCalendar calendar;
  private final JdbcTemplate jdbc;
  private final AuditChain audit;
  private final CurrentUser currentUser;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final TransactionTemplate transaction;

  public ProvisionalDeadlines(WorkingDayCalendar calendar, JdbcTemplate jdbc, AuditChain audit, CurrentUser currentUser,
      RuntimeService runtimeService, TaskService taskService, ManagementService managementService,
      PlatformTransactionManager transactionManager) {
    this.calendar = calendar;
    this.jdbc = jdbc;
    this.audit = audit;
    this.currentUser = currentUser;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.managementService = managementService;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** The deadline {@code rule} gives from {@code from}, without setting anything. */
  public Deadline compute(Rule rule, Date from) {
    Date due = calendar.deadline(from, rule.workingDays());
    Date reminder = rule.reminderVariable() == null ? null : calendar.reminderBefore(due, rule.reminderWorkingDaysBefore());
    Date earliest = reminder != null && reminder.before(from) ? reminder : from;
    return new Deadline(due, reminder, calendar.provisionalYears(earliest, due));
  }

  /**
   * Computes the deadline, sets its variables on {@code scope} and, when it is provisional, marks, audits and records
   * it in the caller's transaction (it exists exactly when the step that set it commits).
   */
  public Deadline set(VariableScope scope, String processInstanceId, String subjectType, String subjectId, Rule rule, Date from) {
    Deadline d = compute(rule, from);
    scope.setVariable(rule.dueVariable(), d.due());
    if (rule.reminderVariable() != null) {
      scope.setVariable(rule.reminderVariable(), d.reminder());
    }
    if (d.provisional()) {
      scope.setVariable(flag(rule.dueVariable()), true);
      Instant now = ClockUtil.getCurrentTime().toInstant();
      jdbc.update("INSERT INTO dsf_provisional_deadline (process_instance_id, subject_type, subject_id, label, due_variable,"
              + " reminder_variable, basis_at, working_days, reminder_working_days, due_at, reminder_at, provisional_years,"
              + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          processInstanceId, subjectType, subjectId, rule.label(), rule.dueVariable(), rule.reminderVariable(),
          Timestamp.from(from.toInstant()), rule.workingDays(),
          rule.reminderVariable() == null ? null : rule.reminderWorkingDaysBefore(),
          Timestamp.from(d.due().toInstant()), d.reminder() == null ? null : Timestamp.from(d.reminder().toInstant()),
          years(d.provisionalYears()), Timestamp.from(now));
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("deadline", rule.label());
      detail.put("dueAt", BeijingTime.iso(d.due()));
      detail.put("provisionalYears", d.provisionalYears());
      detail.put("basis", "依《全国年节及纪念日放假办法》推算，待国务院通知后重新计算 (derived from the holiday law; recomputed when the notice is loaded)");
      audit.append("DEADLINE_PROVISIONAL", currentUser.id(), subjectType, subjectId, detail);
    }
    return d;
  }

  /**
   * For a user task's {@code camunda:dueDate}: {@code workingDays} working days from the engine's now, kept in
   * {@code dueVariable} as well so that the due date can be moved like any other deadline.
   */
  public Date fromNow(DelegateExecution execution, String subjectType, String subjectId, String label, String dueVariable,
      int workingDays) {
    return set(execution, execution.getProcessInstanceId(), subjectType, subjectId,
        Rule.withoutReminder(label, dueVariable, workingDays), ClockUtil.getCurrentTime()).due();
  }

  /** The name of the variable that marks a deadline as provisional. */
  public static String flag(String dueVariable) {
    return dueVariable + "Provisional";
  }

  /** Open provisional deadlines of running processes: what the health check warns about. */
  public int openCount() {
    List<String> instances = jdbc.queryForList(
        "SELECT DISTINCT process_instance_id FROM dsf_provisional_deadline WHERE settled_at IS NULL", String.class);
    if (instances.isEmpty()) {
      return 0;
    }
    Set<String> running = runtimeService.createProcessInstanceQuery().processInstanceIds(Set.copyOf(instances)).list()
        .stream().map(p -> p.getId()).collect(Collectors.toSet());
    if (running.isEmpty()) {
      return 0;
    }
    return (int) jdbc.queryForList("SELECT process_instance_id FROM dsf_provisional_deadline WHERE settled_at IS NULL",
        String.class).stream().filter(running::contains).count();
  }

  /** Open provisional deadlines as {@link #key} values, for views that mark a task's due date. */
  public Set<String> openDeadlines() {
    return Set.copyOf(jdbc.query("SELECT process_instance_id, due_at FROM dsf_provisional_deadline WHERE settled_at IS NULL",
        (rs, i) -> key(rs.getString(1), rs.getTimestamp(2))));
  }

  /** What a mail or document adds after a deadline that is still provisional; empty for an official one. */
  public String note(String processInstanceId, Date due) {
    Integer open = jdbc.queryForObject("SELECT count(*) FROM dsf_provisional_deadline WHERE settled_at IS NULL"
        + " AND process_instance_id = ? AND due_at = ?", Integer.class, processInstanceId, Timestamp.from(due.toInstant()));
    return open == 0 ? "" : NOTE;
  }

  public static String key(String processInstanceId, Date due) {
    return processInstanceId + "@" + due.getTime();
  }

  /**
   * Computes every open provisional deadline again on the calendar as it now is, and moves what changed. Each row is
   * claimed with {@code SKIP LOCKED} and settled in its own transaction, so several nodes settling at once take
   * different rows, and one instance that cannot be moved now (a user completing its task at that moment) is retried
   * on the next round without holding up the others. Returns how many deadlines moved.
   */
  public int settle() {
    int moved = 0;
    long after = 0;
    while (true) {
      long from = after;
      Long[] claimed = new Long[1];
      try {
        Boolean changed = transaction.execute(status -> {
          List<Open> next = jdbc.query("SELECT * FROM dsf_provisional_deadline WHERE settled_at IS NULL AND id > ?"
              + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED", Open::of, from);
          if (next.isEmpty()) {
            return null;
          }
          claimed[0] = next.get(0).id;
          return settle(next.get(0));
        });
        if (changed == null) {
          return moved;
        }
        moved += changed ? 1 : 0;
      } catch (RuntimeException e) {
        if (claimed[0] == null) {
          throw e;
        }
        LOG.warn("Provisional deadline {} not settled this round: {}", claimed[0], e.getMessage());
      }
      after = claimed[0];
    }
  }

  private boolean settle(Open o) {
    Timestamp now = Timestamp.from(ClockUtil.getCurrentTime().toInstant());
    if (runtimeService.createProcessInstanceQuery().processInstanceId(o.processInstanceId).count() == 0) {
      jdbc.update("UPDATE dsf_provisional_deadline SET settled_at = ?, settled_how = 'ENDED' WHERE id = ?", now, o.id);
      return false;
    }
    Rule rule = new Rule(o.label, o.dueVariable, o.workingDays, o.reminderVariable,
        o.reminderWorkingDays == null ? 0 : o.reminderWorkingDays);
    Deadline d = compute(rule, o.basis);
    boolean official = !d.provisional();
    boolean changed = !same(d.due(), o.due) || !same(d.reminder(), o.reminder);
    if (!changed && !official && years(d.provisionalYears()).equals(o.years)) {
      return false;
    }
    int variables = move(o.processInstanceId, o.dueVariable, o.due, d.due(), official);
    if (o.reminderVariable != null) {
      move(o.processInstanceId, o.reminderVariable, o.reminder, d.reminder(), null);
    }
    int timers = 0;
    for (Job job : managementService.createJobQuery().processInstanceId(o.processInstanceId).timers().list()) {
      Date to = same(job.getDuedate(), o.due) ? d.due() : same(job.getDuedate(), o.reminder) ? d.reminder() : null;
      if (to != null && !same(to, job.getDuedate())) {
        managementService.setJobDuedate(job.getId(), to);
        timers++;
      }
    }
    int tasks = 0;
    for (Task task : taskService.createTaskQuery().processInstanceId(o.processInstanceId).dueDate(o.due).list()) {
      if (!same(d.due(), task.getDueDate())) {
        task.setDueDate(d.due());
        taskService.saveTask(task);
        tasks++;
      }
    }
    jdbc.update("UPDATE dsf_provisional_deadline SET due_at = ?, reminder_at = ?, provisional_years = ?, settled_at = ?,"
            + " settled_how = ? WHERE id = ?",
        Timestamp.from(d.due().toInstant()), d.reminder() == null ? null : Timestamp.from(d.reminder().toInstant()),
        years(d.provisionalYears()), official ? now : null, official ? "OFFICIAL" : null, o.id);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("deadline", o.label);
    detail.put("oldDueAt", BeijingTime.iso(o.due));
    detail.put("newDueAt", BeijingTime.iso(d.due()));
    if (o.reminder != null) {
      detail.put("oldReminderAt", BeijingTime.iso(o.reminder));
      detail.put("newReminderAt", BeijingTime.iso(d.reminder()));
    }
    detail.put("provisional", !official);
    detail.put("variablesMoved", variables);
    detail.put("timersMoved", timers);
    detail.put("taskDueDatesMoved", tasks);
    audit.append(changed ? "DEADLINE_RESCHEDULED" : "DEADLINE_CONFIRMED", currentUser.id(), o.subjectType, o.subjectId, detail);
    return changed;
  }

  /**
   * Moves the instance's variable {@code name} wherever it still holds {@code from}; a value a step has since
   * replaced is left alone. Sets the provisional flag beside it when {@code official} is given.
   */
  private int move(String processInstanceId, String name, Date from, Date to, Boolean official) {
    int n = 0;
    for (VariableInstance v : runtimeService.createVariableInstanceQuery().processInstanceIdIn(processInstanceId)
        .variableName(name).list()) {
      if (!(v.getValue() instanceof Date value) || !same(value, from)) {
        continue;
      }
      Map<String, Object> update = new LinkedHashMap<>();
      update.put(name, to);
      if (official != null) {
        update.put(flag(name), !official);
      }
      if (v.getTaskId() != null) {
        taskService.setVariablesLocal(v.getTaskId(), update);
      } else {
        runtimeService.setVariablesLocal(v.getExecutionId(), update);
      }
      n++;
    }
    return n;
  }

  /** Equal instants, whatever Date subclass the engine or JDBC handed back (Timestamp.equals(Date) is false). */
  private static boolean same(Date a, Date b) {
    return a == null ? b == null : b != null && a.getTime() == b.getTime();
  }

  private static String years(SortedSet<Integer> years) {
    return years.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private record Open(long id, String processInstanceId, String subjectType, String subjectId, String label,
      String dueVariable, String reminderVariable, Date basis, int workingDays, Integer reminderWorkingDays, Date due,
      Date reminder, String years) {

    static Open of(ResultSet rs, int i) throws SQLException {
      Timestamp reminder = rs.getTimestamp("reminder_at");
      return new Open(rs.getLong("id"), rs.getString("process_instance_id"), rs.getString("subject_type"),
          rs.getString("subject_id"), rs.getString("label"), rs.getString("due_variable"),
          rs.getString("reminder_variable"), new Date(rs.getTimestamp("basis_at").getTime()), rs.getInt("working_days"),
          (Integer) rs.getObject("reminder_working_days"), new Date(rs.getTimestamp("due_at").getTime()),
          reminder == null ? null : new Date(reminder.getTime()), rs.getString("provisional_years"));
    }
  }
}
