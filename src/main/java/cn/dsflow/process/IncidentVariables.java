package cn.dsflow.process;

import java.util.Date;
import java.util.Map;

/**
 * The variables of {@code incident-response} and the processes below it ({@code incident-emergency-response}, which
 * calls {@code incident-tier-playbook}, {@code incident-regulatory-report} and {@code incident-downgrade-review}); each
 * call passes the ones its process reads by name, listed in the call activity's documentation.
 */
public final class IncidentVariables {

  public static final Var<String> INCIDENT_ID = Var.of("incidentId", String.class);
  public static final Var<String> TITLE = Var.of("title", String.class);
  public static final Var<Date> REPORTED_AT = Var.of("reportedAt", Date.class);
  public static final Var<String> REPORTS_OPENED = Var.of("reportsOpened", String.class);
  public static final Var<Boolean> SUBSTANTIVE_HARM = Var.of("substantiveHarm", Boolean.class);
  public static final Var<String> PROGRESS_REPORT_CYCLE = Var.of("progressReportCycle", String.class);
  public static final Var<String> PROPOSED_MIIT_LEVEL = Var.of("proposedMiitLevel", String.class);
  public static final Var<String> PROPOSED_CAC_LEVEL = Var.of("proposedCacLevel", String.class);
  public static final Var<Boolean> GRADING_BOUNDARY = Var.of("gradingBoundary", Boolean.class);
  public static final Var<String> MIIT_LEVEL = Var.of("miitLevel", String.class);
  public static final Var<String> INCIDENT_LEVEL = Var.of("incidentLevel", String.class);
  public static final Var<String> CAC_LEVEL = Var.of("cacLevel", String.class);
  public static final Var<Boolean> DOWNGRADE_PENDING = Var.of("downgradePending", Boolean.class);
  public static final Var<String> REQUESTED_MIIT_LEVEL = Var.of("requestedMiitLevel", String.class);
  public static final Var<String> REQUESTED_CAC_LEVEL = Var.of("requestedCacLevel", String.class);
  public static final Var<String> DOWNGRADE_REVIEW_GROUP = Var.of("downgradeReviewGroup", String.class);
  public static final Var<Date> GRADED_AT = Var.internal("gradedAt", Date.class);
  public static final Var<String> REGRADE_REQUESTED_BY = Var.internal("regradeRequestedBy", String.class);
  public static final Var<Object> MIIT_GRADING = Var.of("miitGrading", Object.class);
  public static final Var<Object> CAC_GRADING = Var.of("cacGrading", Object.class);
  public static final Var<String> MIIT_CRITERIA = Var.of("miitCriteria", String.class);
  public static final Var<String> CAC_CRITERIA = Var.of("cacCriteria", String.class);
  public static final Var<Boolean> CAC_SUPPLEMENT_NEEDED = Var.of("cacSupplementNeeded", Boolean.class);
  public static final Var<Date> CAC_SUPPLEMENT_DUE_AT = Var.of("cacSupplementDueAt", Date.class);
  public static final Var<Object> SUPPLEMENT_RECIPIENT = Var.of("supplementRecipient", Object.class);
  public static final Var<String> REPORT_KIND = Var.of("reportKind", String.class);
  public static final Var<Date> REPORT_CLOCK_START = Var.of("reportClockStart", Date.class);
  public static final Var<Date> REPORT_DUE_AT = Var.of("reportDueAt", Date.class);
  public static final Var<Boolean> REPORT_OVERDUE = Var.of("reportOverdue", Boolean.class);
  public static final Var<Date> DISCOVERED_AT = Var.of("discoveredAt", Date.class);
  public static final Var<Date> RESPONSE_CLOCK_START = Var.internal("responseClockStart", Date.class);
  public static final Var<Date> GRADING_DUE_AT = Var.of("gradingDueAt", Date.class);
  public static final Var<Boolean> GRADING_OVERDUE = Var.of("gradingOverdue", Boolean.class);
  public static final Var<Boolean> SUMMARY_OVERDUE = Var.of("summaryOverdue", Boolean.class);
  public static final Var<Date> SUMMARY_DUE_AT = Var.of("summaryDueAt", Date.class);
  public static final Var<Date> SUMMARY_REMINDER_AT = Var.of("summaryReminderAt", Date.class);
  // ProvisionalDeadlines' mark beside summaryDueAt; named here because the emergency response hands it back by name
  public static final Var<Boolean> SUMMARY_DUE_AT_PROVISIONAL = Var.of("summaryDueAtProvisional", Boolean.class);
  public static final Var<String> DATA_LEVEL = Var.of("dataLevel", String.class);
  public static final Var<Boolean> CRIME_SUSPECTED = Var.of("crimeSuspected", Boolean.class);
  public static final Var<Boolean> CII_INVOLVED = Var.of("ciiInvolved", Boolean.class);
  public static final Var<String> PLAYBOOK_TIER = Var.of("playbookTier", String.class);
  public static final Var<String> REPORTS_DUE = Var.of("reportsDue", String.class);
  public static final Var<Boolean> TIER_RAISED = Var.of("tierRaised", Boolean.class);
  public static final Var<Date> DOWNGRADE_REVIEW_DUE_AT = Var.of("downgradeReviewDueAt", Date.class);
  public static final Var<Date> RESPONSE_ENDED_AT = Var.of("responseEndedAt", Date.class);
  public static final Var<Date> CAC_SUMMARY_DUE_AT = Var.of("cacSummaryDueAt", Date.class);
  public static final Var<Boolean> CAC_SUMMARY_OVERDUE = Var.of("cacSummaryOverdue", Boolean.class);
  public static final Var<Object> EVIDENCE_ITEMS = Var.of("evidenceItems", Object.class);
  public static final Var<String> SOURCE = Var.of("source", String.class);
  public static final Var<Object> LOCATION = Var.of("location", Object.class);
  public static final Var<String> INCIDENT_TYPE = Var.of("incidentType", String.class);
  public static final Var<String> DESCRIPTION = Var.of("description", String.class);
  public static final Var<Object> DATA_CATEGORIES = Var.of("dataCategories", Object.class);
  public static final Var<String> THREAT_SEVERITY = Var.of("threatSeverity", String.class);
  public static final Var<String> PRODUCTION_IMPACT = Var.of("productionImpact", String.class);
  public static final Var<Boolean> ONGOING = Var.of("ongoing", Boolean.class);
  public static final Var<Object> REPORTER_CONTACT = Var.of("reporterContact", Object.class);
  public static final Var<String> FROM_RISK_ID = Var.internal("fromRiskId", String.class);
  public static final Var<Object> SYSTEM_NAME = Var.of("systemName", Object.class);
  public static final Var<Object> DOMAIN = Var.of("domain", Object.class);

