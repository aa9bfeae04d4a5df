package cn.dsflow.destruction;

import cn.dsflow.approval.RequestRegister;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.permit.PermitGate;
import cn.dsflow.process.DestructionVariables;
import cn.dsflow.system.ApiException;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import java.util.Arrays;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Complete listener of 执行销毁: the team is checked (refusals audited, nothing recorded), then the execution uses the
 * request's permit at the permit gate — the same gate an automated destruction tool would call — so destruction
 * without a live, matching permit is refused (先审后做).
 */
@Component("destructionExecution")
public class DestructionExecution implements TaskListener {

  private final DestructionTeam team;
  private final PermitGate gate;
  private final AuditChain audit;
  private final CurrentUser currentUser;
  private final RequestRegister register;

  public DestructionExecution(DestructionTeam team, PermitGate gate, AuditChain audit, CurrentUser currentUser,
      RequestRegister register) {
    this.team = team;
    this.gate = gate;
    this.audit = audit;
    this.currentUser = currentUser;
    this.register = register;
  }

  @Override
  public void notify(DelegateTask task) {
    RequestRegister.Registered request = null;
    TeamRule.Team checked;
    long destroyed;
    try {
      request = register.required(task.getExecution());
      String requester = request.requester();
      checked = team.check(Arrays.asList(DestructionVariables.OPERATOR_1.get(task),
              DestructionVariables.OPERATOR_2.get(task), DestructionVariables.OPERATOR_3.get(task)),
          DestructionVariables.DESTRUCTION_SUPERVISOR.get(task), requester, currentUser.id());
      destroyed = new SubmittedFields(task.getVariables()).count(DestructionVariables.DESTROYED_RECORD_COUNT, 0);
    } catch (EngineRefusal refusal) {
      throw audit.refused("DESTRUCTION_REFUSED", currentUser.id(), "request", request == null ? "-" : request.requestId(), refusal);
    }
    try {
      gate.useFromProcess(request.processInstanceId(),
          new PermitGate.Use(String.join(",", checked.operators()), destroyed, null), currentUser.id());
    } catch (ApiException refused) {
      throw new EngineRefusal(refused.status().value(), refused.code(), refused.getMessage());
    }
    DestructionVariables.DESTRUCTION_OPERATORS.set(task, String.join(",", checked.operators()));
    DestructionVariables.DESTRUCTION_SUPERVISOR.set(task, checked.supervisor());
  }
}
