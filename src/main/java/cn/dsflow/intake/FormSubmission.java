package cn.dsflow.intake;

import cn.dsflow.form.FormContract;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.EngineRefusal;
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
  private final ClaimedTimes claimedTimes;

  public FormSubmission(FormContract forms, AuditChain audit, CurrentUser currentUser, ClaimedTimes claimedTimes) {
    this.forms = forms;
    this.audit = audit;
    this.currentUser = currentUser;
    this.claimedTimes = claimedTimes;
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
    boolean incident = variables.get("incidentId") != null;
    String subjectType = incident ? "incident" : "request";
    String subjectId = (String) variables.get(incident ? "incidentId" : "requestId");
    java.util.List<Map<String, Object>> claims = java.util.List.of();
    if (form != null) {
      forms.check(form.getKey(), variables);
      try {
        claims = claimedTimes.checkAndRecord(task, forms.editableFields(form.getKey()), variables);
      } catch (EngineRefusal refusal) {
        // a back-dated or future-dated report is an attempt on the record itself (倒挂), so the refusal is kept
        throw audit.refused("CLAIMED_TIME_REFUSED", currentUser.id(), subjectType, subjectId,
            forms.labelled(form.getKey(), refusal));
      }
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("task", task.getTaskDefinitionKey());
    detail.put("name", task.getName());
    detail.put("dueAt", task.getDueDate() == null ? null : task.getDueDate().toInstant().toString());
    detail.put("late", task.getDueDate() != null && ClockUtil.getCurrentTime().after(task.getDueDate()));
    if (form != null) {
      detail.put("form", form.getKey());
      detail.put("fields", forms.submittedFields(form.getKey(), variables));
      if (!claims.isEmpty()) {
        detail.put("claimedTimes", claims);
      }
    }
    audit.append(eventType, currentUser.id(), subjectType, subjectId, detail);
    return variables;
  }
}