  // the id of the document each report task filed (IncidentDocumentStore), for Cockpit and the case file
  public static final Var<Long> REPORT_WARNING_TO_REGULATOR_DOCUMENT_ID = Var.internal("reportWarningToRegulatorDocumentId", Long.class);
  public static final Var<Long> REPORT_TO_REGULATOR_DOCUMENT_ID = Var.internal("reportToRegulatorDocumentId", Long.class);
  public static final Var<Long> REPORT_TO_CAC_DOCUMENT_ID = Var.internal("reportToCacDocumentId", Long.class);
  public static final Var<Long> REPORT_TO_CII_AUTHORITY_DOCUMENT_ID = Var.internal("reportToCiiAuthorityDocumentId", Long.class);
  public static final Var<Long> REPORT_CII_TO_POLICE_DOCUMENT_ID = Var.internal("reportCiiToPoliceDocumentId", Long.class);
  public static final Var<Long> SUPPLEMENT_CAC_REPORT_DOCUMENT_ID = Var.internal("supplementCacReportDocumentId", Long.class);
  public static final Var<Long> REPORT_TO_POLICE_DOCUMENT_ID = Var.internal("reportToPoliceDocumentId", Long.class);
  public static final Var<Long> WRITE_SUMMARY_REPORT_DOCUMENT_ID = Var.internal("writeSummaryReportDocumentId", Long.class);
  public static final Var<Long> WRITE_CAC_SUMMARY_REPORT_DOCUMENT_ID = Var.internal("writeCacSummaryReportDocumentId", Long.class);

  /** The document-id variable of each report task, by its task definition key. */
  public static final Map<String, Var<Long>> REPORT_DOCUMENT_IDS = Map.of(
      "reportWarningToRegulator", REPORT_WARNING_TO_REGULATOR_DOCUMENT_ID,
      "reportToRegulator", REPORT_TO_REGULATOR_DOCUMENT_ID,
      "reportToCac", REPORT_TO_CAC_DOCUMENT_ID,
      "reportToCiiAuthority", REPORT_TO_CII_AUTHORITY_DOCUMENT_ID,
      "reportCiiToPolice", REPORT_CII_TO_POLICE_DOCUMENT_ID,
      "supplementCacReport", SUPPLEMENT_CAC_REPORT_DOCUMENT_ID,
      "reportToPolice", REPORT_TO_POLICE_DOCUMENT_ID,
      "writeSummaryReport", WRITE_SUMMARY_REPORT_DOCUMENT_ID,
      "writeCacSummaryReport", WRITE_CAC_SUMMARY_REPORT_DOCUMENT_ID);

  private IncidentVariables() {
  }
}
