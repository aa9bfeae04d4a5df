package cn.dsflow.incident;

import cn.dsflow.intake.Intake;
import cn.dsflow.process.IncidentVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Start listener of {@code incident-response}: the report is checked as the form checks it (REST bypasses the form),
 * normalised for the grading tables, and registered in the audit chain before anything else happens. A refused report
 * leaves no instance behind, and the refusal itself is audited.
 */
@Component("incidentIntake")
public class IncidentIntake implements ExecutionListener {

  private final Intake intake;
  private final IncidentSettings settings;

  public IncidentIntake(Intake intake, IncidentSettings settings) {
    this.intake = intake;
    this.settings = settings;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Intake.Admitted<IncidentFacts> admitted = intake.admit(execution, "INCIDENT_REPORT_REFUSED",
        (reporter, submitted) -> IncidentFacts.from(submitted, ClockUtil.getCurrentTime().toInstant()));
    IncidentFacts facts = admitted.content();
    String incidentId = admitted.instanceId();
    execution.setVariables(facts.variables());
    IncidentVariables.INCIDENT_ID.set(execution, incidentId);
    IncidentVariables.REPORTED_AT.set(execution, ClockUtil.getCurrentTime());
    IncidentVariables.REPORTS_OPENED.set(execution, "");
    IncidentVariables.SUBSTANTIVE_HARM.set(execution, false);
    IncidentVariables.PROGRESS_REPORT_CYCLE.set(execution, settings.progressReportCycle());
    intake.recorded(admitted, facts.reportKind() == IncidentFacts.ReportKind.WARNING ? "INCIDENT_WARNING_REPORTED"
        : "INCIDENT_REPORTED", "incident", facts.variables());
  }
}
