package cn.dsflow.crossborder;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.system.FormContract;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of {@code foreign-data-request} (000 §8.7; DSL art. 36, PIPL art. 41): a foreign judicial or
 * law-enforcement body asks for data stored in China. The request is registered and audited; nothing is provided
 * unless the competent authority's approval is recorded.
 */
@Component("foreignRequestIntake")
public class ForeignRequestIntake implements ExecutionListener {

  private final FormContract forms;
  private final AuditChain audit;

  public ForeignRequestIntake(FormContract forms, AuditChain audit) {
    this.forms = forms;
    this.audit = audit;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String registeredBy = (String) execution.getVariable("registeredBy");
    try {
      if (registeredBy == null) {
        throw EngineRefusal.forbidden("unauthenticated", "须登录后登记 (must be authenticated)");
      }
      forms.check("foreign-request", execution.getVariables());
    } catch (EngineRefusal refusal) {
      throw audit.refused("REQUEST_REFUSED", registeredBy, "foreign-data-request", "-", refusal);
    }
    execution.setVariable("requestId", execution.getProcessInstanceId());
    execution.setVariable("requestSummary", "境外司法或执法机构调取数据：" + execution.getVariable("foreignAuthority"));
    audit.append("FOREIGN_DATA_REQUEST_REGISTERED", registeredBy, "request", execution.getProcessInstanceId(),
        forms.submittedFields("foreign-request", execution.getVariables()));
  }
}
