package cn.dsflow.incident;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.process.IncidentVariables;
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
  private final GradingProposals proposals;

  public GradingConfirmation(AuditChain audit, CurrentUser currentUser, GradingProposals proposals) {
    this.audit = audit;
    this.currentUser = currentUser;
    this.proposals = proposals;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedFields f = new SubmittedFields(task.getVariables());
    // the tables' proposal as GradingProposal recorded it, not the variables that show it (trust model)
    GradingProposals.Proposed proposed = proposals.latest(IncidentInstances.incidentOf(task.getExecution()));
    IncidentLevel proposedMiit = proposed.miit();
    IncidentLevel proposedCac = proposed.cac();
    IncidentLevel miit = f.oneOf(IncidentVariables.CONFIRMED_MIIT_LEVEL, IncidentLevel.class);
    IncidentLevel cac = f.oneOf(IncidentVariables.CONFIRMED_CAC_LEVEL, IncidentLevel.class);
    String reason = f.optionalText(IncidentVariables.GRADING_REASON, SubmittedFields.LONG_TEXT);
    boolean boundary = proposed.boundary();
    GradingRule grading = GradingRule.decide(proposedMiit, proposedCac, miit, cac, reason, boundary);
    boolean overridden = grading.overridden();
    boolean downgrade = grading.downgrade();
    IncidentLevel effectiveMiit = grading.miit();
    IncidentLevel effectiveCac = grading.cac();
    String previous = IncidentVariables.MIIT_LEVEL.get(task);
    IncidentVariables.MIIT_LEVEL.set(task, effectiveMiit.name());
    // DESIGN.md's incidentLevel: the MIIT plan's level, the one the response tier and the summary duty follow
    IncidentVariables.INCIDENT_LEVEL.set(task, effectiveMiit.name());
    IncidentVariables.CAC_LEVEL.set(task, effectiveCac.name());
    IncidentVariables.DOWNGRADE_PENDING.set(task, downgrade);
    if (downgrade) {
      IncidentVariables.REQUESTED_MIIT_LEVEL.set(task, miit.name());
      IncidentVariables.REQUESTED_CAC_LEVEL.set(task, cac.name());
      IncidentVariables.DOWNGRADE_REVIEW_GROUP.set(task, DowngradeReview.reviewGroup(proposedMiit, proposedCac));
    }
    IncidentVariables.GRADED_AT.set(task, org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime());
    IncidentVariables.SUBSTANTIVE_HARM.set(task, f.flag(IncidentVariables.SUBSTANTIVE_HARM));
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
    detail.put("substantiveHarm", f.flag(IncidentVariables.SUBSTANTIVE_HARM));
    audit.append(previous == null ? "INCIDENT_GRADED" : "INCIDENT_REGRADED", currentUser.id(), "incident",
        IncidentVariables.INCIDENT_ID.get(task), detail);
    if (downgrade) {
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("proposedMiitLevel", proposedMiit.name());
      request.put("requestedMiitLevel", miit.name());
      request.put("proposedCacLevel", proposedCac.name());
      request.put("requestedCacLevel", cac.name());
      request.put("reviewGroup", DowngradeReview.reviewGroup(proposedMiit, proposedCac));
      request.put("reason", reason);
      audit.append(DowngradeReview.REQUESTED, currentUser.id(), "incident", IncidentVariables.INCIDENT_ID.get(task), request);
    }
  }
}
