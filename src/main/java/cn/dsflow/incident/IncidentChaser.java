package cn.dsflow.incident;

import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.notify.Notifier;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The timers on incident duties. A reminder goes to the owners; a missed deadline is escalated to the direct and the
 * first responsible persons (数据安全直接责任人、第一责任人) and marked overdue in the instance and the audit chain. The
 * task stays open: a late report is still owed, and CAC Measures art. 10 weighs late reports, so lateness is recorded.
 */
@Component("incidentChaser")
public class IncidentChaser {

  private final Notifier notifier;
  private final AuditChain audit;

  public IncidentChaser(Notifier notifier, AuditChain audit) {
    this.notifier = notifier;
    this.audit = audit;
  }

  public void remind(DelegateExecution execution, String duty, String ownerGroup, Date dueAt) {
    notifier.toGroup(ownerGroup, "即将到期：" + duty + " — " + execution.getVariable("title"),
        duty + " 将于 " + Deadlines.beijing(dueAt) + " 到期，请及时完成。", null);
    audit.append("INCIDENT_DUTY_REMINDER", null, "incident", (String) execution.getVariable("incidentId"),
        Map.of("duty", duty, "dueAt", dueAt.toInstant().toString()));
  }

  /** A report's deadline passed (called report process: the kind and its due time are its variables). */
  public void reportOverdue(DelegateExecution execution) {
    ReportKind kind = ReportKind.valueOf((String) execution.getVariable("reportKind"));
    overdue(execution, kind.title(), "reportOverdue", (Date) execution.getVariable("reportDueAt"));
  }

  public void overdue(DelegateExecution execution, String duty, String overdueVariable, Date dueAt) {
    execution.setVariable(overdueVariable, true);
    String subject = "已逾期：" + duty + " — " + execution.getVariable("title");
    String body = duty + " 的期限 " + Deadlines.beijing(dueAt) + " 已过，任务仍未完成。逾期已记录在案，请立即督办。";
    notifier.toGroup(Group.DS_DIRECT.id(), subject, body, null);
    notifier.toGroup(Group.DS_FIRST.id(), subject, body, null);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("duty", duty);
    detail.put("dueAt", dueAt.toInstant().toString());
    detail.put("escalatedTo", java.util.List.of(Group.DS_DIRECT.id(), Group.DS_FIRST.id()));
    audit.append("INCIDENT_DEADLINE_MISSED", null, "incident", (String) execution.getVariable("incidentId"), detail);
  }
}
