package cn.dsflow.crossborder;

/**
 * The recheck before a cross-border permit, as a plain rule ({@code RecheckRuleTest}); {@link RouteRecheck} applies it
 * with the year's locked totals and the route table's fresh answer. The year it is counted in is {@link TransferYear};
 * the permit's limit is the earliest one the route's delegates recorded ({@code permit.RouteLimits}).
 */
final class RecheckRule {

  private RecheckRule() {}

  /**
   * The route followed still carries the transfer unless today's route is stricter (000 §8.1.1: thresholds count
   * 自当年1月1日起累计). An equal or milder route holds: the approvals already given cover at least as much.
   */
  static boolean holds(CrossBorderRoute followed, CrossBorderRoute now) {
    return !now.stricterThan(followed);
  }
}
