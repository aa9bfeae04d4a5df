package cn.dsflow.permit;

import cn.dsflow.approval.OperationType;
import cn.dsflow.approval.RequestRegister;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.process.PermitVariables;
import cn.dsflow.system.ApiException;
import cn.dsflow.system.BeijingTime;
import cn.dsflow.system.SystemCommands;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 先审后做 (000 §3.4.2(3)): the gate an executing system must pass before it acts. It consumes a permit only when the
 * permit is live and the use lies inside its approved scope; the use time is always later than the approval time.
 * A permit is not a bearer token: only the requester or an executor account the request named (group executor) may
 * use it. Every call is audited — refusals in a transaction of their own, so they survive the refusal.
 */
@Service
public class PermitGate {

  public record Use(String operator, long recordCount, String recipient) {}

  private final Permits permits;
  private final PermitLifecycle lifecycle;
  private final RequestRegister register;
  private final AuditChain audit;
  private final RuntimeService runtimeService;
  private final SystemCommands system;
  private final PermitLifecycleProcess lifecycleProcess;

  public PermitGate(Permits permits, PermitLifecycle lifecycle, RequestRegister register, AuditChain audit,
      RuntimeService runtimeService, SystemCommands system, PermitLifecycleProcess lifecycleProcess) {
    this.lifecycleProcess = lifecycleProcess;
    this.permits = permits;
    this.lifecycle = lifecycle;
    this.register = register;
    this.audit = audit;
    this.runtimeService = runtimeService;
    this.system = system;
  }

  /** An executing system's call (POST /api/permits/{id}/use): the caller must be the requester or a named executor. */
  @Transactional
  public Permit use(String permitId, Use use, String caller) {
    return consume(permitId, null, use, caller);
  }

  /**
   * A use from a step of the permit's own process (destruction: the execution task, whose team the process checks):
   * the permit is the one of the request this process instance registered, never one named by a variable.
   */
  @Transactional
  public Permit useFromProcess(String processInstanceId, Use use, String caller) {
    RequestRegister.Registered request = register.find(processInstanceId).orElse(null);
    Permit permit = request == null ? null : permits.findByRequest(request.requestId()).orElse(null);
    return consume(permit == null ? "-" : permit.id(), processInstanceId, use, caller);
  }

