package cn.dsflow.compliance;

import cn.dsflow.calendar.ProvisionalDeadlines.Rule;
import cn.dsflow.calendar.ProvisionalDeadlines;
import cn.dsflow.calendar.WorkingDayCalendar;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.process.ComplianceVariables;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import cn.dsflow.system.SystemCommands;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The compliance calendar's dates: when each annual duty opens (checked by a daily tick at 09:00 Beijing), when it is due
 * (23:59:59 Beijing), and the change-driven deadlines (catalogue change: three calendar months; liaison change: five
 * working days). Reminders go out 14 days before an annual or three-month deadline and one working day before a
 * working-day one, at 09:00.
 */
@Component("complianceCalendar")
public class ComplianceCalendar {

  static final int REMINDER_DAYS_BEFORE = 14;
  static final int LIAISON_WORKING_DAYS = 5;
  static final int CATALOGUE_CHANGE_MONTHS = 3;

  private final ComplianceSettings settings;
  private final ProvisionalDeadlines deadlines;
  private final AuditChain audit;
  private final CurrentUser currentUser;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final SystemCommands system;

  public ComplianceCalendar(ComplianceSettings settings, ProvisionalDeadlines deadlines, AuditChain audit, CurrentUser currentUser,
      RuntimeService runtimeService, HistoryService historyService, SystemCommands system) {
    this.settings = settings;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.system = system;
    this.deadlines = deadlines;
    this.audit = audit;
    this.currentUser = currentUser;
  }

  /**
   * Opens every annual duty whose window (opening day to due day) contains today and that has not been opened for
   * this window yet: a server that was down on the opening day catches up on the next tick, and a duty never opens
   * twice (the instance's business key is the duty and its due year).
   */
  public void openDueDuties() {
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
    for (ComplianceDuty duty : ComplianceDuty.values()) {
      if (!duty.annual()) {
        continue;
      }
      LocalDate due = dueDayOfWindowContaining(duty, today);
      if (due == null) {
        continue;
      }
      String businessKey = duty.name() + ":" + due.getYear();
      boolean opened = system.run(() -> historyService.createHistoricProcessInstanceQuery()
          .processDefinitionKey("compliance-duty").processInstanceBusinessKey(businessKey).count()) > 0;
      if (!opened) {
        system.run(() -> runtimeService.startProcessInstanceByKey("compliance-duty", businessKey,
            Map.of(ComplianceVariables.COMPLIANCE_DUTY.name(), duty.name(),
                ComplianceVariables.DUTY_DUE_DAY.name(), due.toString())));
      }
    }
  }

  /** The due day of the duty's window that contains {@code day}, or null when the duty is not open that day. */
  LocalDate dueDayOfWindowContaining(ComplianceDuty duty, LocalDate day) {
    MonthDay opens = settings.opens(duty);
    MonthDay due = settings.due(duty);
    for (int year = day.getYear() - 1; year <= day.getYear(); year++) {
      LocalDate open = opens.atYear(year);
      LocalDate close = due.atYear(due.isBefore(opens) ? year + 1 : year);
      if (!day.isBefore(open) && !day.isAfter(close)) {
        return close;
      }
    }
    return null;
  }

  /**
   * Start listener of {@code compliance-duty}: annual duties are opened by the calendar (a job, no user); the
   * data-security department files change-driven duties by hand.
   */
  public void started(DelegateExecution execution) {
    SubmittedFields f = new SubmittedFields(execution.getVariables());
    ComplianceDuty duty;
    try {
      duty = f.oneOf(ComplianceVariables.COMPLIANCE_DUTY, ComplianceDuty.class);
      if (duty.annual()) {
        if (currentUser.id() != null) {
          throw EngineRefusal.invalid(ComplianceVariables.COMPLIANCE_DUTY.name(),
              "年度事项按日历自动开启 (annual duties open by themselves)");
        }
        return;
      }
      if (!currentUser.isIn(Group.DSO.id())) {
        throw EngineRefusal.forbidden("not_dso", "只有数据安全管理责任部门可以登记变更事项 (only dso files changes)");
      }
      f.pastInstant(ComplianceVariables.CHANGE_DATE, ClockUtil.getCurrentTime().toInstant());
      f.text(ComplianceVariables.CHANGE_DESCRIPTION, SubmittedFields.LONG_TEXT);
    } catch (EngineRefusal refusal) {
      throw audit.refused("COMPLIANCE_DUTY_REFUSED", currentUser.id(), "compliance-duty", "-", refusal);
    }
  }

