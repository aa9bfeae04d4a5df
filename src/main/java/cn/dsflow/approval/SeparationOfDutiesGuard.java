package cn.dsflow.approval;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.system.SystemCommands;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Separation of duties on every approval slot (000 §3.4.2(1) 多人审批, §3.3.1(3) role separation), checked when a task
 * is claimed or assigned and again when it is completed, whatever the channel (Tasklist, REST, Java): the requester
 * never decides on their own request, nobody decides twice on one request, nobody outside the slot's group decides,
 * nobody completes a slot claimed by someone else, and no administrator (camunda-admin) decides at all. The requester
 * and the slot's group come from {@link RequestRegister} and {@link ApprovalSlots}, never from a variable a starter or
 * candidate could have written. A refusal leaves the task as it was and is audited.
 */
@Component("separationOfDutiesGuard")
public class SeparationOfDutiesGuard implements TaskListener {

  private final CurrentUser currentUser;
  private final ApprovalDecisions decisions;
  private final IdentityService identityService;
  private final SystemCommands system;
  private final AuditChain audit;
  private final ApprovalSlots slots;

  public SeparationOfDutiesGuard(
      CurrentUser currentUser, ApprovalDecisions decisions, IdentityService identityService, SystemCommands system,
      AuditChain audit, ApprovalSlots slots) {
    this.currentUser = currentUser;
    this.decisions = decisions;
    this.identityService = identityService;
    this.system = system;
    this.audit = audit;
    this.slots = slots;
  }

  @Override
  public void notify(DelegateTask task) {
    boolean completing = EVENTNAME_COMPLETE.equals(task.getEventName());
    String actor = completing ? actingUser(task) : task.getAssignee();
    if (actor == null) {
      return; // un-claiming a task decides nothing
    }
    String violation = violation(task, actor, completing);
    if (violation != null) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("taskId", task.getId());
      detail.put("action", completing ? "complete" : "claim");
      detail.put("slotGroup", slots.slotOf(task.getId()).map(ApprovalSlots.Slot::group).orElse(null));
      detail.put("actor", actor);
      detail.put("reason", violation);
      audit.appendIndependently("SEPARATION_OF_DUTIES_REFUSED", currentUser.id() != null ? currentUser.id() : actor,
          "request", slots.requestOf(task.getId()).map(RequestRegister.Registered::requestId).orElse("-"), detail);
      throw EngineRefusal.forbidden("separation_of_duties", violation);
    }
  }

  String violation(DelegateTask task, String actor, boolean completing) {
    RequestRegister.Registered request = slots.requestOf(task.getId()).orElse(null);
    String group = slots.slotOf(task.getId()).map(ApprovalSlots.Slot::group).orElse(null);
    if (request == null || group == null) {
      return "没有登记的申请或审批岗位 (no registered request or approver slot behind this task)";
    }
    if (actor.equals(request.requester())) {
      return "职责分离：申请人不得审批自己的申请 (the requester " + actor + " may not decide on their own request)";
    }
    if (memberOf(actor, Group.ADMIN)) {
      // docs/security-model.md: the administrator runs the system and is never one of the approvers it checks
      return "职责分离：系统管理员不得担任审批人 (" + actor + " is an administrator, and administrators never approve)";
    }
    if (decisions.hasDecided(request.requestId(), actor)) {
      return "职责分离：同一人不得对同一申请审批两次 (" + actor + " has already decided on this request)";
    }
    if (!memberOf(actor, group)) {
      return "职责分离：" + actor + " 不属于本审批岗位的组 " + group + " (not a member of the slot's group)";
    }
    if (completing && task.getAssignee() != null && !task.getAssignee().equals(actor)) {
      return "该审批任务已由 " + task.getAssignee() + " 认领 (the slot is claimed by someone else)";
    }
    return null;
  }

  private boolean memberOf(String user, String group) {
    return system.run(() -> identityService.createUserQuery().userId(user).memberOfGroup(group).count() > 0);
  }

  /** Completing needs a known person: the authenticated user, or (for Java callers without one) the assignee. */
  private String actingUser(DelegateTask task) {
    String actor = currentUser.id() != null ? currentUser.id() : task.getAssignee();
    if (actor == null) {
      throw EngineRefusal.forbidden("unauthenticated", "审批必须由已登录的审批人完成 (a decision needs an authenticated approver)");
    }
    return actor;
  }

}
