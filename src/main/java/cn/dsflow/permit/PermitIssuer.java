package cn.dsflow.permit;

import cn.dsflow.approval.ApprovalDecisions.Decision;
import cn.dsflow.approval.ApprovalDecisions;
import cn.dsflow.approval.ApprovalSettings;
import cn.dsflow.approval.ApprovalSlots;
import cn.dsflow.approval.DataOperationRequest;
import cn.dsflow.approval.RequestRegister;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.ApprovalLedger;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.CanonicalJson;
import cn.dsflow.notify.Notifier;
import cn.dsflow.process.CrossBorderVariables;
import cn.dsflow.process.PermitVariables;
import cn.dsflow.system.BeijingTime;
import cn.dsflow.system.EngineRefusal;
import java.time.Instant;
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
 * Issues the single-use permit (单次授权, 000 §3.4.2(1)) once every slot approved, and opens the ledger row. Everything it
 * decides on comes from dsflow's tables — the registered request, its content and hash, the slots chosen at intake
 * and the decisions — never from process variables: a process instance with no registered request (a start in
 * mid-process) or with an incomplete approval gets nothing, and the refusal is audited. It issues nothing when the
 * decisions were taken on another content hash, or when the time limit has already run out. Sets
 * {@code permitOutcome}: ISSUED, CONTENT_CHANGED or EXPIRED.
 */
@Component("permitIssuer")
public class PermitIssuer implements JavaDelegate {

  private final ApprovalDecisions decisions;
  private final PermitLifecycle lifecycle;
  private final AuditChain audit;
  private final Notifier notifier;
  private final ApprovalSettings settings;
  private final RequestRegister register;
  private final ApprovalSlots slots;
  private final CurrentUser currentUser;
  private final RouteLimits routeLimits;

  public PermitIssuer(ApprovalDecisions decisions, PermitLifecycle lifecycle, AuditChain audit, Notifier notifier,
      ApprovalSettings settings, RequestRegister register, ApprovalSlots slots, CurrentUser currentUser,
      RouteLimits routeLimits) {
    this.routeLimits = routeLimits;
    this.decisions = decisions;
    this.lifecycle = lifecycle;
    this.audit = audit;
    this.notifier = notifier;
    this.settings = settings;
    this.register = register;
    this.slots = slots;
    this.currentUser = currentUser;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RequestRegister.Registered registered = approvedRequest(execution);
    String requestId = registered.requestId();
    String requester = registered.requester();
    DataOperationRequest request = registered.request(settings.maxValidity());
    String approvedHash = registered.contentHash();
    List<Decision> taken = decisions.of(requestId);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    // the route's limit as its delegates recorded it, not the variable that mirrors it: it only shortens (PermitTerms)
    Instant routeLimit = routeLimits.earliest(requestId).orElse(null);
    PermitTerms terms = PermitTerms.decide(approvedHash, taken.stream().map(Decision::requestHash).toList(), now,
        request.validFrom(), request.validUntil(), routeLimit);
    if (terms.outcome() == PermitTerms.Outcome.CONTENT_CHANGED) {
      register.close(requestId, RequestRegister.Status.NOT_ISSUED);
      PermitVariables.PERMIT_OUTCOME.set(execution, "CONTENT_CHANGED");
      audit.append("APPROVAL_INVALIDATED", null, "request", requestId,
          Map.of("reason", "decisions taken on other content", "registeredHash", approvedHash));
      notifier.toUsers(List.of(requester), "审批作废：审批所依据的内容与登记的申请不一致",
          "申请“" + request.summary() + "”的审批所依据的内容与登记的内容不一致，审批作废，不签发授权。请重新提交申请。", null);
      return;
    }
    if (terms.outcome() == PermitTerms.Outcome.EXPIRED) {
      register.close(requestId, RequestRegister.Status.NOT_ISSUED);
      PermitVariables.PERMIT_OUTCOME.set(execution, "EXPIRED");
      audit.append("PERMIT_NOT_ISSUED_EXPIRED", null, "request", requestId, Map.of("validUntil", request.validUntil().toString()));
      notifier.toUsers(List.of(requester), "审批完成但时效已过：" + request.summary(), "申请的有效期已过，未签发授权。", null);
      return;
    }
    Instant validFrom = terms.validFrom();
    Instant validUntil = terms.validUntil();
    String permitId = "PMT-" + UUID.randomUUID();
    lifecycle.issue(
        new Permit(permitId, requestId, registered.processInstanceId(), request.operationType().name(),
            request.dataLevel().name(), request.dataCategory(), request.dataDescription(), request.recordCount(),
            request.recipientName(), request.purpose(), request.scope(), requester, approvedHash, now, validFrom,
            validUntil, Permit.Status.LIVE, null, null, null, null),
        new ApprovalLedger.Entry(requestId, registered.processInstanceId(), request.operationType().name(),
            request.processingSubject(), request.dataCategory(), request.dataLevel().name(), request.dataDescription(),
            request.recordCount(), request.volumeGb(), request.processingMethod(), request.purpose(), request.scope(),
            request.recipientName(), request.validFrom(), request.validUntil(), requester, registered.requestedAt(),
            CanonicalJson.of(approvers(taken)), now, permitId, "APPROVED", null, null, null, null, null, null, null));
    register.close(requestId, RequestRegister.Status.APPROVED);
    PermitVariables.PERMIT_ID.set(execution, permitId);
    PermitVariables.APPROVED_AT.set(execution, Date.from(now));
    PermitVariables.PERMIT_VALID_UNTIL.set(execution, Date.from(validUntil));
    PermitVariables.PERMIT_OUTCOME.set(execution, "ISSUED");
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("permitId", permitId);
    detail.put("requestHash", approvedHash);
    detail.put("validFrom", validFrom.toString());
    detail.put("validUntil", validUntil.toString());
    detail.put("maxRecordCount", request.recordCount());
    detail.put("recipient", request.recipientName());
    detail.put("executors", register.executors(requestId));
    audit.append("PERMIT_ISSUED", null, "request", requestId, detail);
    notifier.toUsers(List.of(requester), "申请已批准，授权编号 " + permitId,
        "申请“" + request.summary() + "”已获全部审批人同意。\n单次授权编号：" + permitId
            + "\n有效期：" + BeijingTime.minute(validFrom) + " 至 " + BeijingTime.labelled(validUntil)
            + "\n\n" + nextStep(execution), null);
  }

