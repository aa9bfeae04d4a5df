package cn.dsflow.intake;

import cn.dsflow.form.FormContract;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.EngineRefusal;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.springframework.stereotype.Component;

/**
 * The one way in: every process a person starts (a data operation, a cross-border transfer, a destruction, an incident
 * or risk report, a foreign authority's request) is admitted here by its start listener, in the engine's transaction,
 * before anything else is written.
 * <ol>
 *   <li>The submitter is the authenticated caller of the start, never a variable: a start variable named like the
 *       start event's {@code camunda:initiator} would otherwise stand in for it. The initiator variable is reset to
 *       mirror the truth.</li>
 *   <li>The process's rules and the start form's own rules ({@link FormContract}: required, length, range, options)
 *       check what was submitted (the REST API bypasses every check the form makes in the browser). A refused field
 *       is named by the label its form shows.</li>
 *   <li>A refusal is audited under the process's refusal event and leaves no instance behind; what passes is handed
 *       back for the process to register ({@link #recorded}).</li>
 * </ol>
 */
@Component
public class Intake {

  /** A start that passed: who submitted it, to which process, and what the process's rules made of it. */
  public record Admitted<T>(String submitter, String processKey, String instanceId, T content, String startForm) {}

  /** A process's own checks of what was submitted; throws an {@link EngineRefusal} naming the field it refuses. */
  @FunctionalInterface
  public interface Rules<T> {
    T check(String submitter, Map<String, Object> submitted);
  }

  private final CurrentUser currentUser;
  private final AuditChain audit;
  private final FormContract forms;

  public Intake(CurrentUser currentUser, AuditChain audit, FormContract forms) {
    this.currentUser = currentUser;
    this.audit = audit;
    this.forms = forms;
  }

  /** Admits the start or refuses it (audited as {@code refusedEvent}). */
  public <T> Admitted<T> admit(DelegateExecution execution, String refusedEvent, Rules<T> rules) {
    String submitter = currentUser.id();
    String processKey = processKey(execution);
    String startForm = startForm(execution);
    try {
      if (submitter == null) {
        throw EngineRefusal.forbidden("unauthenticated", "提交人必须登录后提交 (the submitter must be authenticated)");
      }
      String initiator = initiatorVariable(execution);
      if (initiator != null) {
        execution.setVariable(initiator, submitter);
      }
      // the process's rules speak first (their refusal cites the rule: an unlisted backup is 422 incomplete, not a
      // missing tick); the form's own rules then bind every field, for every process (/engine-rest skips the browser)
      T content = rules.check(submitter, execution.getVariables());
      if (startForm != null) {
        forms.check(startForm, execution.getVariables());
      }
      return new Admitted<>(submitter, processKey, execution.getProcessInstanceId(), content, startForm);
    } catch (EngineRefusal refusal) {
      throw audit.refused(refusedEvent, submitter, processKey, "-", named(startForm, refusal));
    }
  }

  /** The audit record of an admitted start, by its submitter, under the new instance's id. */
  public void recorded(Admitted<?> admitted, String event, String subjectType, Map<String, Object> detail) {
    audit.append(event, admitted.submitter(), subjectType, admitted.instanceId(), detail);
  }

  /** Refuses, audited like a refusal at admission, a start whose later registration step finds a fault. */
  public EngineRefusal refused(Admitted<?> admitted, String refusedEvent, EngineRefusal refusal) {
    return audit.refused(refusedEvent, admitted.submitter(), admitted.processKey(), "-",
        named(admitted.startForm(), refusal));
  }

  /** A refused field named as the start form the person filled in names it. */
  private EngineRefusal named(String startForm, EngineRefusal refusal) {
    return startForm == null ? refusal : forms.labelled(startForm, refusal);
  }

  static String processKey(DelegateExecution execution) {
    return execution.getProcessDefinitionId().split(":")[0];
  }

  private static String startForm(DelegateExecution execution) {
    return execution.getBpmnModelElementInstance() instanceof StartEvent start ? start.getCamundaFormRef() : null;
  }

  private static String initiatorVariable(DelegateExecution execution) {
    return execution.getBpmnModelElementInstance() instanceof StartEvent start ? start.getCamundaInitiator() : null;
  }
}