  /** Sets the duty's owner, deadline and reminder, and records that it opened. */
  public void schedule(DelegateExecution execution) {
    ComplianceDuty duty = ComplianceDuty.valueOf(ComplianceVariables.COMPLIANCE_DUTY.get(execution));
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Date due;
    Date reminder;
    if (duty.annual()) {
      LocalDate dueDay = LocalDate.parse(ComplianceVariables.DUTY_DUE_DAY.get(execution));
      due = endOf(dueDay);
      reminder = at0900(dueDay.minusDays(REMINDER_DAYS_BEFORE));
    } else {
      LocalDate changed = new SubmittedFields(execution.getVariables()).instant(ComplianceVariables.CHANGE_DATE, false)
          .atZone(WorkingDayCalendar.ZONE).toLocalDate();
      if (duty == ComplianceDuty.LIAISON_CHANGE) {
        ProvisionalDeadlines.Deadline d = deadlines.set(execution, execution.getProcessInstanceId(), "request",
            execution.getProcessInstanceId(), new Rule(duty.chineseName(),
                ComplianceVariables.DUTY_DUE_AT.name(), LIAISON_WORKING_DAYS, ComplianceVariables.DUTY_REMINDER_AT.name(), 1),
            Date.from(changed.atStartOfDay(WorkingDayCalendar.ZONE).toInstant()));
        due = d.due();
        reminder = d.reminder();
      } else {
        LocalDate dueDay = changed.plusMonths(CATALOGUE_CHANGE_MONTHS);
        due = endOf(dueDay);
        reminder = at0900(dueDay.minusDays(REMINDER_DAYS_BEFORE));
      }
    }
    ComplianceVariables.DUTY_NAME.set(execution, duty.chineseName());
    ComplianceVariables.DUTY_OWNER.set(execution, duty.owner().id());
    ComplianceVariables.DUTY_SOURCE.set(execution, duty.source());
    ComplianceVariables.DUTY_DUE_AT.set(execution, due);
    ComplianceVariables.DUTY_REMINDER_AT.set(execution, reminder.before(Date.from(now)) ? Date.from(now) : reminder);
    ComplianceVariables.DUTY_OVERDUE.set(execution, false);
    RequestVariables.REQUEST_SUMMARY.set(execution, duty.chineseName());
    RequestVariables.REQUEST_ID.set(execution, execution.getProcessInstanceId());
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("duty", duty.name());
    detail.put("owner", duty.owner().id());
    detail.put("dueAt", due.toInstant().toString());
    detail.put("source", duty.source());
    audit.append("COMPLIANCE_DUTY_OPENED", currentUser.id(), "request", execution.getProcessInstanceId(), detail);
  }

  /** Create listener: the task is named for its duty, so Tasklist and the upcoming view say what is due. */
  public void taskOpened(DelegateTask task) {
    task.setName(ComplianceVariables.DUTY_NAME.get(task));
  }

  /** 000 §7.1.1: the risk assessment team has at least five members. */
  public void completed(DelegateTask task) {
    if (ComplianceDuty.ANNUAL_RISK_ASSESSMENT.name().equals(ComplianceVariables.COMPLIANCE_DUTY.get(task))) {
      long members = new SubmittedFields(task.getVariables()).count(ComplianceVariables.ASSESSMENT_TEAM_SIZE, 0);
      if (members < 5) {
        throw EngineRefusal.invalid(ComplianceVariables.ASSESSMENT_TEAM_SIZE.name(),
            "风险评估团队不少于 5 人（《指引》§7.1.1） (at least five members)");
      }
    }
  }

  private static Date endOf(LocalDate day) {
    return Date.from(day.atTime(WorkingDayCalendar.END_OF_DAY).atZone(WorkingDayCalendar.ZONE).toInstant());
  }

  private static Date at0900(LocalDate day) {
    return Date.from(day.atTime(WorkingDayCalendar.REMINDER_TIME).atZone(WorkingDayCalendar.ZONE).toInstant());
  }
}
