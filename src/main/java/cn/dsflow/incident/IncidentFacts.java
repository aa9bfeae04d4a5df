package cn.dsflow.incident;

import cn.dsflow.process.IncidentVariables;
import cn.dsflow.approval.DataLevel;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import cn.dsflow.process.RecordVariables;
import java.time.Instant;
import java.util.Map;

/**
 * What the reporter knows about an incident (or a warning), checked field by field. The grading inputs are those of
 * the MIIT plan's annex (requirements-incidents §1.1) and the CAC guide (§2.4); the descriptive fields feed the reports
 * (000 §6.3(2), CAC art. 7). Counts and amounts not yet known are entered as 0 and corrected by re-grading.
 */
public record IncidentFacts(
    ReportKind reportKind,
    Source source,
    String notifyingAuthority,
    String title,
    Instant discoveredAt,
    String systemName,
    String location,
    Domain domain,
    IncidentType incidentType,
    String description,
    String dataCategories,
    GradingInputs grading,
    boolean ongoing,
    String reporterContact) {

  /** An incident that happened, or a warning that one may happen (Plan, warning stage: 可能发生较大及以上事件). */
  public enum ReportKind { INCIDENT, WARNING }

  /** 000 §3.1.2(2) internal discovery; §6.5 regulator notice; §3.7.2(2) partner report; 002 art.13 risk escalation. */
  public enum Source { INTERNAL, REGULATOR_NOTICE, PARTNER, RISK_REPORT }

  public enum Domain { INDUSTRIAL, TELECOM, RADIO }

  /**
   * Telecom outages: the Plan's 特别重大 and 重大 name 重要/核心网络设施和信息系统, its 较大 and 一般 name 相关 ones. Not
   * stated means not known, and an unknown class is graded as important or core (the stricter reading).
   */
  public enum FacilityClass { CORE_OR_IMPORTANT, RELATED, UNKNOWN }

  public enum IncidentType { TAMPERING, DESTRUCTION, LEAK, ILLEGAL_ACQUISITION, ILLEGAL_USE, RANSOMWARE, OTHER }

  /** 对国家安全、社会秩序、经济建设和公众利益构成的威胁: none, 一定, 较严重, 严重, 特别严重. */
  public enum ThreatSeverity { NONE, SOME, RELATIVELY_SERIOUS, SERIOUS, ESPECIALLY_SERIOUS }

  /** Industrial domain: 损害较轻, 部分业务处理能力丧失, 较大范围停工停产, 大范围停工停产. */
  public enum ProductionImpact { NONE, MINOR, PARTIAL_CAPABILITY_LOSS, WIDER_STOPPAGE, LARGE_SCALE_STOPPAGE }

  /**
   * The grading inputs of the Plan's annex and the CAC guide (§2.4): read the same way for a first report and for a
   * re-grading, where only these (and the flags) may change; what was reported first stays in the record.
   */
  record GradingInputs(
      DataLevel dataLevel,
      ThreatSeverity threatSeverity,
      ProductionImpact productionImpact,
      long personsAffected,
      long sensitivePersonsAffected,
      double directLossYuan,
      double outageHours,
      FacilityClass facilityClass,
      boolean ciiInvolved,
      double ciiOutageMinutes,
      double ciiMainFunctionOutageMinutes,
      double websiteOutageHours,
      long dailyLifePersons,
      boolean crimeSuspected) {

    static GradingInputs read(SubmittedFields f, Map<String, Object> variables) {
      return new GradingInputs(
          f.oneOf(IncidentVariables.DATA_LEVEL, DataLevel.class),
          f.oneOf(IncidentVariables.THREAT_SEVERITY, ThreatSeverity.class),
          f.oneOf(IncidentVariables.PRODUCTION_IMPACT, ProductionImpact.class),
          f.optionalCount(IncidentVariables.PERSONS_AFFECTED),
          f.optionalCount(IncidentVariables.SENSITIVE_PERSONS_AFFECTED),
          f.optionalAmount(IncidentVariables.DIRECT_LOSS_YUAN),
          f.optionalAmount(IncidentVariables.OUTAGE_HOURS),
          IncidentFacts.facilityClass(f, variables),
          f.flag(IncidentVariables.CII_INVOLVED),
          f.optionalAmount(IncidentVariables.CII_OUTAGE_MINUTES),
          f.optionalAmount(IncidentVariables.CII_MAIN_FUNCTION_OUTAGE_MINUTES),
          f.optionalAmount(IncidentVariables.WEBSITE_OUTAGE_HOURS),
          f.optionalCount(IncidentVariables.DAILY_LIFE_PERSONS),
          f.flag(IncidentVariables.CRIME_SUSPECTED));
    }
  }

  // Text lengths are the incident-report form's; Intake checks them against the form (the REST API skips the
  // browser). What a form cannot say stays here: a regulator's notice names the regulator (000 §6.5), a discovery
  // lies in the past, an unstated facility class is graded as the stricter one.
  public static IncidentFacts from(Map<String, Object> variables, Instant now) {
    SubmittedFields f = new SubmittedFields(variables);
    ReportKind kind = f.oneOf(IncidentVariables.REPORT_KIND, ReportKind.class);
    Source source = f.oneOf(IncidentVariables.SOURCE, Source.class);
    String authority = f.optionalText(IncidentVariables.NOTIFYING_AUTHORITY);
    if (source == Source.REGULATOR_NOTICE && authority == null) {
      throw EngineRefusal.invalid(IncidentVariables.NOTIFYING_AUTHORITY.name(),
          "监管部门通报时必填 (required when a regulator notified us)");
    }
    Instant discovered = f.pastInstant(IncidentVariables.DISCOVERED_AT, now);
    String title = f.text(IncidentVariables.TITLE);
    String systemName = f.text(IncidentVariables.SYSTEM_NAME);
    String location = f.text(IncidentVariables.LOCATION);
    Domain domain = f.oneOf(IncidentVariables.DOMAIN, Domain.class);
    IncidentType type = f.oneOf(IncidentVariables.INCIDENT_TYPE, IncidentType.class);
    String description = f.text(IncidentVariables.DESCRIPTION);
    String dataCategories = f.text(IncidentVariables.DATA_CATEGORIES);
    return new IncidentFacts(kind, source, authority, title, discovered, systemName, location, domain, type,
        description, dataCategories, GradingInputs.read(f, variables), f.flag(IncidentVariables.ONGOING),
        f.text(IncidentVariables.REPORTER_CONTACT));
  }

  /** The facts re-read after a change (re-grading): only the grading inputs and the flags may change. */
  public static Map<String, Object> updatedGradingInputs(Map<String, Object> variables) {
    return RecordVariables.of(GradingInputs.read(new SubmittedFields(variables), variables), RecordVariables.Times.DATE);
  }

  private static FacilityClass facilityClass(SubmittedFields f, Map<String, Object> variables) {
    Object given = variables.get(IncidentVariables.FACILITY_CLASS.name());
    return given == null || given.toString().isBlank()
        ? FacilityClass.UNKNOWN : f.oneOf(IncidentVariables.FACILITY_CLASS, FacilityClass.class);
  }

  /**
   * The variables as the grading tables and the process read them: normalised types, enums as their names, the
   * grading inputs side by side with the other facts.
   */
  public Map<String, Object> variables() {
    return RecordVariables.of(this, RecordVariables.Times.DATE);
  }
}
