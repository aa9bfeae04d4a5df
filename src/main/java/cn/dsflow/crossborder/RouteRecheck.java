package cn.dsflow.crossborder;

import cn.dsflow.approval.ApprovalSettings;
import cn.dsflow.approval.DataLevel;
import cn.dsflow.approval.DataOperationRequest;
import cn.dsflow.approval.RequestRegister;
import cn.dsflow.ledger.ApprovalLedger;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.permit.RouteLimits;
import cn.dsflow.notify.Notifier;
import cn.dsflow.process.CrossBorderVariables;
import cn.dsflow.process.Var;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Just before the permit: other transfers approved since this one was routed count too (自当年1月1日起累计). The year's
 * total is locked, the route table is asked again with today's total, and a route that has become stricter stops the
 * permit — the transfer must be resubmitted on its new route. The year is fixed here, at permit issue, not when the
 * request was filed: a December request approved in January is counted in, and rechecked against, January's year, and
 * its permit ends with that year ({@link TransferYear}). When the permit is issued, this transfer's persons are added
 * to the total in the same transaction, under the same lock.
 */
@Component("routeRecheck")
public class RouteRecheck {

  private final CrossBorderVolumes volumes;
  private final DecisionService decisions;
  private final AuditChain audit;
  private final Notifier notifier;
  private final ApprovalLedger ledger;
  private final ApprovalSettings settings;

  private final RequestRegister register;

  private final RouteLimits routeLimits;
  private final RouteDecisions routeDecisions;

  public RouteRecheck(CrossBorderVolumes volumes, DecisionService decisions, AuditChain audit, Notifier notifier,
      ApprovalLedger ledger, ApprovalSettings settings, RequestRegister register, RouteLimits routeLimits,
      RouteDecisions routeDecisions) {
    this.routeDecisions = routeDecisions;
    this.routeLimits = routeLimits;
    this.register = register;
    this.settings = settings;
    this.ledger = ledger;
    this.volumes = volumes;
    this.decisions = decisions;
    this.audit = audit;
    this.notifier = notifier;
  }

  public void recheck(DelegateExecution execution) {
    Instant issuedAt = ClockUtil.getCurrentTime().toInstant();
    // every input from the register (trust model): a rewritten ciio, coreData, exemptionGround or validFrom variable
    // must not turn an assessment into an exemption, nor move the transfer into another year's total
    RequestRegister.Registered registered = register.required(execution);
    DataOperationRequest request = registered.request(settings.maxValidity());
    RegisteredTransfer transfer = RegisteredTransfer.of(registered.facts());
    Instant validFrom = request.validFrom();
    int filedIn = TransferYear.of(registered.requestedAt(), validFrom);
    int year = TransferYear.of(issuedAt, validFrom);
    volumes.lockYear(year);
    CrossBorderVolumes.Totals totals = volumes.totals(year);
    long[] counts = TransferYear.routeCounts(totals, transfer.personsNonSensitive(), transfer.personsSensitive());
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put(CrossBorderVariables.CIIO.name(), transfer.ciio());
    inputs.put(CrossBorderVariables.CORE_DATA.name(), request.dataLevel() == DataLevel.CORE);
    inputs.put(CrossBorderVariables.IMPORTANT_DATA.name(), request.dataLevel().importantOrCore());
    inputs.put(CrossBorderVariables.PERSONS_NON_SENSITIVE.name(), counts[0]);
    inputs.put(CrossBorderVariables.PERSONS_SENSITIVE.name(), counts[1]);
    inputs.put(CrossBorderVariables.EXEMPTION_GROUND.name(), transfer.exemptionGround());
    CrossBorderVariables.TRANSFER_YEAR.set(execution, year);
    // the permit ends with the year it is counted in; PermitIssuer keeps the earliest of the recorded limits
    String requestId = registered.requestId();
    routeLimits.record(requestId, RouteLimits.Source.TRANSFER_YEAR, TransferYear.end(year), issuedAt);
    CrossBorderVariables.ROUTE_VALID_UNTIL.set(execution, Date.from(routeLimits.earliest(requestId).orElseThrow()));
    if (year != filedIn) {
      audit.append("CROSS_BORDER_YEAR_MOVED", null, "request", requestId,
          Map.of("filedIn", filedIn, "countedIn", year));
    }
    Map<String, Object> answer = decisions.evaluateDecisionByKey("cross-border-route").variables(inputs).evaluate().getSingleResult().getEntryMap();
    CrossBorderRoute now = CrossBorderRoute.valueOf((String) answer.get("route"));
    CrossBorderRoute followed = routeDecisions.followed(execution);
    boolean holds = RecheckRule.holds(followed, now);
    CrossBorderVariables.ROUTE_STILL_VALID.set(execution, holds);
    if (!holds) {
      Map<String, Object> detail = new LinkedHashMap<>(inputs);
      detail.put("followedRoute", followed.name());
      detail.put("routeNow", now.name());
      detail.put("rule", answer.get("rule"));
      audit.append("CROSS_BORDER_ROUTE_CHANGED", null, "request", requestId, detail);
      notifier.toUsers(List.of(registered.requester()), "数据出境路径已变化，未签发授权",
          "本年度累计出境人数已变化，本次出境现适用“" + now.chineseName() + "”（" + answer.get("rule") + "）。请按新路径重新申请。", null);
    }
  }

