package cn.dsflow.incident;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.process.IncidentVariables;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sets one report's legal deadline, which becomes the task's Camunda due date (Tasklist shows it) and its escalation
 * timer. Hours are hours on the clock, counted from when the duty arose; they do not pause for nights or holidays.
 */
@Component("reportClock")
public class ReportClock implements JavaDelegate {

  private final IncidentSettings settings;
  private final AuditChain audit;
  private final GradingProposals proposals;

  public ReportClock(IncidentSettings settings, AuditChain audit, GradingProposals proposals) {
    this.settings = settings;
    this.audit = audit;
    this.proposals = proposals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ReportKind kind = ReportKind.valueOf(IncidentVariables.REPORT_KIND.get(execution));
    Instant start = IncidentVariables.REPORT_CLOCK_START.get(execution).toInstant();
    // the warning report's clock runs on what the grading tables proposed (V18), not on the proposedMiitLevel variable
    // a client could rewrite to lengthen it (trust model)
    IncidentLevel miit = kind == ReportKind.WARNING ? proposals.latest(IncidentInstances.incidentOf(execution)).miit()
        : IncidentLevel.valueOf(IncidentVariables.MIIT_LEVEL.get(execution));
    Instant due = start.plus(ReportDeadline.limit(kind, miit, settings));
    IncidentVariables.REPORT_DUE_AT.setLocal(execution, Date.from(due));
    IncidentVariables.REPORT_OVERDUE.setLocal(execution, false);
    audit.append("REPORT_DUTY_OPENED", null, "incident", IncidentVariables.INCIDENT_ID.get(execution),
        Map.of("kind", kind.name(), "clockStart", start.toString(), "dueAt", due.toString()));
  }
}
