package cn.dsflow.notify;

import cn.dsflow.calendar.ProvisionalDeadlines;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.BeijingTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The timers on a duty with a legal deadline. A reminder goes to the owners; a missed deadline is escalated to the
 * direct and the first responsible persons (数据安全直接责任人、第一责任人) and marked overdue in the instance and the
 * audit chain. The task stays open: a late duty is still owed, and lateness is recorded, never dropped.
 */
@Component("deadlineChaser")
public class DeadlineChaser {

  private final Notifier notifier;
  private final AuditChain audit;
  private final ProvisionalDeadlines provisional;
  private final ChatAlerts chat;

  public DeadlineChaser(Notifier notifier, AuditChain audit, ProvisionalDeadlines provisional, ChatAlerts chat) {
    this.chat = chat;
    this.notifier = notifier;
    this.audit = audit;
    this.provisional = provisional;
  }

  public static String beijing(Date date) {
    return date == null ? "-" : BeijingTime.minute(date) + " (北京时间)";
  }

  public void remind(DelegateExecution execution, String duty, String ownerGroup, Date dueAt) {
    notifier.toGroup(ownerGroup, "即将到期：" + duty + " — " + label(execution),
        duty + " 将于 " + beijing(dueAt) + provisional.note(execution.getProcessInstanceId(), dueAt) + " 到期，请及时完成。", null);
    chat.post(ChatEvent.REMINDER, ownerGroup, duty + " — " + label(execution),
        duty + " 将于 " + beijing(dueAt) + " 到期，请及时完成。", null);
    audit.append(prefix(execution) + "DUTY_REMINDER", null, subjectType(execution), subjectId(execution),
        Map.of("duty", duty, "dueAt", dueAt.toInstant().toString()));
  }

  public void overdue(DelegateExecution execution, String duty, String overdueVariable, Date dueAt) {
    execution.setVariable(overdueVariable, true);
    String subject = "已逾期：" + duty + " — " + label(execution);
    String body = duty + " 的期限 " + beijing(dueAt) + " 已过，任务仍未完成。逾期已记录在案，请立即督办。";
    notifier.toGroup(Group.DS_DIRECT.id(), subject, body, null);
    notifier.toGroup(Group.DS_FIRST.id(), subject, body, null);
    chat.post(ChatEvent.OVERDUE, List.of(Group.DS_DIRECT.id(), Group.DS_FIRST.id()), duty + " — " + label(execution), body, null);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("duty", duty);
    detail.put("dueAt", dueAt.toInstant().toString());
    detail.put("escalatedTo", List.of(Group.DS_DIRECT.id(), Group.DS_FIRST.id()));
    audit.append(prefix(execution) + "DEADLINE_MISSED", null, subjectType(execution), subjectId(execution), detail);
  }

  private static boolean incident(DelegateExecution execution) {
    return execution.getVariable("incidentId") != null;
  }

  private static String prefix(DelegateExecution execution) {
    return incident(execution) ? "INCIDENT_" : "";
  }

  private static boolean risk(DelegateExecution execution) {
    return !incident(execution) && execution.getVariable("riskId") != null;
  }

  private static String subjectType(DelegateExecution execution) {
    return incident(execution) ? "incident" : risk(execution) ? "risk" : "request";
  }

  private static String subjectId(DelegateExecution execution) {
    return (String) execution.getVariable(incident(execution) ? "incidentId" : risk(execution) ? "riskId" : "requestId");
  }

  private static String label(DelegateExecution execution) {
    return String.valueOf(execution.getVariable(incident(execution) || risk(execution) ? "title" : "requestSummary"));
  }
}
