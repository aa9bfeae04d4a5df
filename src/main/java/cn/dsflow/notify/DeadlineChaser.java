package cn.dsflow.notify;

import cn.dsflow.calendar.ProvisionalDeadlines;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.process.IncidentVariables;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.process.RiskVariables;
import cn.dsflow.process.Var;
import cn.dsflow.system.BeijingTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
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

  /**
   * Whose deadline this is, from the process definition the timer fired in rather than from which variable happens to
   * be set: a starter may add any variable through {@code /engine-rest}, so an {@code incidentId} on a request must not
   * turn its missed deadline into an incident's. The incident processes are named {@code incident-*} and each call hands
   * down {@code incidentId} and {@code title} by name.
   */
  enum Subject {
    INCIDENT("INCIDENT_", "incident", IncidentVariables.INCIDENT_ID, IncidentVariables.TITLE),
    RISK("", "risk", RiskVariables.RISK_ID, RiskVariables.TITLE),
    REQUEST("", "request", RequestVariables.REQUEST_ID, RequestVariables.REQUEST_SUMMARY);

    private final String auditPrefix;
    private final String type;
    private final Var<String> id;
    private final Var<?> label;

    Subject(String auditPrefix, String type, Var<String> id, Var<?> label) {
      this.auditPrefix = auditPrefix;
      this.type = type;
      this.id = id;
      this.label = label;
    }

    static Subject of(String processDefinitionKey) {
      if (processDefinitionKey.startsWith("incident-")) {
        return INCIDENT;
      }
      return "risk-report".equals(processDefinitionKey) ? RISK : REQUEST;
    }

    static Subject of(DelegateExecution execution) {
      return of(((ExecutionEntity) execution).getProcessDefinition().getKey());
    }
  }

  private static String prefix(DelegateExecution execution) {
    return Subject.of(execution).auditPrefix;
  }

  private static String subjectType(DelegateExecution execution) {
    return Subject.of(execution).type;
  }

  private static String subjectId(DelegateExecution execution) {
    return Subject.of(execution).id.get(execution);
  }

  private static String label(DelegateExecution execution) {
    return Subject.of(execution).label.text(execution);
  }
}
