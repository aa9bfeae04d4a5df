package cn.dsflow.approval;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.notify.Notifier;
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

  public RejectionNotice(Notifier notifier, AuditChain audit) {
    this.notifier = notifier;
    this.audit = audit;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reason = String.valueOf(execution.getVariable("rejectionReason"));
    audit.append("REQUEST_REJECTED", null, "request", (String) execution.getVariable("requestId"), Map.of("reason", reason));
    notifier.toUsers(List.of((String) execution.getVariable("requester")), "申请被驳回：" + execution.getVariable("requestSummary"),
        "您的申请被驳回，不得执行该数据操作。\n驳回意见：" + reason, null);
  }
}
