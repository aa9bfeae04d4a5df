package cn.dsflow.incident;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.FormContract;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Complete listener of every incident task: the submission is checked against its form's rules on the server, lands
 * in the audit chain with who, when and what, and a report task leaves its Word document, kept with its SM3 digest.
 */
@Component("incidentTaskRecorder")
public class IncidentTaskRecorder implements TaskListener {

  private final FormContract forms;
  private final AuditChain audit;
  private final CurrentUser currentUser;
  private final IncidentDocuments documents;
  private final IncidentDocumentStore store;

  public IncidentTaskRecorder(FormContract forms, AuditChain audit, CurrentUser currentUser, IncidentDocuments documents,
      IncidentDocumentStore store) {
    this.forms = forms;
    this.audit = audit;
    this.currentUser = currentUser;
    this.documents = documents;
    this.store = store;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> variables = task.getVariables();
    TaskEntity entity = (TaskEntity) task;
    entity.initializeFormKey();
    CamundaFormRef form = entity.getCamundaFormRef();
    if (form != null) {
      forms.check(form.getKey(), variables);
    }
    String incidentId = (String) task.getVariable("incidentId");
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("task", task.getTaskDefinitionKey());
    detail.put("name", task.getName());
    detail.put("dueAt", task.getDueDate() == null ? null : task.getDueDate().toInstant().toString());
    detail.put("late", task.getDueDate() != null && ClockUtil.getCurrentTime().after(task.getDueDate()));
    if (form != null) {
      detail.put("form", form.getKey());
      detail.put("fields", forms.submittedFields(form.getKey(), variables));
    }
    audit.append("INCIDENT_TASK_COMPLETED", currentUser.id(), "incident", incidentId, detail);
    ReportTemplate.submittedBy(task.getTaskDefinitionKey()).ifPresent(template -> {
      byte[] docx = documents.render(template, variables);
      var saved = store.save(incidentId, template.name(), template.title(), docx, currentUser.id(),
          ClockUtil.getCurrentTime().toInstant());
      task.setVariable(task.getTaskDefinitionKey() + "DocumentId", saved.id());
    });
  }
}
