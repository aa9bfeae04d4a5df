package cn.dsflow.process;

import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The variables of {@code cross-border-transfer} and its DMN {@code cross-border-route}.
 */
@SuppressWarnings("rawtypes")
public final class CrossBorderVariables {

  public static final Var<Integer> TRANSFER_YEAR = Var.internal("transferYear", Integer.class);
  public static final Var<Boolean> CORE_DATA = Var.of("coreData", Boolean.class);
  public static final Var<Boolean> IMPORTANT_DATA = Var.of("importantData", Boolean.class);
  public static final Var<Long> PERSONS_NON_SENSITIVE = Var.of("personsNonSensitive", Long.class);
  public static final Var<Long> PERSONS_SENSITIVE = Var.of("personsSensitive", Long.class);
  public static final Var<Boolean> PERSONAL_INFORMATION = Var.of("personalInformation", Boolean.class);
  public static final Var<Long> TRANSFER_PERSONS_NON_SENSITIVE = Var.of("transferPersonsNonSensitive", Long.class);
  public static final Var<Long> TRANSFER_PERSONS_SENSITIVE = Var.of("transferPersonsSensitive", Long.class);
  public static final Var<Object> CIIO = Var.of("ciio", Object.class);
  public static final Var<Object> EXEMPTION_GROUND = Var.of("exemptionGround", Object.class);
  public static final Var<Date> ROUTE_VALID_UNTIL = Var.of("routeValidUntil", Date.class);
  public static final Var<Boolean> ROUTE_STILL_VALID = Var.of("routeStillValid", Boolean.class);
  public static final Var<Map> ROUTE_DECISION = Var.of("routeDecision", Map.class);
  public static final Var<String> CROSS_BORDER_ROUTE = Var.of("crossBorderRoute", String.class);
  public static final Var<Object> ROUTE_RULE = Var.of("routeRule", Object.class);
  public static final Var<Object> STOP_REPORTED_BY = Var.internal("stopReportedBy", Object.class);
  public static final Var<Object> STOP_NOTE = Var.internal("stopNote", Object.class);
  public static final Var<Boolean> FILING_OVERDUE = Var.of("filingOverdue", Boolean.class);
  public static final Var<Boolean> FILING_SUPPLEMENT_REQUESTED = Var.of("filingSupplementRequested", Boolean.class);
  public static final Var<String> CAC_OUTCOME = Var.of("cacOutcome", String.class);
  public static final Var<Date> ASSESSMENT_VALID_UNTIL = Var.of("assessmentValidUntil", Date.class);
  public static final Var<Date> RENEWAL_CHECK_AT = Var.of("renewalCheckAt", Date.class);
  public static final Var<Boolean> RENEWAL_OVERDUE = Var.of("renewalOverdue", Boolean.class);
  public static final Var<Date> RENEWAL_OPENS_AT = Var.of("renewalOpensAt", Date.class);
  public static final Var<String> LEGAL_DECISION = Var.of("legalDecision", String.class);
  public static final Var<String> CERTIFICATION_RESULT = Var.of("certificationResult", String.class);
  public static final Var<Object> SUPPLEMENT_REQUESTED_DATE = Var.of("supplementRequestedDate", Object.class);
  public static final Var<Object> RECIPIENT_COUNTRY = Var.of("recipientCountry", Object.class);
  public static final Var<Object> EXPORT_LICENCE_NUMBER = Var.of("exportLicenceNumber", Object.class);
  public static final Var<Object> CAC_SUBMITTED_DATE = Var.of("cacSubmittedDate", Object.class);
  public static final Var<Object> CAC_RESULT_DATE = Var.of("cacResultDate", Object.class);
  public static final Var<Object> MECHANISM = Var.of("mechanism", Object.class);
  public static final Var<Object> CONTRACT_EFFECTIVE_DATE = Var.of("contractEffectiveDate", Object.class);
  public static final Var<Object> FILING_NUMBER = Var.of("filingNumber", Object.class);
  public static final Var<Object> CERTIFICATE_NUMBER = Var.of("certificateNumber", Object.class);
  public static final Var<Object> LEGAL_OVERRIDE_BASIS = Var.of("legalOverrideBasis", Object.class);

  /** The inputs of the DMN {@code cross-border-route}, in its column order. */
  public static final List<Var<?>> ROUTE_INPUTS = List.of(CIIO, CORE_DATA, IMPORTANT_DATA, PERSONS_NON_SENSITIVE,
      PERSONS_SENSITIVE, EXEMPTION_GROUND);

  /** What the ledger row of a transfer records: its route, the rule that fired, the filing or assessment it rests on. */
  public static final List<Var<?>> LEDGER_PARTICULARS = List.of(CROSS_BORDER_ROUTE, ROUTE_RULE, RECIPIENT_COUNTRY,
      TRANSFER_PERSONS_NON_SENSITIVE, TRANSFER_PERSONS_SENSITIVE, EXEMPTION_GROUND, EXPORT_LICENCE_NUMBER,
      CAC_SUBMITTED_DATE, CAC_RESULT_DATE, ASSESSMENT_VALID_UNTIL, MECHANISM, CONTRACT_EFFECTIVE_DATE, FILING_NUMBER,
      CERTIFICATE_NUMBER, LEGAL_OVERRIDE_BASIS);

  // form fields the listeners and intakes read through SubmittedFields (a field key becomes its variable on submit)
  public static final Var<Boolean> ENDANGERS_NATIONAL_SECURITY = Var.of("endangersNationalSecurity", Boolean.class);
  public static final Var<String> RECIPIENT_CONTACT = Var.of("recipientContact", String.class);
  public static final Var<String> STORAGE_LOCATION_ABROAD = Var.of("storageLocationAbroad", String.class);
  public static final Var<String> STORAGE_PERIOD_ABROAD = Var.of("storagePeriodAbroad", String.class);
  public static final Var<String> ONWARD_TRANSFER_TERMS = Var.of("onwardTransferTerms", String.class);
  public static final Var<Boolean> EXPORT_CONTROLLED = Var.of("exportControlled", Boolean.class);

  // the standard contract's filing clock (CrossBorderClock)
  public static final Var<Date> FILING_DUE_AT = Var.of("filingDueAt", Date.class);
  public static final Var<Date> FILING_REMINDER_AT = Var.of("filingReminderAt", Date.class);
  public static final Var<Date> SUPPLEMENT_DUE_AT = Var.of("supplementDueAt", Date.class);

  // times declared on the filing, assessment and licence forms (ClaimedTimes)
  public static final Var<Object> SUPPLEMENT_SUBMITTED_DATE = Var.of("supplementSubmittedDate", Object.class);
  public static final Var<Object> RENEWAL_SUBMITTED_DATE = Var.of("renewalSubmittedDate", Object.class);
  public static final Var<Object> FILING_SUBMITTED_DATE = Var.of("filingSubmittedDate", Object.class);
  public static final Var<Object> FILING_SUPPLEMENT_SUBMITTED_DATE = Var.of("filingSupplementSubmittedDate", Object.class);
  public static final Var<Object> EXPORT_LICENCE_DATE = Var.of("exportLicenceDate", Object.class);
  public static final Var<Object> PIA_COMPLETED_DATE = Var.of("piaCompletedDate", Object.class);

  private CrossBorderVariables() {
  }
}
