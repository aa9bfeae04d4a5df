package cn.dsflow.approval;

import cn.dsflow.identity.Group;
import cn.dsflow.ledger.ApprovalLedger;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.notify.Notifier;
import cn.dsflow.permit.Permits;
import cn.dsflow.system.ClaimedTime;
import cn.dsflow.system.ClaimedTimes;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.system.SubmittedFields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Complete listener of 登记执行结果: the requester records what was actually done. A result beyond the approved scope
 * is recorded as it is (the ledger must tell the truth) and reported to the data-security department.
 */
@Component("operationResultRecorder")
public class OperationResultRecorder implements TaskListener {

  private final ApprovalLedger ledger;
  private final AuditChain audit;
  private final Notifier notifier;
  private final Permits permits;
  private final ClaimedTimes claimedTimes;

  public OperationResultRecorder(ApprovalLedger ledger, AuditChain audit, Notifier notifier, Permits permits,
      ClaimedTimes claimedTimes) {
    this.permits = permits;
    this.claimedTimes = claimedTimes;
    this.ledger = ledger;
    this.audit = audit;
    this.notifier = notifier;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> submitted = new LinkedHashMap<>();
    submitted.put("actualRecordCount", task.getVariable("actualRecordCount"));
    submitted.put("completedAt", task.getVariable("completedAt"));
    submitted.put("resultNote", task.getVariable("resultNote"));
    SubmittedFields form = new SubmittedFields(submitted);
    long actual = form.count("actualRecordCount", 0);
    Instant completedAt = form.instant("completedAt", false);
    String note = form.optionalText("resultNote", SubmittedFields.LONG_TEXT);
    String requestId = (String) task.getVariable("requestId");
    // the operation cannot end before the permit was used at the gate (000 §3.4.2(3)): the use time is the gate's
    // own record, not the instance's copy of it
    Instant usedAt = permits.findByRequest(requestId)
        .filter(p -> p.processInstanceId().equals(task.getProcessInstanceId()) && p.usedAt() != null)
        .map(p -> p.usedAt())
        .orElseThrow(() -> EngineRefusal.invalid("completedAt", "授权尚未使用 (the permit has not been used)"));
    ClaimedTime.check("completedAt", completedAt, false, new ClaimedTime.Bounds(usedAt, "授权使用时间 (permit use)",
        ClockUtil.getCurrentTime().toInstant(), claimedTimes.grace()));
    ledger.complete(requestId, actual, completedAt, note);
    long approved = ((Number) task.getVariable("recordCount")).longValue();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("actualRecordCount", actual);
    detail.put("approvedRecordCount", approved);
    detail.put("completedAt", completedAt.toString());
    audit.append("OPERATION_RESULT_RECORDED", (String) task.getVariable("requester"), "request", requestId, detail);
    if (actual > approved) {
      audit.append("SCOPE_EXCEEDED", (String) task.getVariable("requester"), "request", requestId, detail);
      notifier.toGroup(Group.DSO.id(), "超出授权范围：" + task.getVariable("requestSummary"),
          "登记的实际数据量 " + actual + " 条超出批准的 " + approved + " 条，请核查。", null);
    }
  }
}
