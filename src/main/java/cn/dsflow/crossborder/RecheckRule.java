package cn.dsflow.crossborder;

import java.time.Instant;

/**
 * The recheck before a cross-border permit, as a plain rule ({@code RecheckRuleTest}); {@link RouteRecheck} applies it
 * with the year's locked totals and the route table's fresh answer. The year it is counted in is {@link TransferYear}.
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

  /**
   * The last moment the permit may be used: the end of the year it is counted in, or the route's earlier limit (the
   * assessment or filing it rests on, 000 §8.1.2(4)). A transfer is never made in a year whose total it was not
   * counted in.
   */
  static Instant permitLimit(Instant routeLimit, int countedIn) {
    Instant yearEnd = TransferYear.end(countedIn);
    return routeLimit == null || routeLimit.isAfter(yearEnd) ? yearEnd : routeLimit;
  }
}
