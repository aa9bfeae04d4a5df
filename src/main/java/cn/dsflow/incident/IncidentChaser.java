package cn.dsflow.incident;

import cn.dsflow.notify.DeadlineChaser;
import cn.dsflow.process.IncidentVariables;
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
    ReportKind kind = ReportKind.valueOf(IncidentVariables.REPORT_KIND.get(execution));
    chaser.overdue(execution, kind.title(), IncidentVariables.REPORT_OVERDUE.name(), IncidentVariables.REPORT_DUE_AT.get(execution));
  }
}