  /** The next step in words (issue 18): an employee is told what to do in Tasklist, not which API to call. */
  static String nextStep(DelegateExecution execution) {
    String process = execution.getProcessDefinitionId() == null ? "" : execution.getProcessDefinitionId();
    if (process.startsWith("data-destruction:")) {
      return "下一步：销毁小组在 Tasklist 的“执行销毁”任务中登记销毁（监督人在场），系统在该步骤核验并使用本授权。";
    }
    return "下一步：在有效期内执行本次操作，执行时须提供上述授权编号（执行系统凭此编号核验授权，授权只能使用一次）。"
        + "\n执行后请在 Tasklist 登记执行结果（实际数据数量、完成时间）。";
  }

  /**
   * The registered request of this process instance, with every slot chosen at intake approved, no failed check and
   * nothing decided before: otherwise an audited 403 and nothing is issued (先审后做, 000 §3.4.2(3)).
   */
  private RequestRegister.Registered approvedRequest(DelegateExecution execution) {
    RequestRegister.Registered registered = null;
    try {
      registered = register.required(execution);
      if (registered.status() != RequestRegister.Status.SUBMITTED) {
        throw EngineRefusal.forbidden("request_closed", "申请已结束（" + registered.status() + "），不签发授权 (the request is closed)");
      }
      String missing = slots.incomplete(registered);
      if (missing != null) {
        throw EngineRefusal.forbidden("approval_incomplete", "多人审批未完成，不签发授权 (approval incomplete: " + missing + ")");
      }
      if (register.anyCheckFailed(registered.requestId()) || !register.checksNotPassed(registered.requestId()).isEmpty()) {
        throw EngineRefusal.forbidden("checks_failed", "准备检查未全部通过，不签发授权 (a preparatory check failed or is missing: "
            + register.checksNotPassed(registered.requestId()) + ")");
      }
      return registered;
    } catch (EngineRefusal refusal) {
      throw audit.refused("PERMIT_REFUSED", currentUser.id(), "request", registered == null ? "-" : registered.requestId(),
          refusal);
    }
  }
  static List<Map<String, Object>> approvers(List<Decision> taken) {
    return taken.stream()
        .map(d -> Map.<String, Object>of("user", d.decidedBy(), "group", d.slotGroup(), "at", d.decidedAt().toString()))
        .toList();
  }
}
