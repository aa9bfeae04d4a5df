package cn.dsflow.process;

import java.util.Date;
import java.util.List;
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
  // the summary report's deadline, computed when the response ends (ResponseEndDeclaration)
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

  // form fields the listeners and intakes read through SubmittedFields (a field key becomes its variable on submit)
  public static final Var<String> DOWNGRADE_DECISION = Var.of("downgradeDecision", String.class);
  public static final Var<String> DOWNGRADE_COMMENT = Var.of("downgradeComment", String.class);
  public static final Var<String> EV_SM3 = Var.of("evSm3", String.class);
  public static final Var<Object> EV_COLLECTED_AT = Var.of("evCollectedAt", Object.class);
  public static final Var<String> EV_NAME = Var.of("evName", String.class);
  public static final Var<String> EV_SOURCE = Var.of("evSource", String.class);
  public static final Var<String> EV_COLLECTED_BY = Var.of("evCollectedBy", String.class);
  public static final Var<String> NO_EVIDENCE_REASON = Var.of("noEvidenceReason", String.class);
  public static final Var<String> REGRADE_REASON = Var.of("regradeReason", String.class);
  public static final Var<String> CONFIRMED_MIIT_LEVEL = Var.of("confirmedMiitLevel", String.class);
  public static final Var<String> CONFIRMED_CAC_LEVEL = Var.of("confirmedCacLevel", String.class);
  public static final Var<String> GRADING_REASON = Var.of("gradingReason", String.class);
  public static final Var<Object> PERSONS_AFFECTED = Var.of("personsAffected", Object.class);
  public static final Var<Object> SENSITIVE_PERSONS_AFFECTED = Var.of("sensitivePersonsAffected", Object.class);
  public static final Var<Object> DIRECT_LOSS_YUAN = Var.of("directLossYuan", Object.class);
  public static final Var<Object> OUTAGE_HOURS = Var.of("outageHours", Object.class);
  public static final Var<Object> CII_OUTAGE_MINUTES = Var.of("ciiOutageMinutes", Object.class);
  public static final Var<Object> CII_MAIN_FUNCTION_OUTAGE_MINUTES = Var.of("ciiMainFunctionOutageMinutes", Object.class);
  public static final Var<Object> WEBSITE_OUTAGE_HOURS = Var.of("websiteOutageHours", Object.class);
  public static final Var<Object> DAILY_LIFE_PERSONS = Var.of("dailyLifePersons", Object.class);
  public static final Var<String> NOTIFYING_AUTHORITY = Var.of("notifyingAuthority", String.class);
  public static final Var<String> FACILITY_CLASS = Var.of("facilityClass", String.class);

  // CAC Measures art. 7: items 3–7 of a first report may follow in a supplement (CacReportItems)
  public static final Var<String> CAC_ITEM3_TREND = Var.of("cacItem3Trend", String.class);
  public static final Var<String> CAC_ITEM4_CAUSE = Var.of("cacItem4Cause", String.class);
  public static final Var<String> CAC_ITEM5_TRACES = Var.of("cacItem5Traces", String.class);
  public static final Var<String> CAC_ITEM6_NEXT_STEPS = Var.of("cacItem6NextSteps", String.class);
  public static final Var<String> CAC_ITEM7_SCENE_PROTECTION = Var.of("cacItem7SceneProtection", String.class);
  public static final List<Var<String>> CAC_SUPPLEMENT_ITEMS = List.of(CAC_ITEM3_TREND, CAC_ITEM4_CAUSE, CAC_ITEM5_TRACES,
      CAC_ITEM6_NEXT_STEPS, CAC_ITEM7_SCENE_PROTECTION);
  public static final Var<Object> CAC_RECIPIENT = Var.of("cacRecipient", Object.class);
  public static final Var<Object> CII_AUTH_RECIPIENT = Var.of("ciiAuthRecipient", Object.class);
  public static final Var<Object> CII_POLICE_RECIPIENT = Var.of("ciiPoliceRecipient", Object.class);

  /** The recipient field of each first report under the CAC Measures, by its task definition key. */
  public static final Map<String, Var<Object>> FIRST_REPORT_RECIPIENTS = Map.of(
      "reportToCac", CAC_RECIPIENT,
      "reportToCiiAuthority", CII_AUTH_RECIPIENT,
      "reportCiiToPolice", CII_POLICE_RECIPIENT);

  // the fields the report documents print (ReportTemplate): the 000 §6.3(2) warning and regulator reports, the CAC
  // Measures art. 7 items, the police report and the two summary reports, each with to whom, how and when it went
  public static final Var<Object> REPORTING_UNIT = Var.of("reportingUnit", Object.class);
  public static final Var<String> WARN_POSSIBLE_SCOPE = Var.of("warnPossibleScope", String.class);
  public static final Var<String> WARN_MEASURES = Var.of("warnMeasures", String.class);
  public static final Var<Object> WARN_RECIPIENT = Var.of("warnRecipient", Object.class);
  public static final Var<String> WARN_CHANNEL = Var.of("warnChannel", String.class);
  public static final Var<Object> WARN_SUBMITTED_AT = Var.of("warnSubmittedAt", Object.class);
  public static final Var<String> REG_IMPACT = Var.of("regImpact", String.class);
  public static final Var<String> REG_MEASURES_TAKEN = Var.of("regMeasuresTaken", String.class);
  public static final Var<String> REG_SUGGESTIONS = Var.of("regSuggestions", String.class);
  public static final Var<Object> REG_RECIPIENT = Var.of("regRecipient", Object.class);
  public static final Var<String> REG_CHANNEL = Var.of("regChannel", String.class);
  public static final Var<Object> REG_SUBMITTED_AT = Var.of("regSubmittedAt", Object.class);
  public static final Var<String> CAC_ITEM1_UNIT = Var.of("cacItem1Unit", String.class);
  public static final Var<String> CAC_ITEM2_SITUATION = Var.of("cacItem2Situation", String.class);
  public static final Var<String> CAC_ITEM8_OTHER = Var.of("cacItem8Other", String.class);
  public static final Var<String> CAC_CHANNEL = Var.of("cacChannel", String.class);
  public static final Var<Object> CAC_SUBMITTED_AT = Var.of("cacSubmittedAt", Object.class);
  public static final Var<String> CII_AUTH_CHANNEL = Var.of("ciiAuthChannel", String.class);
  public static final Var<Object> CII_AUTH_SUBMITTED_AT = Var.of("ciiAuthSubmittedAt", Object.class);
  public static final Var<String> CII_POLICE_CHANNEL = Var.of("ciiPoliceChannel", String.class);
  public static final Var<Object> CII_POLICE_SUBMITTED_AT = Var.of("ciiPoliceSubmittedAt", Object.class);
  public static final Var<String> CAC_SUPPLEMENT_CHANNEL = Var.of("cacSupplementChannel", String.class);
  public static final Var<Object> CAC_SUPPLEMENT_SUBMITTED_AT = Var.of("cacSupplementSubmittedAt", Object.class);
  public static final Var<String> POLICE_SUMMARY = Var.of("policeSummary", String.class);
  public static final Var<Object> POLICE_STATION = Var.of("policeStation", Object.class);
  public static final Var<Object> POLICE_REPORTED_AT = Var.of("policeReportedAt", Object.class);
  public static final Var<Object> POLICE_CASE_REFERENCE = Var.of("policeCaseReference", Object.class);
  public static final Var<String> SUM_CAUSE = Var.of("sumCause", String.class);
  public static final Var<String> SUM_COURSE = Var.of("sumCourse", String.class);
  public static final Var<String> SUM_RESPONSIBILITY = Var.of("sumResponsibility", String.class);
  public static final Var<String> SUM_IMPACT_LOSS = Var.of("sumImpactLoss", String.class);
  public static final Var<String> SUM_LESSONS = Var.of("sumLessons", String.class);
  public static final Var<String> SUM_OPINIONS = Var.of("sumOpinions", String.class);
  public static final Var<String> SUM_IMPROVEMENTS = Var.of("sumImprovements", String.class);
  public static final Var<Object> SUM_RECIPIENT = Var.of("sumRecipient", Object.class);
  public static final Var<String> SUM_CHANNEL = Var.of("sumChannel", String.class);
  public static final Var<Object> SUM_SUBMITTED_AT = Var.of("sumSubmittedAt", Object.class);
  public static final Var<String> CAC_SUM_CAUSE = Var.of("cacSumCause", String.class);
  public static final Var<String> CAC_SUM_MEASURES = Var.of("cacSumMeasures", String.class);
  public static final Var<String> CAC_SUM_HARM = Var.of("cacSumHarm", String.class);
  public static final Var<String> CAC_SUM_ACCOUNTABILITY = Var.of("cacSumAccountability", String.class);
  public static final Var<String> CAC_SUM_RECTIFICATION = Var.of("cacSumRectification", String.class);
  public static final Var<String> CAC_SUM_LESSONS = Var.of("cacSumLessons", String.class);
  public static final Var<Object> CAC_SUM_SUBMITTED_AT = Var.of("cacSumSubmittedAt", Object.class);

  // a time the person declares on the notice to affected parties (ClaimedTimes)
  public static final Var<Object> AFFECTED_NOTIFIED_AT = Var.of("affectedNotifiedAt", Object.class);

  private IncidentVariables() {
  }
}
