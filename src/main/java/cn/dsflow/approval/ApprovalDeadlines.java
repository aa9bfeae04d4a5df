package cn.dsflow.approval;

import cn.dsflow.calendar.WorkingDayCalendar;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Sets the slots' deadline (n working days, Beijing) and the reminder time before it. No seed gives a number. */
@Component("approvalDeadlines")
public class ApprovalDeadlines implements JavaDelegate {

  private final WorkingDayCalendar calendar;
  private final ApprovalSettings settings;

  public ApprovalDeadlines(WorkingDayCalendar calendar, ApprovalSettings settings) {
    this.calendar = calendar;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Date due = calendar.deadlineFromNow(settings.slotWorkingDays());
    execution.setVariable("approvalDueAt", due);
    execution.setVariable("approvalReminderAt", calendar.reminderBefore(due, settings.reminderWorkingDaysBefore()));
    // the completion condition reads it: no rejection yet
    execution.setVariable("rejected", false);
  }
}
