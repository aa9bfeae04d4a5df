package cn.dsflow.process;

/**
 * The variables of {@code foreign-data-request} (境外司法或执法机构调取数据).
 */
public final class ForeignRequestVariables {

  public static final Var<String> FOREIGN_AUTHORITY = Var.of("foreignAuthority", String.class);
  public static final Var<String> AUTHORITY_DECISION = Var.of("authorityDecision", String.class);

  private ForeignRequestVariables() {
  }
}
