package cn.dsflow.process;

import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The variables every request process shares ({@code data-operation-approval}, {@code cross-border-transfer},
 * {@code data-destruction}), with the called {@code multi-person-approval} and the approval-policy DMN; the foreign-data
 * request and the compliance duties set {@link #REQUEST_ID} and {@link #REQUEST_SUMMARY} too, so reminders name them.
 */
@SuppressWarnings("rawtypes")
public final class RequestVariables {

  public static final Var<String> REQUEST_ID = Var.of("requestId", String.class);
  /** The starter ({@code camunda:initiator}); who asked is read from the request register, never from here. */
  public static final Var<String> REQUESTER = Var.of("requester", String.class);
  public static final Var<String> REQUEST_SUMMARY = Var.of("requestSummary", String.class);
  public static final Var<Date> REQUESTED_AT = Var.internal("requestedAt", Date.class);
  public static final Var<String> REQUEST_HASH = Var.internal("requestHash", String.class);
  public static final Var<Long> RECORD_COUNT = Var.of("recordCount", Long.class);
  public static final Var<Date> VALID_FROM_AT = Var.internal("validFromAt", Date.class);
  public static final Var<Date> VALID_UNTIL_AT = Var.internal("validUntilAt", Date.class);
  public static final Var<Boolean> RECIPIENT_FOREIGN = Var.of("recipientForeign", Boolean.class);
  public static final Var<String> RECIPIENT_NAME = Var.of("recipientName", String.class);
  public static final Var<Object> EXECUTORS = Var.of("executors", Object.class);
  public static final Var<Boolean> REJECTED = Var.of("rejected", Boolean.class);
  public static final Var<String> REJECTION_REASON = Var.of("rejectionReason", String.class);
  public static final Var<Boolean> CHECKS_FAILED = Var.internal("checksFailed", Boolean.class);
  public static final Var<List> CHECKS = Var.of("checks", List.class);
  public static final Var<List> APPROVER_GROUPS = Var.of("approverGroups", List.class);
  public static final Var<Date> APPROVAL_DUE_AT = Var.of("approvalDueAt", Date.class);
  public static final Var<Date> APPROVAL_REMINDER_AT = Var.of("approvalReminderAt", Date.class);
  public static final Var<Boolean> APPROVAL_OVERDUE = Var.of("approvalOverdue", Boolean.class);
  public static final Var<Object> DECISION = Var.of("decision", Object.class);
  public static final Var<Object> COMMENT = Var.of("comment", Object.class);
  public static final Var<Object> ACTUAL_RECORD_COUNT = Var.of("actualRecordCount", Object.class);
  public static final Var<Object> COMPLETED_AT = Var.of("completedAt", Object.class);
  public static final Var<Object> RESULT_NOTE = Var.of("resultNote", Object.class);
  public static final Var<String> OPERATION_TYPE = Var.of("operationType", String.class);
  public static final Var<String> DATA_LEVEL = Var.of("dataLevel", String.class);

  // each preparatory check form names its outcome and findings after its task (§3.7.1): spelled out, not built
  public static final Var<Object> ASSESS_NECESSITY_PASSED = Var.of("assessNecessity_passed", Object.class);
  public static final Var<Object> ASSESS_NECESSITY_FINDINGS = Var.of("assessNecessity_findings", Object.class);
  public static final Var<Object> ASSESS_DISCLOSURE_RISK_PASSED = Var.of("assessDisclosureRisk_passed", Object.class);
  public static final Var<Object> ASSESS_DISCLOSURE_RISK_FINDINGS = Var.of("assessDisclosureRisk_findings", Object.class);
  public static final Var<Object> CHECK_SECURITY_AGREEMENT_PASSED = Var.of("checkSecurityAgreement_passed", Object.class);
  public static final Var<Object> CHECK_SECURITY_AGREEMENT_FINDINGS = Var.of("checkSecurityAgreement_findings", Object.class);
  public static final Var<Object> REVIEW_RECIPIENT_CAPABILITY_PASSED = Var.of("reviewRecipientCapability_passed", Object.class);
  public static final Var<Object> REVIEW_RECIPIENT_CAPABILITY_FINDINGS = Var.of("reviewRecipientCapability_findings", Object.class);
  public static final Var<Object> ASSESS_CORE_DATA_RISK_PASSED = Var.of("assessCoreDataRisk_passed", Object.class);
  public static final Var<Object> ASSESS_CORE_DATA_RISK_FINDINGS = Var.of("assessCoreDataRisk_findings", Object.class);

  /** Outcome and findings of each preparatory check, by the task definition key that asks for them. */
  public static final Map<String, CheckFields> PREPARATORY_CHECKS = Map.of(
      "assessNecessity", new CheckFields(ASSESS_NECESSITY_PASSED, ASSESS_NECESSITY_FINDINGS),
      "assessDisclosureRisk", new CheckFields(ASSESS_DISCLOSURE_RISK_PASSED, ASSESS_DISCLOSURE_RISK_FINDINGS),
      "checkSecurityAgreement", new CheckFields(CHECK_SECURITY_AGREEMENT_PASSED, CHECK_SECURITY_AGREEMENT_FINDINGS),
      "reviewRecipientCapability", new CheckFields(REVIEW_RECIPIENT_CAPABILITY_PASSED, REVIEW_RECIPIENT_CAPABILITY_FINDINGS),
      "assessCoreDataRisk", new CheckFields(ASSESS_CORE_DATA_RISK_PASSED, ASSESS_CORE_DATA_RISK_FINDINGS));

  public record CheckFields(Var<Object> passed, Var<Object> findings) {
  }

  // form fields the listeners and intakes read through SubmittedFields (a field key becomes its variable on submit)
  public static final Var<String> FILING_REFERENCE = Var.of("filingReference", String.class);
  public static final Var<Object> FILED_AT = Var.of("filedAt", Object.class);
  public static final Var<String> CHANGE_SUMMARY = Var.of("changeSummary", String.class);
  public static final Var<String> DATA_CATEGORY = Var.of("dataCategory", String.class);
  public static final Var<String> DATA_DESCRIPTION = Var.of("dataDescription", String.class);
  public static final Var<Object> VOLUME_GB = Var.of("volumeGb", Object.class);
  public static final Var<String> PROCESSING_SUBJECT = Var.of("processingSubject", String.class);
  public static final Var<String> PROCESSING_METHOD = Var.of("processingMethod", String.class);
  public static final Var<String> PURPOSE = Var.of("purpose", String.class);
  public static final Var<String> SCOPE = Var.of("scope", String.class);
  public static final Var<Object> VALID_FROM = Var.of("validFrom", Object.class);
  public static final Var<Object> VALID_UNTIL = Var.of("validUntil", Object.class);

  private RequestVariables() {
  }
}
