package cn.dsflow.permit;

import cn.dsflow.approval.CalledProcessGuard;
import cn.dsflow.approval.RequestRegister;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.EngineRefusal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The called process {@code permit-lifecycle} (wait for the permit's use or its expiry, then the requester records
 * the result), shared by data-operation-approval and cross-border-transfer. It only ever runs below the request
 * that issued the permit and while that permit is live: any other start would be a wait with no approval behind it
 * (DESIGN.md trust model), so it is refused and audited. What the caller does next is read from the permit's own
 * row, not from a variable.
 */
@Component("permitLifecycleProcess")
public class PermitLifecycleProcess {

  private final RequestRegister register;
  private final Permits permits;
  private final AuditChain audit;
  private final CurrentUser currentUser;
  private final RuntimeService runtimeService;
  private final CalledProcessGuard guard;

  public PermitLifecycleProcess(RequestRegister register, Permits permits, AuditChain audit, CurrentUser currentUser,
      RuntimeService runtimeService, CalledProcessGuard guard) {
    this.guard = guard;
    this.register = register;
    this.permits = permits;
    this.audit = audit;
    this.currentUser = currentUser;
    this.runtimeService = runtimeService;
  }

  /**
   * Start listener: only a call activity of a registered request with a live permit may start the wait (先审后做,
   * 000 §3.4.2(3)) — never /engine-rest or the Tasklist session, whoever the caller is.
   */
  public void requireCaller(DelegateExecution execution) {
    String requestId = guard.require(execution).requestId();
    if (!permits.findByRequest(requestId).map(p -> p.status() == Permit.Status.LIVE).orElse(false)) {
      throw audit.refused("START_REFUSED", currentUser.id(), "request", requestId, EngineRefusal.forbidden("no_live_permit",
          "申请没有有效的单次授权，不能等待使用 (no live permit for this request)"));
    }
  }

  /** Gateway of the calling process: the wait ended because the permit lapsed unused (PermitExpiry marked it). */
  public boolean expired(DelegateExecution execution) {
    String requestId = register.required(execution).requestId();
    return permits.findByRequest(requestId).map(p -> p.status() == Permit.Status.EXPIRED).orElse(false);
  }

  /**
   * The request's instance and every instance it called, top first: the permit's use is delivered to whichever of
   * them waits for it. Found through the engine's call hierarchy (superProcessInstanceId), as RequestRegister does.
   */
  List<String> callTree(String rootInstanceId) {
    List<String> ids = new ArrayList<>();
    Deque<String> open = new ArrayDeque<>(List.of(rootInstanceId));
    while (!open.isEmpty()) {
      String id = open.pop();
      ids.add(id);
      runtimeService.createProcessInstanceQuery().superProcessInstanceId(id).list().stream()
          .map(ProcessInstance::getId).forEach(open::add);
    }
    return ids;
  }
}
