package cn.dsflow.process;

import java.util.Date;

/**
 * The variables of {@code data-destruction} and its DMN {@code destruction-method-policy}.
 */
public final class DestructionVariables {

  public static final Var<Date> CATALOGUE_DUE_AT = Var.of("catalogueDueAt", Date.class);
  public static final Var<Date> CATALOGUE_REMINDER_AT = Var.of("catalogueReminderAt", Date.class);
  public static final Var<Boolean> CATALOGUE_OVERDUE = Var.of("catalogueOverdue", Boolean.class);
  public static final Var<String> OPERATOR_1 = Var.of("operator1", String.class);
  public static final Var<String> OPERATOR_2 = Var.of("operator2", String.class);
  public static final Var<String> OPERATOR_3 = Var.of("operator3", String.class);
  public static final Var<String> DESTRUCTION_SUPERVISOR = Var.of("destructionSupervisor", String.class);
  public static final Var<String> DESTRUCTION_OPERATORS = Var.of("destructionOperators", String.class);
  public static final Var<String> DESTRUCTION_METHOD = Var.of("destructionMethod", String.class);
  public static final Var<String> STORAGE_MEDIUM = Var.of("storageMedium", String.class);

  private DestructionVariables() {
  }
}
