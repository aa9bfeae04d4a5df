package cn.dsflow.incident;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.EngineRefusal;
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

  private final AuditChain audit;
  private final IncidentSettings settings;

  public IncidentIntake(AuditChain audit, IncidentSettings settings) {
    this.audit = audit;
    this.settings = settings;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String reporter = (String) execution.getVariable("reporter");
    IncidentFacts facts;
    try {
      if (reporter == null) {
        throw EngineRefusal.forbidden("unauthenticated", "报告人必须登录后提交 (the reporter must be authenticated)");
      }
      facts = IncidentFacts.from(execution.getVariables(), ClockUtil.getCurrentTime().toInstant());
    } catch (EngineRefusal refusal) {
      throw audit.refused("INCIDENT_REPORT_REFUSED", reporter, "incident-response", "-", refusal);
    }
    String incidentId = execution.getProcessInstanceId();
    execution.setVariables(facts.variables());
    execution.setVariable("incidentId", incidentId);
    execution.setVariable("reportedAt", ClockUtil.getCurrentTime());
    execution.setVariable("reportsOpened", "");
    execution.setVariable("substantiveHarm", false);
    execution.setVariable("progressReportCycle", settings.progressReportCycle());
    audit.append(facts.reportKind() == IncidentFacts.ReportKind.WARNING ? "INCIDENT_WARNING_REPORTED" : "INCIDENT_REPORTED",
        reporter, "incident", incidentId, facts.variables());
  }
}
