package cn.dsflow.permit;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.notify.Notifier;
import cn.dsflow.permit.Permit;
import cn.dsflow.permit.PermitLifecycle;
import cn.dsflow.permit.Permits;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.intake.ClaimedTime;
import cn.dsflow.intake.ClaimedTimes;
import cn.dsflow.approval.ApprovalSettings;
import cn.dsflow.approval.RequestRegister;
import cn.dsflow.form.SubmittedFields;
import cn.dsflow.system.EngineRefusal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Complete listener of 登记执行结果: the requester records what was actually done. A result beyond the approved scope
 * is recorded as it is (the ledger must tell the truth) and reported to the data-security department. The approved
 * scope, the use and the ledger row are those of this process instance's own registered request and permit: a
 * {@code recordCount}, {@code requestId} or {@code usedAt} variable changes none of them.
 */
@Component("operationResultRecorder")
public class OperationResultRecorder implements TaskListener {

  private final PermitLifecycle lifecycle;
  private final Permits permits;
  private final RequestRegister register;
  private final CurrentUser currentUser;
  private final AuditChain audit;
  private final Notifier notifier;
  private final ApprovalSettings settings;
  private final ClaimedTimes claimedTimes;

  public OperationResultRecorder(PermitLifecycle lifecycle, Permits permits, RequestRegister register,
      CurrentUser currentUser, AuditChain audit, Notifier notifier, ApprovalSettings settings, ClaimedTimes claimedTimes) {
    this.settings = settings;
    this.claimedTimes = claimedTimes;
    this.lifecycle = lifecycle;
    this.permits = permits;
    this.register = register;
    this.currentUser = currentUser;
    this.audit = audit;
    this.notifier = notifier;
  }

  @Override
  public void notify(DelegateTask task) {
    RequestRegister.Registered request = null;
    Permit permit;
    try {
      request = register.required(task.getExecution());
      String actor = currentUser.id() != null ? currentUser.id() : task.getAssignee();
      if (!request.requester().equals(actor)) {
        throw EngineRefusal.forbidden("not_requester", "执行结果由申请人登记 (the requester records the result)");
      }
      permit = permits.findByRequest(request.requestId()).filter(p -> p.status() == Permit.Status.USED).orElseThrow(() ->
          new EngineRefusal(409, "permit_not_used", "本申请的授权尚未经授权闸口使用，不能登记执行结果 (the permit was not used)"));
    } catch (EngineRefusal refusal) {
      throw audit.refused("OPERATION_RESULT_REFUSED", currentUser.id(), "request",
          request == null ? "-" : request.requestId(), refusal);
    }
    SubmittedFields form = new SubmittedFields(task.getVariables());
    long actual = form.count(RequestVariables.ACTUAL_RECORD_COUNT, 0);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    // the result is usually recorded right after the operation: a blank time stands for the moment the server received
    // it, the latest the operation can have ended, so the default can never backdate it (issue 18: "now" as default)
    Object given = RequestVariables.COMPLETED_AT.get(task);
    Instant completedAt = given == null || given.toString().isBlank()
        ? now : form.instant(RequestVariables.COMPLETED_AT, false);
    String note = form.optionalText(RequestVariables.RESULT_NOTE, SubmittedFields.LONG_TEXT);
    // the operation cannot end before the permit was used at the gate (000 §3.4.2(3)): the use time is the gate's
    // own record, not the instance's copy of it
    ClaimedTime.check(RequestVariables.COMPLETED_AT.name(), completedAt, false,
        new ClaimedTime.Bounds(permit.usedAt(), "授权使用时间 (permit use)", now, claimedTimes.grace()));
    String requestId = request.requestId();
    lifecycle.complete(requestId, actual, completedAt, note);
    long approved = permit.maxRecordCount();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("actualRecordCount", actual);
    detail.put("approvedRecordCount", approved);
    detail.put("completedAt", completedAt.toString());
    audit.append("OPERATION_RESULT_RECORDED", request.requester(), "request", requestId, detail);
    if (actual > approved) {
      audit.append("SCOPE_EXCEEDED", request.requester(), "request", requestId, detail);
      notifier.toGroup(Group.DSO.id(), "超出授权范围：" + request.request(settings.maxValidity()).summary(),
          "登记的实际数据量 " + actual + " 条超出批准的 " + approved + " 条，请核查。", null);
    }
  }
}
