package cn.dsflow.approval;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Complete listener of an approval slot (after {@link SeparationOfDutiesGuard}): checks the decision form, records who
 * decided what on which slot, on which content and when, and lets one rejection end the whole approval. The request,
 * its content hash and the slot come from the register, not from the task's variables.
 */
@Component("decisionRecorder")
public class DecisionRecorder implements TaskListener {

  public static final int MAX_COMMENT = 2000;

  enum Decision { APPROVE, REJECT }

  private final ApprovalDecisions decisions;
  private final CurrentUser currentUser;
  private final AuditChain audit;
  private final RequestRegister register;
  private final ApprovalSlots slots;

  public DecisionRecorder(ApprovalDecisions decisions, CurrentUser currentUser, AuditChain audit, RequestRegister register,
      ApprovalSlots slots) {
    this.decisions = decisions;
    this.currentUser = currentUser;
    this.audit = audit;
    this.register = register;
    this.slots = slots;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedFields form = new SubmittedFields(task.getVariables());
    Decision decision = form.oneOf(RequestVariables.DECISION, Decision.class);
    String comment = form.text(RequestVariables.COMMENT, MAX_COMMENT);
    String actor = currentUser.id() != null ? currentUser.id() : task.getAssignee();
    RequestRegister.Registered request = slots.requestOf(task.getId()).orElseThrow(() -> EngineRefusal.forbidden(
        "no_registered_request", "没有登记的申请 (no registered request behind this approval task)"));
    String requestId = request.requestId();
    String hash = request.contentHash();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    String group = slots.slotOf(task.getId()).orElseThrow(
        () -> EngineRefusal.forbidden("no_slot", "审批任务不属于任何审批岗位 (the approval task has no slot)")).group();

    try {
      decisions.record(new ApprovalDecisions.Decision(requestId, task.getId(), group, actor, decision.name(), comment, hash, now));
    } catch (DuplicateKeyException raced) {
      // the same person completing two slots of one request at the same moment: the guard could not see the other,
      // uncommitted decision, the database's one-decision-per-person key did (found by the attack)
      Map<String, Object> refused = new LinkedHashMap<>();
      refused.put("taskId", task.getId());
      refused.put("action", "complete");
      refused.put("slotGroup", group);
      refused.put("actor", actor);
      refused.put("reason", "concurrent second decision on the same request");
      audit.appendIndependently("SEPARATION_OF_DUTIES_REFUSED", actor, "request", requestId, refused);
      throw EngineRefusal.forbidden("separation_of_duties",
          "职责分离：同一人不得对同一申请作出两次决定 (one person decides at most once on a request)");
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("taskId", task.getId());
    detail.put("slotGroup", group);
    detail.put("decision", decision.name());
    detail.put("comment", comment);
    detail.put("requestHash", hash);
    audit.append("DECISION_RECORDED", actor, "request", requestId, detail);

    // each slot must bring its own decision: the next slot may not inherit this one
    RequestVariables.DECISION.remove(task.getExecution());
    RequestVariables.COMMENT.remove(task.getExecution());
    if (decision == Decision.REJECT) {
      register.close(requestId, RequestRegister.Status.REJECTED);
      RequestVariables.REJECTED.set(task.getExecution().getProcessInstance(), true);
      RequestVariables.REJECTION_REASON.set(task.getExecution().getProcessInstance(), actor + "：" + comment);
    }
  }
}
