package cn.dsflow.incident;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.process.IncidentVariables;
import cn.dsflow.form.SubmittedFields;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Re-grading: the changed facts are checked, normalised for the grading tables, and audited with the reason. */
@Component("factsUpdate")
public class FactsUpdate implements TaskListener {

  private final AuditChain audit;
  private final CurrentUser currentUser;

  public FactsUpdate(AuditChain audit, CurrentUser currentUser) {
    this.audit = audit;
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> updated = IncidentFacts.updatedGradingInputs(task.getVariables());
    String reason = new SubmittedFields(task.getVariables()).text(IncidentVariables.REGRADE_REASON, SubmittedFields.LONG_TEXT);
    task.setVariables(updated);
    Map<String, Object> detail = new LinkedHashMap<>(updated);
    detail.put("reason", reason);
    audit.append("INCIDENT_FACTS_UPDATED", currentUser.id(), "incident", IncidentVariables.INCIDENT_ID.get(task), detail);
  }
}
