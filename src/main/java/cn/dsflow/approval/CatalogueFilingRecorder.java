package cn.dsflow.approval;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.intake.ClaimedTime;
import cn.dsflow.intake.ClaimedTimes;
import cn.dsflow.form.SubmittedFields;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Complete listener of the catalogue change filing (000 §2.6(3)): what was filed, when, under which reference. */
@Component("catalogueFilingRecorder")
public class CatalogueFilingRecorder implements TaskListener {

  private final AuditChain audit;
  private final CurrentUser currentUser;
  private final ClaimedTimes claimedTimes;

  public CatalogueFilingRecorder(AuditChain audit, CurrentUser currentUser, ClaimedTimes claimedTimes) {
    this.claimedTimes = claimedTimes;
    this.audit = audit;
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedFields form = new SubmittedFields(task.getVariables());
    String reference = form.text(RequestVariables.FILING_REFERENCE, SubmittedFields.SHORT_TEXT);
    java.time.Instant now = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();
    java.time.Instant filedAt = ClaimedTime.check(RequestVariables.FILED_AT.name(),
        form.instant(RequestVariables.FILED_AT, false), false,
        claimedTimes.boundsOf(task, now));
    String summary = form.text(RequestVariables.CHANGE_SUMMARY, SubmittedFields.LONG_TEXT);
    boolean late = task.getDueDate() != null && filedAt.isAfter(task.getDueDate().toInstant());
    audit.append("CATALOGUE_CHANGE_FILED", currentUser.id(), "request", RequestVariables.REQUEST_ID.get(task),
        Map.of("filingReference", reference, "filedAt", filedAt.toString(), "changeSummary", summary, "late", late));
  }
}
