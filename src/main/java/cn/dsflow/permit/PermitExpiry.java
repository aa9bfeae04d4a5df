package cn.dsflow.permit;

import cn.dsflow.approval.RequestRegister;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.notify.Notifier;
import cn.dsflow.process.RequestVariables;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The permit's time limit (时效) ran out before any use: it can no longer be used, and the ledger says so. */
@Component("permitExpiry")
public class PermitExpiry implements JavaDelegate {

  private final PermitLifecycle lifecycle;
  private final Permits permits;
  private final RequestRegister register;
  private final AuditChain audit;
  private final Notifier notifier;

  public PermitExpiry(PermitLifecycle lifecycle, Permits permits, RequestRegister register, AuditChain audit, Notifier notifier) {
    this.lifecycle = lifecycle;
    this.permits = permits;
    this.register = register;
    this.audit = audit;
    this.notifier = notifier;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RequestRegister.Registered request = register.required(execution);
    String requestId = request.requestId();
    if (lifecycle.expire(requestId)) {
      String permitId = permits.findByRequest(requestId).map(Permit::id).orElseThrow();
      audit.append("PERMIT_EXPIRED", null, "request", requestId, Map.of("permitId", permitId));
      notifier.toUsers(List.of(request.requester()), "授权已过期：" + RequestVariables.REQUEST_SUMMARY.text(execution),
          "单次授权 " + permitId + " 在有效期内未被使用，已失效。如仍需执行，请重新申请。", null);
    }
  }
}
