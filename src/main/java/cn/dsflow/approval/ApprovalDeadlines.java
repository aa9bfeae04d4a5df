package cn.dsflow.approval;

import cn.dsflow.calendar.ProvisionalDeadlines.Rule;
import cn.dsflow.calendar.ProvisionalDeadlines;
import cn.dsflow.process.RequestVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Sets the slots' deadline (n working days, Beijing) and the reminder time before it. No seed gives a number. */
@Component("approvalDeadlines")
public class ApprovalDeadlines implements JavaDelegate {

  private final ProvisionalDeadlines deadlines;
  private final ApprovalSettings settings;

  public ApprovalDeadlines(ProvisionalDeadlines deadlines, ApprovalSettings settings) {
    this.deadlines = deadlines;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String requestId = RequestVariables.REQUEST_ID.get(execution);
    deadlines.set(execution, execution.getProcessInstanceId(), "request", requestId == null ? execution.getProcessInstanceId() : requestId,
        new Rule("审批时限", RequestVariables.APPROVAL_DUE_AT.name(), settings.slotWorkingDays(),
            RequestVariables.APPROVAL_REMINDER_AT.name(), settings.reminderWorkingDaysBefore()),
        ClockUtil.getCurrentTime());
    // the completion condition reads it: no rejection yet
    RequestVariables.REJECTED.set(execution, false);
  }
}
