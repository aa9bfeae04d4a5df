package cn.dsflow.process;

import java.util.List;
import java.util.Optional;

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

  // the time declared on the rework form (ClaimedTimes)
  public static final Var<Object> REWORK_AT = Var.of("reworkAt", Object.class);

  private DestructionVariables() {
  }

  // the reclamation record's items (000 §4.7.1(2)): each reclaimed or not applicable, with a note
  public static final Var<String> ACCOUNTS_RECLAIMED = Var.of("accountsReclaimed", String.class);
  public static final Var<String> ACCOUNTS_NOTE = Var.of("accountsNote", String.class);
  public static final Var<String> PHYSICAL_RESOURCES_RECLAIMED = Var.of("physicalResourcesReclaimed", String.class);
  public static final Var<String> PHYSICAL_RESOURCES_NOTE = Var.of("physicalResourcesNote", String.class);
  public static final Var<String> CLOUD_RESOURCES_RECLAIMED = Var.of("cloudResourcesReclaimed", String.class);
  public static final Var<String> CLOUD_RESOURCES_NOTE = Var.of("cloudResourcesNote", String.class);
  public static final Var<String> STORAGE_SPACE_RECLAIMED = Var.of("storageSpaceReclaimed", String.class);
  public static final Var<String> STORAGE_SPACE_NOTE = Var.of("storageSpaceNote", String.class);
  public static final Var<String> SHARING_CHANNELS_RECLAIMED = Var.of("sharingChannelsReclaimed", String.class);
  public static final Var<String> SHARING_CHANNELS_NOTE = Var.of("sharingChannelsNote", String.class);
  public static final Var<String> INTERFACES_RECLAIMED = Var.of("interfacesReclaimed", String.class);
  public static final Var<String> INTERFACES_NOTE = Var.of("interfacesNote", String.class);

  /** One item of the reclamation record: the key it is kept under in the ledger and audit, and its two fields. */
  public record Reclamation(String resource, Var<String> reclaimed, Var<String> note) {
  }

  public static final List<Reclamation> RECLAMATIONS = List.of(
      new Reclamation("accounts", ACCOUNTS_RECLAIMED, ACCOUNTS_NOTE),
      new Reclamation("physicalResources", PHYSICAL_RESOURCES_RECLAIMED, PHYSICAL_RESOURCES_NOTE),
      new Reclamation("cloudResources", CLOUD_RESOURCES_RECLAIMED, CLOUD_RESOURCES_NOTE),
      new Reclamation("storageSpace", STORAGE_SPACE_RECLAIMED, STORAGE_SPACE_NOTE),
      new Reclamation("sharingChannels", SHARING_CHANNELS_RECLAIMED, SHARING_CHANNELS_NOTE),
      new Reclamation("interfaces", INTERFACES_RECLAIMED, INTERFACES_NOTE));

  public static Optional<Reclamation> reclamation(String resource) {
    return RECLAMATIONS.stream().filter(r -> r.resource().equals(resource)).findFirst();
  }
}
