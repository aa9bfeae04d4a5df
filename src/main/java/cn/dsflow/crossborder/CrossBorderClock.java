package cn.dsflow.crossborder;

import cn.dsflow.calendar.ProvisionalDeadlines.Rule;
import cn.dsflow.approval.RequestRegister;
import cn.dsflow.calendar.ProvisionalDeadlines;
import cn.dsflow.calendar.WorkingDayCalendar;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.permit.RouteLimits;
import cn.dsflow.process.CrossBorderVariables;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.process.Var;
import cn.dsflow.intake.ClaimedTime;
import cn.dsflow.intake.ClaimedTimes;
import cn.dsflow.form.SubmittedFields;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The dates of a cross-border transfer, all on the Chinese working-day calendar in Beijing:
 * the standard contract's filing within 10 working days of its effective date (000 §8.2.2(2)); supplementary
 * materials within 10 working days of the request (§8.2.2(3)); an assessment valid 3 years from the result's issue
 * date (§8.1.2(4)) and its renewal filed within the 60 working days before expiry (§8.1.4).
 */
@Component("crossBorderClock")
public class CrossBorderClock {

  static final int FILING_WORKING_DAYS = 10;
  static final int SUPPLEMENT_WORKING_DAYS = 10;
  static final int RENEWAL_WORKING_DAYS = 60;
  static final int ASSESSMENT_VALIDITY_YEARS = 3;
  /** Far enough before expiry that 60 working days always fit after it (the longest holidays included). */
  static final int RENEWAL_CHECK_DAYS_BEFORE = 150;

  private final WorkingDayCalendar workingDays;
  private final ProvisionalDeadlines deadlines;
  private final AuditChain audit;
  private final ClaimedTimes claimedTimes;
  private final RequestRegister register;
  private final RouteLimits routeLimits;

  public CrossBorderClock(WorkingDayCalendar workingDays, ProvisionalDeadlines deadlines, AuditChain audit,
      ClaimedTimes claimedTimes, RequestRegister register, RouteLimits routeLimits) {
    this.register = register;
    this.routeLimits = routeLimits;
    this.claimedTimes = claimedTimes;
    this.workingDays = workingDays;
    this.deadlines = deadlines;
    this.audit = audit;
  }

  /** Complete listener of 签订标准合同: the filing deadline runs from the contract's effective date. */
  public void contractSigned(DelegateTask task) {
    Instant effective = pastDate(task, CrossBorderVariables.CONTRACT_EFFECTIVE_DATE);
    Date due = deadlines.set(task, task.getProcessInstanceId(), "request", RequestVariables.REQUEST_ID.get(task),
        new Rule("标准合同备案", CrossBorderVariables.FILING_DUE_AT.name(), FILING_WORKING_DAYS,
            CrossBorderVariables.FILING_REMINDER_AT.name(), 2), Date.from(effective)).due();
    CrossBorderVariables.FILING_OVERDUE.set(task, false);
    audit.append("STANDARD_CONTRACT_SIGNED", null, "request", RequestVariables.REQUEST_ID.get(task),
        Map.of("effectiveDate", effective.toString(), "filingDueAt", due.toInstant().toString()));
  }

  /** Complete listener of 备案: a request for supplementary materials starts its own 10 working days. */
  public void filingRecorded(DelegateTask task) {
    boolean supplementRequested = new SubmittedFields(task.getVariables()).flag(CrossBorderVariables.FILING_SUPPLEMENT_REQUESTED);
    CrossBorderVariables.FILING_SUPPLEMENT_REQUESTED.set(task, supplementRequested);
    if (supplementRequested) {
      Instant requested = pastDate(task, CrossBorderVariables.SUPPLEMENT_REQUESTED_DATE);
      deadlines.set(task, task.getProcessInstanceId(), "request", RequestVariables.REQUEST_ID.get(task),
          Rule.withoutReminder("标准合同备案补充材料", CrossBorderVariables.SUPPLEMENT_DUE_AT.name(), SUPPLEMENT_WORKING_DAYS),
          Date.from(requested));
    }
  }

  /**
   * Complete listener of 记录评估结果: an approval is valid 3 years from the day the result was issued (000 §8.1.2(4):
   * 自评估结果出具之日起), to the end of the anniversary day, 23:59:59 Beijing: a year counted from a day runs through
   * the corresponding day, not to its first second.
   */
  public void assessmentDecided(DelegateTask task) {
    if (!CrossBorderVariables.CAC_OUTCOME.is(task, "APPROVED")) {
      return;
    }
    Instant issued = pastDate(task, CrossBorderVariables.CAC_RESULT_DATE);
    LocalDate anniversary = issued.atZone(WorkingDayCalendar.ZONE).toLocalDate().plusYears(ASSESSMENT_VALIDITY_YEARS);
    Date validUntil = Date.from(anniversary.atTime(WorkingDayCalendar.END_OF_DAY).atZone(WorkingDayCalendar.ZONE).toInstant());
    // the permit reads this limit from dsflow's table; the variable only shows it (trust model)
    routeLimits.record(register.required(task.getExecution()).requestId(), RouteLimits.Source.ASSESSMENT_VALIDITY,
        validUntil.toInstant(), ClockUtil.getCurrentTime().toInstant());
    CrossBorderVariables.ROUTE_VALID_UNTIL.set(task, validUntil);
    CrossBorderVariables.ASSESSMENT_VALID_UNTIL.set(task, validUntil);
    CrossBorderVariables.RENEWAL_CHECK_AT.set(task, Date.from(anniversary.atStartOfDay(WorkingDayCalendar.ZONE).toInstant()
        .minus(java.time.Duration.ofDays(RENEWAL_CHECK_DAYS_BEFORE))));
    CrossBorderVariables.RENEWAL_OVERDUE.set(task, false);
  }

  /**
   * The day the renewal window opens: 09:00 on the 60th working day before expiry. Computed when the window
   * approaches, so that the holiday calendar of that year is installed by then; a missing year fails loudly.
   */
  public void planRenewal(DelegateExecution execution) {
    Date expiry = CrossBorderVariables.ASSESSMENT_VALID_UNTIL.get(execution);
    CrossBorderVariables.RENEWAL_OPENS_AT.set(execution, renewalOpensAt(expiry));
  }

  public Date renewalOpensAt(Date expiry) {
    // the last day on which the result is still valid: the expiry's own day when it ends at 23:59:59
    LocalDate lastValidDay = expiry.toInstant().minusSeconds(1).atZone(WorkingDayCalendar.ZONE).toLocalDate();
    LocalDate first = workingDays.isWorkingDay(lastValidDay)
        ? workingDays.minusWorkingDays(lastValidDay, RENEWAL_WORKING_DAYS - 1)
        : workingDays.minusWorkingDays(lastValidDay, RENEWAL_WORKING_DAYS);
    return Date.from(first.atTime(WorkingDayCalendar.REMINDER_TIME).atZone(WorkingDayCalendar.ZONE).toInstant());
  }

  /** A declared date that starts a legal clock lies between the request and now: a later one would stretch the clock. */
  private Instant pastDate(DelegateTask task, Var<?> field) {
    Object raw = field.get(task);
    boolean dateOnly = raw instanceof String v && v.strip().length() == 10;
    return ClaimedTime.check(field.name(), new SubmittedFields(task.getVariables()).instant(field, false), dateOnly,
        claimedTimes.boundsOf(task, ClockUtil.getCurrentTime().toInstant()));
  }
}
