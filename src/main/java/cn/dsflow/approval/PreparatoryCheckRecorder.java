package cn.dsflow.approval;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.SubmittedFields;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Complete listener of every preparatory check (§3.7.1 assessments and reviews, §4.6.1(2), §7.7(1)): the outcome and
 * findings are required and audited with every item the form asked about; a failed check stops the request before
 * any approver sees it.
 */
@Component("preparatoryCheckRecorder")
public class PreparatoryCheckRecorder implements TaskListener {

  private final AuditChain audit;
  private final CurrentUser currentUser;

  public PreparatoryCheckRecorder(AuditChain audit, CurrentUser currentUser) {
    this.audit = audit;
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    String prefix = task.getTaskDefinitionKey() + "_";
    Map<String, Object> submitted = new LinkedHashMap<>();
    submitted.put("checkPassed", task.getVariable(prefix + "passed"));
    submitted.put("findings", task.getVariable(prefix + "findings"));
    SubmittedFields form = new SubmittedFields(submitted);
    if (submitted.get("checkPassed") == null) {
      throw cn.dsflow.system.EngineRefusal.invalid(prefix + "passed", "必须给出检查结论 (required)");
    }
    boolean passed = form.flag("checkPassed");
    String findings = form.text("findings", SubmittedFields.LONG_TEXT);
    Map<String, Object> items = new LinkedHashMap<>();
    task.getVariables().forEach((name, value) -> {
      if (name.startsWith(prefix)) {
        items.put(name, String.valueOf(value));
      }
    });
    String actor = currentUser.id() != null ? currentUser.id() : task.getAssignee();
    audit.append("PREPARATORY_CHECK_RECORDED", actor, "request", (String) task.getVariable("requestId"),
        Map.of("check", task.getTaskDefinitionKey(), "passed", passed, "findings", findings, "items", items));
    if (!passed) {
      task.getExecution().getProcessInstance().setVariable("checksFailed", true);
    }
  }
}