  /** What intake registered for the route table (CrossBorderIntake.TransferFacts, kept in {@code intake_facts}). */
  record RegisteredTransfer(boolean ciio, String exemptionGround, long personsNonSensitive, long personsSensitive) {

    static RegisteredTransfer of(Map<String, Object> facts) {
      return new RegisteredTransfer(Boolean.TRUE.equals(facts.get(CrossBorderVariables.CIIO.name())),
          (String) facts.get(CrossBorderVariables.EXEMPTION_GROUND.name()),
          ((Number) facts.get(CrossBorderVariables.TRANSFER_PERSONS_NON_SENSITIVE.name())).longValue(),
          ((Number) facts.get(CrossBorderVariables.TRANSFER_PERSONS_SENSITIVE.name())).longValue());
    }
  }

  /**
   * After the permit is issued, in the same transaction: this transfer joins the year's total, and its ledger row
   * records the route, the rule that fired and the filing or assessment it rests on.
   */
  public void count(DelegateExecution execution) {
    // this instance's own request (registered under its process instance id), never one a requestId variable names
    String requestId = execution.getProcessInstanceId();
    RegisteredTransfer transfer = RegisteredTransfer.of(register.find(requestId).orElseThrow().facts());
    volumes.recordTransfer(CrossBorderVariables.TRANSFER_YEAR.get(execution), requestId, transfer.personsNonSensitive(),
        transfer.personsSensitive(), ClockUtil.getCurrentTime().toInstant());
    Map<String, Object> particulars = new LinkedHashMap<>();
    for (Var<?> particular : CrossBorderVariables.LEDGER_PARTICULARS) {
      Object value = particular.get(execution);
      if (value != null) {
        particulars.put(particular.name(), value instanceof java.util.Date d ? d.toInstant().toString() : value);
      }
    }
    // the row records what was registered and decided, not what a variable says by now (trust model)
    RouteDecisions.Decision decided = routeDecisions.decision(execution);
    particulars.put(CrossBorderVariables.CROSS_BORDER_ROUTE.name(), decided.route().name());
    particulars.put(CrossBorderVariables.ROUTE_RULE.name(), decided.rule());
    particulars.put(CrossBorderVariables.TRANSFER_PERSONS_NON_SENSITIVE.name(), transfer.personsNonSensitive());
    particulars.put(CrossBorderVariables.TRANSFER_PERSONS_SENSITIVE.name(), transfer.personsSensitive());
    particulars.put(CrossBorderVariables.EXEMPTION_GROUND.name(), transfer.exemptionGround());
    ledger.annotate(requestId, particulars);
  }
}
