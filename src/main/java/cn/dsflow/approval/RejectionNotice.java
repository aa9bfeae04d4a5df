package cn.dsflow.approval;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.notify.Notifier;
import cn.dsflow.process.RequestVariables;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** One rejection ends the request: the requester learns who rejected it and why; the end is audited. */
@Component("rejectionNotice")
public class RejectionNotice implements JavaDelegate {

  private final Notifier notifier;
  private final AuditChain audit;
  private final RequestRegister register;

  public RejectionNotice(Notifier notifier, AuditChain audit, RequestRegister register) {
    this.notifier = notifier;
    this.audit = audit;
    this.register = register;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // who is told, and under which request the end is filed, come from the register, not from variables
    RequestRegister.Registered request = register.required(execution);
    String reason = RequestVariables.REJECTION_REASON.text(execution);
    audit.append("REQUEST_REJECTED", null, "request", request.requestId(), Map.of("reason", reason));
    notifier.toUsers(List.of(request.requester()), "申请被驳回：" + RequestVariables.REQUEST_SUMMARY.text(execution),
        "您的申请被驳回，不得执行该数据操作。\n驳回意见：" + reason, null);
  }
}
