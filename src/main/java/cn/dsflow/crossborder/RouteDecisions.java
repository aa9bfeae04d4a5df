package cn.dsflow.crossborder;

import cn.dsflow.approval.RequestRegister;
import cn.dsflow.system.SqlTime;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The route a transfer follows, as the route table answered at intake (V20 {@code dsf_route_decision}). The branch taken
 * after approval and the recheck before the permit read it here: the {@code crossBorderRoute} variable only shows it,
 * and whoever may write a variable could otherwise turn a security assessment (000 §8.1.2) into an exemption.
 */
@Component("routeDecisions")
public class RouteDecisions {

  private final JdbcTemplate jdbc;
  private final RequestRegister register;

  public RouteDecisions(JdbcTemplate jdbc, RequestRegister register) {
    this.jdbc = jdbc;
    this.register = register;
  }

  void record(String requestId, CrossBorderRoute route, Object rule, Instant at) {
    jdbc.update("INSERT INTO dsf_route_decision (request_id, route, rule, decided_at) VALUES (?, ?, ?, ?)",
        requestId, route.name(), rule == null ? null : rule.toString(), SqlTime.ts(at));
  }

  /** What the route table answered at intake: the route and the rule that fired. */
  public record Decision(CrossBorderRoute route, String rule) {}

  /** The recorded decision of the registered request this execution works on. */
  public Decision decision(DelegateExecution execution) {
    String requestId = register.required(execution).requestId();
    List<Decision> rows = jdbc.query("SELECT route, rule FROM dsf_route_decision WHERE request_id = ?",
        (rs, i) -> new Decision(CrossBorderRoute.valueOf(rs.getString(1)), rs.getString(2)), requestId);
    if (rows.isEmpty()) {
      throw new IllegalStateException("no route recorded for request " + requestId);
    }
    return rows.get(0);
  }

  /** The route of the registered request this execution works on. */
  public CrossBorderRoute followed(DelegateExecution execution) {
    return decision(execution).route();
  }

  /** {@code ${routeDecisions.route(execution) == 'EXEMPT'}}: the gateways after approval branch on the recorded route. */
  public String route(DelegateExecution execution) {
    return followed(execution).name();
  }
}
