package cn.dsflow.crossborder;

import cn.dsflow.approval.RequestRegister;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.notify.Notifier;
import cn.dsflow.permit.PermitLifecycle;
import cn.dsflow.process.CrossBorderVariables;
import cn.dsflow.process.RequestVariables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Stops a transfer: on the CAC's written termination notice (000 §8.1.2(5): 收到书面通知后终止出境) and when a change
 * that requires a new assessment is reported (§8.1.2(4)). A permit not yet used is revoked, so the gate refuses it.
 */
@Component("crossBorderStop")
public class CrossBorderStop {

  private final PermitLifecycle lifecycle;
  private final RequestRegister register;
  private final AuditChain audit;
  private final Notifier notifier;

  public CrossBorderStop(PermitLifecycle lifecycle, RequestRegister register, AuditChain audit, Notifier notifier) {
    this.lifecycle = lifecycle;
    this.register = register;
    this.audit = audit;
    this.notifier = notifier;
  }

  public void stop(DelegateExecution execution, String why) {
    RequestRegister.Registered request = register.required(execution);
    String requestId = request.requestId();
    boolean revoked = lifecycle.revoke(requestId);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("why", why);
    detail.put("permitRevoked", revoked);
    detail.put("reportedBy", CrossBorderVariables.STOP_REPORTED_BY.get(execution));
    detail.put("note", CrossBorderVariables.STOP_NOTE.get(execution));
    audit.append("CROSS_BORDER_STOPPED", null, "request", requestId, detail);
    notifier.toUsers(List.of(request.requester()), "数据出境已停止：" + RequestVariables.REQUEST_SUMMARY.text(execution),
        ("TERMINATED".equals(why) ? "已收到网信部门终止出境的书面通知。" : "已报告影响出境安全的变化，须重新申报评估。")
            + (revoked ? "尚未使用的授权已撤销。" : ""), null);
  }
}
