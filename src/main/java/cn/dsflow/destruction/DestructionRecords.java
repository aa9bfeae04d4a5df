package cn.dsflow.destruction;

import cn.dsflow.approval.CatalogueChangeDeadline;
import cn.dsflow.approval.RequestRegister;
import cn.dsflow.calendar.WorkingDayCalendar;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.ApprovalLedger;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.permit.Permit;
import cn.dsflow.permit.PermitLifecycle;
import cn.dsflow.permit.Permits;
import cn.dsflow.process.DestructionVariables;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The destruction's record: its ledger row completed with what was destroyed, by whom, under whose supervision, how
 * irrecoverability was verified and what was reclaimed (000 §4.7.1(2)); and the catalogue change filing within three
 * calendar months (000 §2.6(3)).
 */
@Component("destructionRecords")
public class DestructionRecords {

  /** Calendar days, like the deadline itself: three months may reach a year whose holidays are not published yet. */
  static final int CATALOGUE_REMINDER_DAYS_BEFORE = 14;

  private final CatalogueChangeDeadline catalogueDeadline;
  private final ApprovalLedger ledger;
  private final AuditChain audit;
  private final RequestRegister register;
  private final Permits permits;
  private final PermitLifecycle lifecycle;
  private final CurrentUser currentUser;

  public DestructionRecords(CatalogueChangeDeadline catalogueDeadline, ApprovalLedger ledger, AuditChain audit,
      RequestRegister register, Permits permits, PermitLifecycle lifecycle, CurrentUser currentUser) {
    this.catalogueDeadline = catalogueDeadline;
    this.ledger = ledger;
    this.audit = audit;
    this.register = register;
    this.permits = permits;
    this.lifecycle = lifecycle;
    this.currentUser = currentUser;
  }

  /**
   * 登记台账: only for this process instance's registered destruction whose permit was used at the gate by the
   * execution step — a start at this step records nothing and yields no certificate (先审后做).
   */
  public void complete(DelegateExecution execution) {
    RequestRegister.Registered request = null;
    Permit permit;
    try {
      request = register.required(execution);
      permit = permits.findByRequest(request.requestId()).filter(p -> p.status() == Permit.Status.USED).orElseThrow(() ->
          new EngineRefusal(409, "permit_not_used", "销毁未经授权闸口执行，不能登记 (the destruction never passed the permit gate)"));
    } catch (EngineRefusal refusal) {
      throw audit.refused("DESTRUCTION_REFUSED", currentUser.id(), "request", request == null ? "-" : request.requestId(), refusal);
    }
    String requestId = request.requestId();
    Map<String, Object> v = execution.getVariables();
    SubmittedFields f = new SubmittedFields(v);
    Map<String, Object> particulars = new LinkedHashMap<>();
    particulars.put("method", v.get(DestructionVariables.DESTRUCTION_METHOD.name()));
    particulars.put("medium", v.get(DestructionVariables.STORAGE_MEDIUM.name()));
    particulars.put("operators", permit.usedBy()); // as the team was checked when the permit was used
    particulars.put("supervisor", v.get(DestructionVariables.DESTRUCTION_SUPERVISOR.name()));
    particulars.put(DestructionVariables.DESTROYED_AT.name(), f.instant(DestructionVariables.DESTROYED_AT, false).toString());
    particulars.put("verification", v.get(DestructionVariables.VERIFICATION_OUTCOME.name()));
    Map<String, Object> reclamation = new LinkedHashMap<>();
    for (DestructionVariables.Reclamation item : DestructionVariables.RECLAMATIONS) {
      reclamation.put(item.resource(), v.get(item.reclaimed().name()) + "：" + v.get(item.note().name()));
    }
    particulars.put("reclamation", reclamation);
    lifecycle.complete(requestId, f.count(DestructionVariables.DESTROYED_RECORD_COUNT, 0),
        f.instant(DestructionVariables.DESTROYED_AT, false), (String) v.get(DestructionVariables.DESTRUCTION_NOTE.name()));
    ledger.annotate(requestId, particulars);
    audit.append("DESTRUCTION_RECORDED", null, "request", requestId, particulars);
  }

  public void catalogueDeadline(DelegateExecution execution) {
    Date due = catalogueDeadline.fromNow();
    DestructionVariables.CATALOGUE_DUE_AT.set(execution, due);
    DestructionVariables.CATALOGUE_REMINDER_AT.set(execution, Date.from(due.toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate()
        .minusDays(CATALOGUE_REMINDER_DAYS_BEFORE).atTime(WorkingDayCalendar.REMINDER_TIME).atZone(WorkingDayCalendar.ZONE).toInstant()));
    DestructionVariables.CATALOGUE_OVERDUE.set(execution, false);
  }
}
