package cn.dsflow.approval;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.EngineRefusal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Start listener of the processes a request calls (multi-person-approval, permit-lifecycle, cross-border-assessment,
 * cross-border-contract): they run only below the registered request that called them (DESIGN.md trust model). A
 * start of their own — /engine-rest or the Tasklist session, even by the administrator who passes every
 * authorization — is refused with 403 and audited, and nothing starts.
 */
@Component("calledProcessGuard")
public class CalledProcessGuard {

  private final RequestRegister register;
  private final AuditChain audit;
  private final CurrentUser currentUser;

  public CalledProcessGuard(RequestRegister register, AuditChain audit, CurrentUser currentUser) {
    this.register = register;
    this.audit = audit;
    this.currentUser = currentUser;
  }

  /** The request behind the calling process, or an audited refusal. */
  public RequestRegister.Registered require(DelegateExecution execution) {
    try {
      if (execution.getProcessInstance().getSuperExecution() == null) {
        throw EngineRefusal.forbidden("not_startable", "该流程只能由申请流程调用，不能直接发起 ("
            + execution.getProcessDefinitionId() + " is called by a request's process only)");
      }
      return register.required(execution);
    } catch (EngineRefusal refusal) {
      throw audit.refused("START_REFUSED", currentUser.id(), "process", execution.getProcessDefinitionId(), refusal);
    }
  }
}