  private Permit consume(String permitId, String ownProcessInstance, Use use, String caller) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Permit permit = permits.lockForUse(permitId).orElse(null);
    if (permit == null) {
      throw refuse(permitId, null, use, caller, HttpStatus.FORBIDDEN, "no_approved_permit",
          "没有这个已批准的授权 (no approved permit with this id): 先审后做");
    }
    if (ownProcessInstance == null && !mayExecute(permit, caller)) {
      throw refuse(permitId, permit, use, caller, HttpStatus.FORBIDDEN, "not_executor",
          "调用方 " + caller + " 既不是申请人，也不是申请指定的执行系统账号 (the caller is neither the requester nor an executor"
              + " the request named)");
    }
    // (after the caller check, so that nobody else learns what kind of permit an id names)
    if (ownProcessInstance == null && OperationType.DESTRUCTION.name().equals(permit.operationType())) {
      // a destruction is done by its team in the execution step (two operators and a supervisor, the process checks
      // them); the gate would let the requester alone consume the permit and leave that step nothing to use
      throw refuse(permitId, permit, use, caller, HttpStatus.FORBIDDEN, "team_step_only",
          "销毁授权只能在“执行销毁”步骤中由销毁小组使用，不能通过执行系统接口使用 (a destruction permit is used only by the"
              + " destruction team's execution step)");
    }
    switch (permit.status()) {
      case USED -> throw refuse(permitId, permit, use, caller, HttpStatus.CONFLICT, "permit_used",
          "授权已于 " + BeijingTime.labelled(permit.usedAt()) + " 使用过，单次授权不能重复使用 (single-use permit already used)");
      case REVOKED -> throw refuse(permitId, permit, use, caller, HttpStatus.CONFLICT, "permit_revoked",
          "授权已被撤销 (permit revoked)");
      case EXPIRED -> throw refuse(permitId, permit, use, caller, HttpStatus.CONFLICT, "permit_expired",
          "授权已于 " + BeijingTime.labelled(permit.validUntil()) + " 过期 (permit expired)");
      case LIVE -> { }
    }
    if (!now.isBefore(permit.validUntil())) {
      throw refuse(permitId, permit, use, caller, HttpStatus.CONFLICT, "permit_expired",
          "授权已于 " + BeijingTime.labelled(permit.validUntil()) + " 过期 (permit expired)");
    }
    if (now.isBefore(permit.validFrom())) {
      throw refuse(permitId, permit, use, caller, HttpStatus.CONFLICT, "permit_not_yet_valid",
          "授权尚未生效，生效时间 " + BeijingTime.labelled(permit.validFrom()) + " (permit not yet valid)");
    }
    if (!now.isAfter(permit.approvedAt())) {
      throw refuse(permitId, permit, use, caller, HttpStatus.CONFLICT, "inverted_time",
          "执行时间不得早于或等于审批时间（倒挂） (use must come after approval)");
    }
    if (use.recordCount() > permit.maxRecordCount()) {
      throw refuse(permitId, permit, use, caller, HttpStatus.UNPROCESSABLE_ENTITY, "outside_scope",
          "数据量 " + use.recordCount() + " 超出批准的 " + permit.maxRecordCount() + " 条 (more records than approved)");
    }
    if (permit.recipientName() != null && !normalise(permit.recipientName()).equals(normalise(use.recipient()))) {
      throw refuse(permitId, permit, use, caller, HttpStatus.UNPROCESSABLE_ENTITY, "outside_scope",
          "接收方与批准的接收方“" + permit.recipientName() + "”不一致 (recipient differs from the approved one)");
    }
    lifecycle.use(permit, now, use, caller);
    audit.append("PERMIT_USED", caller, "request", permit.requestId(), detail(permitId, use, "used", null));
    // a process that waits for the use (receive task) moves on; one that uses the permit from its own task
    // (destruction: the execution step) has no subscription, and correlating nothing is not an error
    // (the wait lives in the called permit-lifecycle, so the use is delivered down the request's call tree)
    system.run(() -> lifecycleProcess.callTree(permit.processInstanceId()).forEach(instance ->
        runtimeService.createMessageCorrelation("permitUsed")
            .processInstanceId(instance)
            .setVariable(PermitVariables.USED_AT.name(), java.util.Date.from(now))
            .setVariable(PermitVariables.USED_BY.name(), use.operator())
            .setVariable(PermitVariables.USED_RECORD_COUNT.name(), use.recordCount())
            .correlateAllWithResult()));
    return permits.find(permitId).orElseThrow();
  }

  /** DESIGN.md contract: the requester, or an executor account the request named. */
  private boolean mayExecute(Permit permit, String caller) {
    return caller != null && (caller.equals(permit.requester()) || register.executors(permit.requestId()).contains(caller));
  }

  private ApiException refuse(String permitId, Permit permit, Use use, String caller, HttpStatus status, String code,
      String message) {
    audit.appendIndependently("PERMIT_USE_REFUSED", caller, "request", permit == null ? "-" : permit.requestId(),
        detail(permitId, use, code, message));
    return new ApiException(status, code, message);
  }

  private static Map<String, Object> detail(String permitId, Use use, String outcome, String message) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("permitId", permitId);
    d.put("operator", use.operator());
    d.put("recordCount", use.recordCount());
    d.put("recipient", use.recipient());
    d.put("outcome", outcome);
    if (message != null) {
      d.put("message", message);
    }
    return d;
  }

  private static String normalise(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
