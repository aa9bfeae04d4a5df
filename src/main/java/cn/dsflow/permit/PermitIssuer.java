package cn.dsflow.permit;

import cn.dsflow.approval.ApprovalDecisions;
import cn.dsflow.approval.ApprovalDecisions.Decision;
import cn.dsflow.approval.ApprovalSettings;
import cn.dsflow.approval.DataOperationRequest;
import cn.dsflow.ledger.ApprovalLedger;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.CanonicalJson;
import cn.dsflow.notify.Notifier;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Issues the single-use permit (单次授权, 000 §3.4.2(1)) once every slot approved, and opens the ledger row. It issues
 * nothing when the request's content differs from what the approvers approved (the hash they decided on), or when
 * the requested time limit has already run out. Sets {@code permitOutcome}: ISSUED, CONTENT_CHANGED or EXPIRED.
 */
@Component("permitIssuer")
public class PermitIssuer implements JavaDelegate {

  private final ApprovalDecisions decisions;
  private final Permits permits;
  private final ApprovalLedger ledger;
  private final AuditChain audit;
  private final Notifier notifier;
  private final ApprovalSettings settings;

  public PermitIssuer(ApprovalDecisions decisions, Permits permits, ApprovalLedger ledger, AuditChain audit,
      Notifier notifier, ApprovalSettings settings) {
    this.decisions = decisions;
    this.permits = permits;
    this.ledger = ledger;
    this.audit = audit;
    this.notifier = notifier;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String requestId = (String) execution.getVariable("requestId");
    String requester = (String) execution.getVariable("requester");
    DataOperationRequest request = DataOperationRequest.asSubmitted(execution.getVariables(), Instant.EPOCH, settings.maxValidity());
    String currentHash = request.contentHash();
    List<Decision> taken = decisions.of(requestId);
    int required = ((Collection<?>) execution.getVariable("approverGroups")).size();
    boolean allApproved = taken.size() == required && taken.stream().allMatch(d -> "APPROVE".equals(d.decision()));
    if (!allApproved) {
      throw new IllegalStateException("request " + requestId + " reached permit issue without " + required + " approvals");
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    if (taken.stream().anyMatch(d -> !currentHash.equals(d.requestHash()))) {
      execution.setVariable("permitOutcome", "CONTENT_CHANGED");
      audit.append("APPROVAL_INVALIDATED", null, "request", requestId,
          Map.of("reason", "content changed after approval", "approvedHash", taken.get(0).requestHash(), "currentHash", currentHash));
      notifier.toUsers(List.of(requester), "审批作废：申请内容在审批后被修改",
          "申请“" + request.summary() + "”的内容与审批人批准的内容不一致，审批作废，不签发授权。请重新提交申请。", null);
      return;
    }
    if (!request.validUntil().isAfter(now)) {
      execution.setVariable("permitOutcome", "EXPIRED");
      audit.append("PERMIT_NOT_ISSUED_EXPIRED", null, "request", requestId, Map.of("validUntil", request.validUntil().toString()));
      notifier.toUsers(List.of(requester), "审批完成但时效已过：" + request.summary(), "申请的有效期已过，未签发授权。", null);
      return;
    }
    Instant validFrom = request.validFrom().isAfter(now) ? request.validFrom() : now;
    // a cross-border permit lives no longer than the assessment result or filing it rests on (000 §8.1.2(4))
    Instant validUntil = execution.getVariable("routeValidUntil") instanceof Date limit && limit.toInstant().isBefore(request.validUntil())
        ? limit.toInstant() : request.validUntil();
    String permitId = "PMT-" + UUID.randomUUID();
    permits.insert(new Permit(permitId, requestId, execution.getProcessInstanceId(), request.operationType().name(),
        request.dataLevel().name(), request.dataCategory(), request.dataDescription(), request.recordCount(),
        request.recipientName(), request.purpose(), request.scope(), requester, currentHash, now, validFrom,
        validUntil, Permit.Status.LIVE, null, null, null, null));
    ledger.open(new ApprovalLedger.Entry(requestId, execution.getProcessInstanceId(), request.operationType().name(),
        request.processingSubject(), request.dataCategory(), request.dataLevel().name(), request.dataDescription(),
        request.recordCount(), request.volumeGb(), request.processingMethod(), request.purpose(), request.scope(),
        request.recipientName(), request.validFrom(), request.validUntil(), requester,
        ((Date) execution.getVariable("requestedAt")).toInstant(), CanonicalJson.of(approvers(taken)), now, permitId,
        "APPROVED", null, null, null, null, null, null));
    execution.setVariable("permitId", permitId);
    execution.setVariable("approvedAt", Date.from(now));
    execution.setVariable("permitValidUntil", Date.from(validUntil));
    execution.setVariable("permitOutcome", "ISSUED");
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("permitId", permitId);
    detail.put("requestHash", currentHash);
    detail.put("validFrom", validFrom.toString());
    detail.put("validUntil", validUntil.toString());
    detail.put("maxRecordCount", request.recordCount());
    detail.put("recipient", request.recipientName());
    audit.append("PERMIT_ISSUED", null, "request", requestId, detail);
    notifier.toUsers(List.of(requester), "申请已批准，授权编号 " + permitId,
        "申请“" + request.summary() + "”已获全部审批人同意。\n单次授权编号：" + permitId + "\n有效期至："
            + validUntil + "\n执行系统须在执行前调用 POST /api/permits/" + permitId + "/use。", null);
  }

  static List<Map<String, Object>> approvers(List<Decision> taken) {
    return taken.stream()
        .map(d -> Map.<String, Object>of("user", d.decidedBy(), "group", d.slotGroup(), "at", d.decidedAt().toString()))
        .toList();
  }
}
