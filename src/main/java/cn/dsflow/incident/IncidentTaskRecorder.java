package cn.dsflow.incident;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.process.IncidentVariables;
import cn.dsflow.intake.FormSubmission;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Complete listener of every incident task: the submission is checked against its form and audited
 * ({@link FormSubmission}), and a report task leaves its Word document, kept with its SM3 digest.
 */
@Component("incidentTaskRecorder")
public class IncidentTaskRecorder implements TaskListener {

  private final FormSubmission submission;
  private final CurrentUser currentUser;
  private final IncidentDocuments documents;
  private final IncidentDocumentStore store;

  public IncidentTaskRecorder(FormSubmission submission, CurrentUser currentUser, IncidentDocuments documents,
      IncidentDocumentStore store) {
    this.submission = submission;
    this.currentUser = currentUser;
    this.documents = documents;
    this.store = store;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> variables = submission.record(task, "INCIDENT_TASK_COMPLETED");
    ReportTemplate.submittedBy(task.getTaskDefinitionKey()).ifPresent(template -> {
      byte[] docx = documents.render(template, variables);
      var saved = store.save(IncidentVariables.INCIDENT_ID.get(task), template.name(), template.title(), docx,
          currentUser.id(), ClockUtil.getCurrentTime().toInstant());
      IncidentVariables.REPORT_DOCUMENT_IDS.get(task.getTaskDefinitionKey()).set(task, saved.id());
    });
  }
}
