package cn.dsflow.approval;

import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.notify.ChatAlerts;
import cn.dsflow.notify.ChatEvent;
import cn.dsflow.notify.DeadlineChaser;
import cn.dsflow.notify.Notifier;
import cn.dsflow.process.RequestVariables;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The timers on open approval slots: a reminder to the slots' groups before the deadline, and at the deadline an
 * escalation to the direct responsible person (数据安全直接责任人). Neither decides anything: a slot that times out
 * stays open and the overdue mark stays in the record.
 */
@Component("approvalChaser")
public class ApprovalChaser {

  private final TaskService taskService;
  private final Notifier notifier;
  private final AuditChain audit;

  private final ApprovalSlots slots;
  private final RequestRegister register;
  private final ChatAlerts chat;

  public ApprovalChaser(
      TaskService taskService, Notifier notifier, AuditChain audit, ApprovalSlots slots, RequestRegister register,
      ChatAlerts chat) {
    this.chat = chat;
    this.slots = slots;
    this.register = register;
    this.taskService = taskService;
    this.notifier = notifier;
    this.audit = audit;
  }

  public void remind(DelegateExecution execution) {
    List<Task> open = openSlots(execution);
    List<String> requester = List.of(register.required(execution).requester());
    for (Task t : open) {
      String group = slots.slotOf(t.getId()).map(ApprovalSlots.Slot::group).orElseThrow();
      notifier.toGroupExcept(group, requester, "审批即将到期：" + RequestVariables.REQUEST_SUMMARY.text(execution),
          "该审批将于 " + DeadlineChaser.beijing(t.getDueDate()) + " 到期，请及时处理。", notifier.taskLink(t.getId()));
      chat.post(ChatEvent.REMINDER, group, RequestVariables.REQUEST_SUMMARY.text(execution),
          "该审批将于 " + DeadlineChaser.beijing(t.getDueDate()) + " 到期，请及时处理。", notifier.taskLink(t.getId()));
    }
    audit.append("APPROVAL_REMINDER", null, "request", register.required(execution).requestId(),
        Map.of("openSlots", open.stream().map(Task::getId).toList()));
  }

  public void escalate(DelegateExecution execution) {
    List<Task> open = openSlots(execution);
    RequestVariables.APPROVAL_OVERDUE.set(execution, true);
    String summary = RequestVariables.REQUEST_SUMMARY.text(execution);
    notifier.toGroup(Group.DS_DIRECT.id(), "审批逾期升级：" + summary,
        "以下申请的审批已超过期限，仍有 " + open.size() + " 个审批岗位未决。逾期不视为同意，请督促处理。", null);
    chat.post(ChatEvent.ESCALATION, Group.DS_DIRECT.id(), summary,
        "审批已超过期限，仍有 " + open.size() + " 个审批岗位未决。逾期不视为同意，请督促处理。", null);
    RequestRegister.Registered request = register.required(execution);
    notifier.toUsers(List.of(request.requester()), "您的申请审批已逾期：" + summary,
        "审批已超过期限并已上报数据安全直接责任人。", null);
    audit.append("APPROVAL_OVERDUE_ESCALATED", null, "request", request.requestId(),
        Map.of("openSlots", open.stream().map(Task::getId).toList(), "escalatedTo", Group.DS_DIRECT.id()));
  }

  private List<Task> openSlots(DelegateExecution execution) {
    return taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey("approve").list();
  }
}
