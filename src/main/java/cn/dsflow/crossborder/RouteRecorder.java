package cn.dsflow.crossborder;

import cn.dsflow.ledger.AuditChain;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Keeps the route table's answer as plain variables (shown to the requester, stored in the ledger) and audits it. */
@Component("routeRecorder")
public class RouteRecorder implements JavaDelegate {

  private final AuditChain audit;

  public RouteRecorder(AuditChain audit) {
    this.audit = audit;
  }

  @Override
  public void execute(DelegateExecution execution) {
    @SuppressWarnings("unchecked")
    Map<String, Object> decision = (Map<String, Object>) execution.getVariable("routeDecision");
    execution.removeVariable("routeDecision");
    CrossBorderRoute route = CrossBorderRoute.valueOf((String) decision.get("route"));
    execution.setVariable("crossBorderRoute", route.name());
    execution.setVariable("routeRule", decision.get("rule"));
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("route", route.name());
    detail.put("rule", decision.get("rule"));
    for (String input : new String[] {"ciio", "coreData", "importantData", "personsNonSensitive", "personsSensitive", "exemptionGround"}) {
      detail.put(input, execution.getVariable(input));
    }
    audit.append("CROSS_BORDER_ROUTE_DECIDED", null, "request", (String) execution.getVariable("requestId"), detail);
  }
}
