package cn.dsflow.process;

import java.util.Date;
import java.util.List;

/**
 * The variables of {@code risk-report} (数据安全风险信息报告).
 */
@SuppressWarnings("rawtypes")
public final class RiskVariables {

  public static final Var<String> RISK_ID = Var.of("riskId", String.class);
  public static final Var<Date> REPORTED_AT = Var.of("reportedAt", Date.class);
  public static final Var<Date> FEEDBACK_DUE_AT = Var.of("feedbackDueAt", Date.class);
  public static final Var<Boolean> FEEDBACK_OVERDUE = Var.of("feedbackOverdue", Boolean.class);
  public static final Var<Object> TITLE = Var.of("title", Object.class);
  public static final Var<Object> FOUND_DATE = Var.of("foundDate", Object.class);
  public static final Var<Object> SYSTEM_NAME = Var.of("systemName", Object.class);
  public static final Var<Object> AFFECTED_REGIONS = Var.of("affectedRegions", Object.class);
  public static final Var<Object> DOMAIN = Var.of("domain", Object.class);
  public static final Var<String> CATEGORY = Var.of("category", String.class);
  public static final Var<Object> SUMMARY = Var.of("summary", Object.class);
  public static final Var<Object> ANALYSIS = Var.of("analysis", Object.class);
  public static final Var<Object> DATA_TYPES = Var.of("dataTypes", Object.class);
  public static final Var<String> DATA_LEVEL = Var.of("dataLevel", String.class);
  public static final Var<String> SOURCE = Var.of("source", String.class);
  public static final Var<String> RISK_LEVEL = Var.of("riskLevel", String.class);
  public static final Var<Object> CONTACT_PHONE = Var.of("contactPhone", Object.class);
  public static final Var<String> ESCALATED_INCIDENT_ID = Var.internal("escalatedIncidentId", String.class);
  public static final Var<Boolean> MAY_CAUSE_SERIOUS_INCIDENT = Var.of("mayCauseSeriousIncident", Boolean.class);
  public static final Var<Boolean> REPORT_REQUIRED = Var.of("reportRequired", Boolean.class);
  public static final Var<Date> RISK_REPORT_DUE_AT = Var.of("riskReportDueAt", Date.class);
  public static final Var<Boolean> RISK_REPORT_OVERDUE = Var.of("riskReportOverdue", Boolean.class);
  public static final Var<Boolean> ESCALATE_TO_INCIDENT = Var.of("escalateToIncident", Boolean.class);
  public static final Var<Object> REMEDIATIONS = Var.of("remediations", Object.class);
  public static final Var<List> REMEDIATION_OWNERS = Var.of("remediationOwners", List.class);
  public static final Var<String> REMEDIATION_ACTION = Var.of("remediationAction", String.class);
  public static final Var<List> REMEDIATION_ACTIONS = Var.internal("remediationActions", List.class);
  public static final Var<List> REMEDIATION_DUES = Var.internal("remediationDues", List.class);

  // form fields the listeners and intakes read through SubmittedFields (a field key becomes its variable on submit)
  public static final Var<String> REMEDIATION_OWNER = Var.of("remediationOwner", String.class);
  public static final Var<Object> REMEDIATION_DUE_DATE = Var.of("remediationDueDate", Object.class);
  public static final Var<String> DISPOSAL_RESULT = Var.of("disposalResult", String.class);
  public static final Var<Object> FEEDBACK_DUE_DATE = Var.of("feedbackDueDate", Object.class);
  public static final Var<String> DATA_VOLUME = Var.of("dataVolume", String.class);
  public static final Var<String> ORIGIN_TIME = Var.of("originTime", String.class);
  public static final Var<String> NOTIFYING_AUTHORITY = Var.of("notifyingAuthority", String.class);

  // the starter, as camunda:initiator records it; a client's own value for it is dropped before the start (RiskController)
  public static final Var<String> REPORTER = Var.of("reporter", String.class);
  // fields of 002 annex 1 (风险信息报送模板) that the register and the risk notice print (RiskRegister, RiskController)
  public static final Var<Object> REPORTING_UNIT = Var.of("reportingUnit", Object.class);
  public static final Var<Object> RISK_UNIT = Var.of("riskUnit", Object.class);
  public static final Var<Object> AFFECTED_UNITS = Var.of("affectedUnits", Object.class);
  public static final Var<Object> AFFECTED_INDUSTRIES = Var.of("affectedIndustries", Object.class);
  public static final Var<Object> SYSTEM_DOMAIN = Var.of("systemDomain", Object.class);
  public static final Var<Object> IP_ADDRESS = Var.of("ipAddress", Object.class);
  public static final Var<Object> PORT = Var.of("port", Object.class);
  public static final Var<Object> RISK_URL = Var.of("riskUrl", Object.class);
  public static final Var<Object> IP_REGION = Var.of("ipRegion", Object.class);
  public static final Var<Object> IP_CARRIER = Var.of("ipCarrier", Object.class);
  public static final Var<Object> ICP_NUMBER = Var.of("icpNumber", Object.class);
  public static final Var<Object> PROPOSED_HANDLING = Var.of("proposedHandling", Object.class);
  public static final Var<Object> CONTACT_PERSON = Var.of("contactPerson", Object.class);

  // times declared on the regulator report, feedback and remediation forms (ClaimedTimes)
  public static final Var<Object> RISK_REPORTED_AT = Var.of("riskReportedAt", Object.class);
  public static final Var<Object> FEEDBACK_SUBMITTED_AT = Var.of("feedbackSubmittedAt", Object.class);
  public static final Var<Object> REMEDIATION_DONE_AT = Var.of("remediationDoneAt", Object.class);

  private RiskVariables() {
  }
}
