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

  // form fields the listeners and intakes read through SubmittedFields (a field key becomes its variable on submit)
  public static final Var<Object> DESTROYED_RECORD_COUNT = Var.of("destroyedRecordCount", Object.class);
  public static final Var<String> DATA_ITEMS = Var.of("dataItems", String.class);
  public static final Var<String> CATALOGUE_ENTRIES = Var.of("catalogueEntries", String.class);
  public static final Var<Boolean> IN_IMPORTANT_DATA_CATALOGUE = Var.of("inImportantDataCatalogue", Boolean.class);
  public static final Var<String> STORAGE_LOCATIONS = Var.of("storageLocations", String.class);
  public static final Var<String> BACKUP_COPIES = Var.of("backupCopies", String.class);
  public static final Var<Boolean> BACKUPS_INCLUDED = Var.of("backupsIncluded", Boolean.class);
  public static final Var<String> DESTRUCTION_REASON = Var.of("destructionReason", String.class);
  public static final Var<String> PARTNER_NAME = Var.of("partnerName", String.class);
  public static final Var<String> REASON_DETAIL = Var.of("reasonDetail", String.class);
  public static final Var<String> VERIFICATION_OUTCOME = Var.of("verificationOutcome", String.class);
  public static final Var<String> DESTRUCTION_NOTE = Var.of("destructionNote", String.class);
  public static final Var<String> DESTROYED_WHAT = Var.of("destroyedWhat", String.class);
  public static final Var<String> DESTROYED_WHERE = Var.of("destroyedWhere", String.class);
  public static final Var<String> DESTROYED_HOW = Var.of("destroyedHow", String.class);
  public static final Var<String> SUPERVISION_OBSERVATIONS = Var.of("supervisionObservations", String.class);
  public static final Var<String> VERIFICATION_NOTE = Var.of("verificationNote", String.class);
  public static final Var<Object> DESTROYED_AT = Var.of("destroyedAt", Object.class);

  private DestructionVariables() {
  }
}
