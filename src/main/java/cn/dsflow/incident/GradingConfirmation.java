package cn.dsflow.incident;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Complete listener of the incident lead's grading (first grading and every re-grading): the lead confirms the tables'
 * levels or overrides them, and an override needs a reason. Whatever is decided lands in the audit chain with the
 * tables' proposal beside it, so a later reviewer sees who departed from the table and why. A level below the tables'
 * proposal on either scale does not take effect on the lead's word alone: the tables' level stands, with its duties,
 * until a second person approves the downgrade ({@link DowngradeReview}). An upgrade takes effect at once.
 */
@Component("gradingConfirmation")
public class GradingConfirmation implements TaskListener {

  private final AuditChain audit;
  private final CurrentUser currentUser;

  public GradingConfirmation(AuditChain audit, CurrentUser currentUser) {
    this.audit = audit;
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedFields f = new SubmittedFields(task.getVariables());
    IncidentLevel proposedMiit = IncidentLevel.valueOf((String) task.getVariable("proposedMiitLevel"));
    IncidentLevel proposedCac = IncidentLevel.valueOf((String) task.getVariable("proposedCacLevel"));
    IncidentLevel miit = f.oneOf("confirmedMiitLevel", IncidentLevel.class);
    IncidentLevel cac = f.oneOf("confirmedCacLevel", IncidentLevel.class);
    String reason = f.optionalText("gradingReason", SubmittedFields.LONG_TEXT);
    boolean boundary = Boolean.TRUE.equals(task.getVariable("gradingBoundary"));
    GradingRule grading = GradingRule.decide(proposedMiit, proposedCac, miit, cac, reason, boundary);
    boolean overridden = grading.overridden();
    boolean downgrade = grading.downgrade();
    IncidentLevel effectiveMiit = grading.miit();
    IncidentLevel effectiveCac = grading.cac();
    String previous = (String) task.getVariable("miitLevel");
    task.setVariable("miitLevel", effectiveMiit.name());
    // DESIGN.md's incidentLevel: the MIIT plan's level, the one the response tier and the summary duty follow
    task.setVariable("incidentLevel", effectiveMiit.name());
    task.setVariable("cacLevel", effectiveCac.name());
    task.setVariable("downgradePending", downgrade);
    if (downgrade) {
      task.setVariable("requestedMiitLevel", miit.name());
      task.setVariable("requestedCacLevel", cac.name());
      task.setVariable("downgradeReviewGroup", DowngradeReview.reviewGroup(proposedMiit, proposedCac));
    }
    task.setVariable("gradedAt", org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime());
    task.setVariable("substantiveHarm", f.flag("substantiveHarm"));
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("task", task.getTaskDefinitionKey());
    detail.put("previousMiitLevel", previous);
    detail.put("proposedMiitLevel", proposedMiit.name());
    detail.put("miitLevel", miit.name());
    detail.put("proposedCacLevel", proposedCac.name());
    detail.put("cacLevel", cac.name());
    detail.put("overridden", overridden);
    detail.put("boundary", boundary);
    detail.put("reason", reason);
    detail.put("substantiveHarm", f.flag("substantiveHarm"));
    audit.append(previous == null ? "INCIDENT_GRADED" : "INCIDENT_REGRADED", currentUser.id(), "incident",
        (String) task.getVariable("incidentId"), detail);
    if (downgrade) {
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("proposedMiitLevel", proposedMiit.name());
      request.put("requestedMiitLevel", miit.name());
      request.put("proposedCacLevel", proposedCac.name());
      request.put("requestedCacLevel", cac.name());
      request.put("reviewGroup", DowngradeReview.reviewGroup(proposedMiit, proposedCac));
      request.put("reason", reason);
      audit.append(DowngradeReview.REQUESTED, currentUser.id(), "incident", (String) task.getVariable("incidentId"), request);
    }
  }
}
