package cn.dsflow.approval;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.EngineRefusal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

/**
 * Start listener of the processes a request calls (multi-person-approval, permit-lifecycle, cross-border-assessment,
 * cross-border-contract) and of the emergency response an incident calls: they run only below the registered request
 * or incident that called them (DESIGN.md trust model). A
 * start of their own — /engine-rest or the Tasklist session, even by the administrator who passes every
 * authorization — is refused with 403 and audited, and nothing starts.
 */
@Component("calledProcessGuard")
public class CalledProcessGuard {

  private static final String INCIDENT_PROCESS = "incident-response";

  private final RequestRegister register;
  private final AuditChain audit;
  private final CurrentUser currentUser;

  public CalledProcessGuard(RequestRegister register, AuditChain audit, CurrentUser currentUser) {
    this.register = register;
    this.audit = audit;
    this.currentUser = currentUser;
  }

  /**
   * Start listener of incident-emergency-response: it runs only below the incident-response instance that registered
   * the incident (IncidentIntake), never on its own; an own start is refused with 403 and audited like a request's.
   */
  public void requireIncident(DelegateExecution execution) {
    try {
      DelegateExecution root = execution.getProcessInstance();
      while (root.getSuperExecution() != null) {
        root = root.getSuperExecution().getProcessInstance();
      }
      if (execution.getProcessInstance().getSuperExecution() == null
          || !INCIDENT_PROCESS.equals(((ExecutionEntity) root).getProcessDefinition().getKey())) {
        throw EngineRefusal.forbidden("not_startable", "该流程只能由事件应急处置流程调用，不能直接发起 ("
            + execution.getProcessDefinitionId() + " is called by an incident's process only)");
      }
    } catch (EngineRefusal refusal) {
      throw audit.refused("START_REFUSED", currentUser.id(), "process", execution.getProcessDefinitionId(), refusal);
    }
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
