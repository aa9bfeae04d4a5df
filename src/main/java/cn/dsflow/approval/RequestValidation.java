package cn.dsflow.approval;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.EngineRefusal;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Start listener of {@code data-operation-approval}: checks the request as the form does (the REST API bypasses the
 * form), and refuses a bad one before anything is written. A valid request is registered (000 §3.4.2(2)) with its
 * content hash, and the registration is audited.
 */
@Component("requestValidation")
public class RequestValidation implements ExecutionListener {

  private final AuditChain audit;
  private final ApprovalSettings settings;

  public RequestValidation(AuditChain audit, ApprovalSettings settings) {
    this.audit = audit;
    this.settings = settings;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String requester = (String) execution.getVariable("requester");
    DataOperationRequest request;
    try {
      if (requester == null) {
        throw EngineRefusal.forbidden("unauthenticated", "申请人必须登录后提交 (the requester must be authenticated)");
      }
      request = DataOperationRequest.from(execution.getVariables(), ClockUtil.getCurrentTime().toInstant(), settings.maxValidity());
    } catch (EngineRefusal refusal) {
      throw audit.refused("REQUEST_REFUSED", requester, "data-operation-approval", "-", refusal);
    }
    register(execution, request, requester, Map.of());
  }

  /**
   * Registers a checked request (000 §3.4.2(2)): its id, time, content hash and the variables the approval and the
   * permit read, and the REQUEST_SUBMITTED audit event with the content (plus what the calling process adds).
   */
  public void register(DelegateExecution execution, DataOperationRequest request, String requester, Map<String, Object> extra) {
    String requestId = execution.getProcessInstanceId();
    execution.setVariable("requestId", requestId);
    execution.setVariable("requestedAt", ClockUtil.getCurrentTime());
    execution.setVariable("requestHash", request.contentHash());
    execution.setVariable("requestSummary", request.summary());
    execution.setVariable("recordCount", request.recordCount());
    execution.setVariable("validFromAt", Date.from(request.validFrom()));
    execution.setVariable("validUntilAt", Date.from(request.validUntil()));
    execution.setVariable("recipientForeign", request.recipientForeign());
    execution.setVariable("rejected", false);
    execution.setVariable("checksFailed", false);
    Map<String, Object> content = new java.util.LinkedHashMap<>(request.content());
    content.putAll(extra);
    audit.append("REQUEST_SUBMITTED", requester, "request", requestId, Map.of("content", content, "hash", request.contentHash()));
  }
}
