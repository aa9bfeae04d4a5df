package cn.dsflow.system;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Complete listener for a task whose record is its form: the submission is checked against the form's rules on the
 * server ({@link FormContract}) and lands in the audit chain with who, when, what, and whether it was late. The
 * subject is the incident or the request the task belongs to.
 */
@Component("formSubmission")
public class FormSubmission implements TaskListener {

  private final FormContract forms;
  private final AuditChain audit;
  private final CurrentUser currentUser;

  public FormSubmission(FormContract forms, AuditChain audit, CurrentUser currentUser) {
    this.forms = forms;
    this.audit = audit;
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    record(task, "TASK_COMPLETED");
  }

  /**
   * Create listener of a task that can be done more than once in one instance (a progress report, a second grading, an
   * outcome after a supplement): the previous submission's answers are cleared, so its required fields must be
   * answered again rather than satisfied by what was said last time.
   */
  public void fresh(DelegateTask task) {
    TaskEntity entity = (TaskEntity) task;
    entity.initializeFormKey();
    CamundaFormRef form = entity.getCamundaFormRef();
    if (form != null) {
      forms.editableFields(form.getKey()).forEach(task::removeVariable);
    }
  }

  /**
   * As {@link #fresh(DelegateTask)} for the named fields only: a form that shows the current facts for editing keeps
   * them, but its reason for the change must be given anew.
   */
  public void fresh(DelegateTask task, String commaSeparatedKeys) {
    for (String key : commaSeparatedKeys.split(",")) {
      task.removeVariable(key.strip());
    }
  }

  /** Checks and audits the submission; returns the task's variables as they were submitted. */
  public Map<String, Object> record(DelegateTask task, String eventType) {
    Map<String, Object> variables = task.getVariables();
    TaskEntity entity = (TaskEntity) task;
    entity.initializeFormKey();
    CamundaFormRef form = entity.getCamundaFormRef();
    if (form != null) {
      forms.check(form.getKey(), variables);
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("task", task.getTaskDefinitionKey());
    detail.put("name", task.getName());
    detail.put("dueAt", task.getDueDate() == null ? null : task.getDueDate().toInstant().toString());
    detail.put("late", task.getDueDate() != null && ClockUtil.getCurrentTime().after(task.getDueDate()));
    if (form != null) {
      detail.put("form", form.getKey());
      detail.put("fields", forms.submittedFields(form.getKey(), variables));
    }
    boolean incident = variables.get("incidentId") != null;
    audit.append(eventType, currentUser.id(), incident ? "incident" : "request",
        (String) variables.get(incident ? "incidentId" : "requestId"), detail);
    return variables;
  }
}
