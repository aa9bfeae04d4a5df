package cn.dsflow.process;

import java.util.Date;

/**
 * The variables the permit step writes into a request process: what the approvers' yes produced and how it was used.
 */
public final class PermitVariables {

  public static final Var<String> PERMIT_ID = Var.of("permitId", String.class);
  public static final Var<Date> APPROVED_AT = Var.internal("approvedAt", Date.class);
  public static final Var<Date> PERMIT_VALID_UNTIL = Var.of("permitValidUntil", Date.class);
  public static final Var<String> PERMIT_OUTCOME = Var.of("permitOutcome", String.class);
  public static final Var<Date> USED_AT = Var.internal("usedAt", Date.class);
  public static final Var<String> USED_BY = Var.internal("usedBy", String.class);
  public static final Var<Long> USED_RECORD_COUNT = Var.internal("usedRecordCount", Long.class);

  private PermitVariables() {
  }
}
