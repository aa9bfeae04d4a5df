package cn.dsflow.approval;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Complete listener of every preparatory check (§3.7.1 assessments and reviews, §4.6.1(2), §7.7(1)): the outcome and
 * findings are required and audited with every item the form asked about, and the outcome is registered; a failed
 * check stops the request before any approver sees it. The register is append-only, so another checker answering
 * {@code checksFailed=false} afterwards changes nothing.
 */
@Component("preparatoryCheckRecorder")
public class PreparatoryCheckRecorder implements TaskListener {

  private final AuditChain audit;
  private final CurrentUser currentUser;
  private final RequestRegister register;

  public PreparatoryCheckRecorder(AuditChain audit, CurrentUser currentUser, RequestRegister register) {
    this.audit = audit;
    this.currentUser = currentUser;
    this.register = register;
  }

  @Override
  public void notify(DelegateTask task) {
    RequestRegister.Registered request;
    try {
      request = register.required(task.getExecution());
    } catch (EngineRefusal refusal) {
      throw audit.refused("PREPARATORY_CHECK_REFUSED", currentUser.id(), "request", "-", refusal);
    }
    RequestVariables.CheckFields fields = RequestVariables.PREPARATORY_CHECKS.get(task.getTaskDefinitionKey());
    if (fields == null) {
      throw new IllegalStateException("no outcome variables named for check " + task.getTaskDefinitionKey());
    }
    // the form's own items share its task-key prefix; they are audited as asked, whatever the form holds
    String prefix = task.getTaskDefinitionKey() + "_";
    SubmittedFields form = new SubmittedFields(task.getVariables());
    if (!fields.passed().isSet(task)) {
      throw EngineRefusal.invalid(fields.passed().name(), "必须给出检查结论 (required)");
    }
    boolean passed = form.flag(fields.passed());
    String findings = form.text(fields.findings(), SubmittedFields.LONG_TEXT);
    Map<String, Object> items = new LinkedHashMap<>();
    task.getVariables().forEach((name, value) -> {
      if (name.startsWith(prefix)) {
        items.put(name, String.valueOf(value));
      }
    });
    String actor = currentUser.id() != null ? currentUser.id() : task.getAssignee();
    if (actor == null) {
      throw EngineRefusal.forbidden("unauthenticated", "检查结论必须由已登录的检查人给出 (a check needs an authenticated checker)");
    }
    register.recordCheck(request.requestId(), task.getTaskDefinitionKey(), task.getId(), passed, actor,
        ClockUtil.getCurrentTime().toInstant(), findings);
    audit.append("PREPARATORY_CHECK_RECORDED", actor, "request", request.requestId(),
        Map.of("check", task.getTaskDefinitionKey(), "passed", passed, "findings", findings, "items", items));
    if (!passed) {
      register.close(request.requestId(), RequestRegister.Status.CHECKS_FAILED);
    }
    // mirror for forms and Cockpit; the gateway reads the register
    RequestVariables.CHECKS_FAILED.set(task.getExecution().getProcessInstance(), register.anyCheckFailed(request.requestId()));
  }
}
