package cn.dsflow.process;

/**
 * The variables of {@code foreign-data-request} (境外司法或执法机构调取数据).
 */
public final class ForeignRequestVariables {

  public static final Var<String> FOREIGN_AUTHORITY = Var.of("foreignAuthority", String.class);
  public static final Var<String> AUTHORITY_DECISION = Var.of("authorityDecision", String.class);

  // form fields the listeners and intakes read through SubmittedFields (a field key becomes its variable on submit)
  public static final Var<String> APPROVAL_REFERENCE = Var.of("approvalReference", String.class);

  // times declared on the decision, provision and report forms (ClaimedTimes)
  public static final Var<Object> DECISION_RECEIVED_AT = Var.of("decisionReceivedAt", Object.class);
  public static final Var<Object> PROVIDED_AT = Var.of("providedAt", Object.class);
  public static final Var<Object> REPORTED_AT = Var.of("reportedAt", Object.class);

  private ForeignRequestVariables() {
  }
}
