package cn.dsflow.approval;

import cn.dsflow.calendar.ProvisionalDeadlines;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.notify.ChatAlerts;
import cn.dsflow.notify.ChatEvent;
import cn.dsflow.notify.DeadlineChaser;
import cn.dsflow.notify.Notifier;
import cn.dsflow.process.RequestVariables;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Create listener of an approval slot: binds the task to its slot in {@link ApprovalSlots}, then a readable task name,
 * a mail to the slot's group, an audit entry.
 */
@Component("slotNotifier")
public class SlotNotifier implements TaskListener {

  private final Notifier notifier;
  private final AuditChain audit;
  private final ApprovalSlots slots;
  private final RequestRegister register;
  private final ProvisionalDeadlines provisional;
  private final ChatAlerts chat;

  public SlotNotifier(
      Notifier notifier, AuditChain audit, ApprovalSlots slots, RequestRegister register, ProvisionalDeadlines provisional,
      ChatAlerts chat) {
    this.chat = chat;
    this.notifier = notifier;
    this.audit = audit;
    this.slots = slots;
    this.register = register;
    this.provisional = provisional;
  }

  @Override
  public void notify(DelegateTask task) {
    String group = slots.bind(task).group();
    RequestRegister.Registered request = register.required(task.getExecution());
    String groupName = Group.byId(group).map(Group::chineseName).orElse(group);
    String summary = RequestVariables.REQUEST_SUMMARY.text(task);
    task.setName("审批（" + groupName + "）：" + summary);
    notifier.toGroupExcept(group, List.of(request.requester()), "待审批：" + summary,
        "申请人 " + request.requester() + " 提交的申请需要“" + groupName + "”审批，期限 " + DeadlineChaser.beijing(task.getDueDate())
            + provisional.note(task.getProcessInstanceId(), task.getDueDate()) + "。",
        notifier.taskLink(task.getId()));
    chat.post(ChatEvent.SLOT_OPENED, group, summary,
        "需要“" + groupName + "”审批，期限 " + DeadlineChaser.beijing(task.getDueDate()) + "。", notifier.taskLink(task.getId()));
    audit.append("APPROVAL_SLOT_OPENED", null, "request", request.requestId(),
        Map.of("taskId", task.getId(), "slotGroup", group, "due", String.valueOf(task.getDueDate())));
  }
}
