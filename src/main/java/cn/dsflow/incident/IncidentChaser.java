package cn.dsflow.incident;

import cn.dsflow.notify.DeadlineChaser;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** The escalation of a late incident report: which report, and its deadline, are the called instance's variables. */
@Component("incidentChaser")
public class IncidentChaser {

  private final DeadlineChaser chaser;

  public IncidentChaser(DeadlineChaser chaser) {
    this.chaser = chaser;
  }

  public void reportOverdue(DelegateExecution execution) {
    ReportKind kind = ReportKind.valueOf((String) execution.getVariable("reportKind"));
    chaser.overdue(execution, kind.title(), "reportOverdue", (Date) execution.getVariable("reportDueAt"));
  }
}
