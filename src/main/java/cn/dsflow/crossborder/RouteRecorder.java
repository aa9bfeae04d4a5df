package cn.dsflow.crossborder;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.process.CrossBorderVariables;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.process.Var;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Keeps the route table's answer in {@link RouteDecisions}, where the later branches read it, mirrors it as plain
 * variables (shown to the requester, stored in the ledger) and audits it.
 */
@Component("routeRecorder")
public class RouteRecorder implements JavaDelegate {

  private final AuditChain audit;
  private final RouteDecisions decisions;

  public RouteRecorder(AuditChain audit, RouteDecisions decisions) {
    this.audit = audit;
    this.decisions = decisions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    @SuppressWarnings("unchecked")
    Map<String, Object> decision = CrossBorderVariables.ROUTE_DECISION.get(execution);
    CrossBorderVariables.ROUTE_DECISION.remove(execution);
    CrossBorderRoute route = CrossBorderRoute.valueOf((String) decision.get("route"));
    decisions.record(execution.getProcessInstanceId(), route, decision.get("rule"), ClockUtil.getCurrentTime().toInstant());
    CrossBorderVariables.CROSS_BORDER_ROUTE.set(execution, route.name());
    CrossBorderVariables.ROUTE_RULE.set(execution, decision.get("rule"));
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("route", route.name());
    detail.put("rule", decision.get("rule"));
    for (Var<?> input : CrossBorderVariables.ROUTE_INPUTS) {
      detail.put(input.name(), input.get(execution));
    }
    audit.append("CROSS_BORDER_ROUTE_DECIDED", null, "request", RequestVariables.REQUEST_ID.get(execution), detail);
  }
}
