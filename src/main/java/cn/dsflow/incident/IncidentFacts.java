package cn.dsflow.incident;

import cn.dsflow.approval.DataLevel;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import java.time.Instant;
import java.util.LinkedHashMap;
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
    boolean ongoing,
    boolean crimeSuspected,
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

  private static final int SHORT = SubmittedFields.SHORT_TEXT;
  private static final int LONG = SubmittedFields.LONG_TEXT;

  public static IncidentFacts from(Map<String, Object> variables, Instant now) {
    SubmittedFields f = new SubmittedFields(variables);
    ReportKind kind = f.oneOf("reportKind", ReportKind.class);
    Source source = f.oneOf("source", Source.class);
    String authority = f.optionalText("notifyingAuthority", SHORT);
    if (source == Source.REGULATOR_NOTICE && authority == null) {
      throw EngineRefusal.invalid("notifyingAuthority", "监管部门通报时必填 (required when a regulator notified us)");
    }
    Instant discovered = f.pastInstant("discoveredAt", now);
    return new IncidentFacts(
        kind,
        source,
        authority,
        f.text("title", SHORT),
        discovered,
        f.text("systemName", SHORT),
        f.text("location", SHORT),
        f.oneOf("domain", Domain.class),
        f.oneOf("incidentType", IncidentType.class),
        f.text("description", LONG),
        f.text("dataCategories", SHORT),
        f.oneOf("dataLevel", DataLevel.class),
        f.oneOf("threatSeverity", ThreatSeverity.class),
        f.oneOf("productionImpact", ProductionImpact.class),
        f.optionalCount("personsAffected"),
        f.optionalCount("sensitivePersonsAffected"),
        f.optionalAmount("directLossYuan"),
        f.optionalAmount("outageHours"),
        facilityClass(f, variables),
        f.flag("ciiInvolved"),
        f.optionalAmount("ciiOutageMinutes"),
        f.optionalAmount("ciiMainFunctionOutageMinutes"),
        f.optionalAmount("websiteOutageHours"),
        f.optionalCount("dailyLifePersons"),
        f.flag("ongoing"),
        f.flag("crimeSuspected"),
        f.text("reporterContact", SHORT));
  }

  /**
   * The facts re-read after a change (re-grading): only the grading inputs and the flags may change; what was
   * reported first stays in the record.
   */
  public static Map<String, Object> updatedGradingInputs(Map<String, Object> variables) {
    SubmittedFields f = new SubmittedFields(variables);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("dataLevel", f.oneOf("dataLevel", DataLevel.class).name());
    v.put("threatSeverity", f.oneOf("threatSeverity", ThreatSeverity.class).name());
    v.put("productionImpact", f.oneOf("productionImpact", ProductionImpact.class).name());
    v.put("personsAffected", f.optionalCount("personsAffected"));
    v.put("sensitivePersonsAffected", f.optionalCount("sensitivePersonsAffected"));
    v.put("directLossYuan", f.optionalAmount("directLossYuan"));
    v.put("outageHours", f.optionalAmount("outageHours"));
    v.put("facilityClass", facilityClass(f, variables).name());
    v.put("ciiInvolved", f.flag("ciiInvolved"));
    v.put("ciiOutageMinutes", f.optionalAmount("ciiOutageMinutes"));
    v.put("ciiMainFunctionOutageMinutes", f.optionalAmount("ciiMainFunctionOutageMinutes"));
    v.put("websiteOutageHours", f.optionalAmount("websiteOutageHours"));
    v.put("dailyLifePersons", f.optionalCount("dailyLifePersons"));
    v.put("crimeSuspected", f.flag("crimeSuspected"));
    return v;
  }

  private static FacilityClass facilityClass(SubmittedFields f, Map<String, Object> variables) {
    Object given = variables.get("facilityClass");
    return given == null || given.toString().isBlank() ? FacilityClass.UNKNOWN : f.oneOf("facilityClass", FacilityClass.class);
  }

  /** The variables as the grading tables and the process read them: normalised types, enums as their names. */
  public Map<String, Object> variables() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("reportKind", reportKind.name());
    v.put("source", source.name());
    v.put("notifyingAuthority", notifyingAuthority);
    v.put("title", title);
    v.put("discoveredAt", java.util.Date.from(discoveredAt));
    v.put("systemName", systemName);
    v.put("location", location);
    v.put("domain", domain.name());
    v.put("incidentType", incidentType.name());
    v.put("description", description);
    v.put("dataCategories", dataCategories);
    v.put("dataLevel", dataLevel.name());
    v.put("threatSeverity", threatSeverity.name());
    v.put("productionImpact", productionImpact.name());
    v.put("personsAffected", personsAffected);
    v.put("sensitivePersonsAffected", sensitivePersonsAffected);
    v.put("directLossYuan", directLossYuan);
    v.put("outageHours", outageHours);
    v.put("facilityClass", facilityClass.name());
    v.put("ciiInvolved", ciiInvolved);
    v.put("ciiOutageMinutes", ciiOutageMinutes);
    v.put("ciiMainFunctionOutageMinutes", ciiMainFunctionOutageMinutes);
    v.put("websiteOutageHours", websiteOutageHours);
    v.put("dailyLifePersons", dailyLifePersons);
    v.put("ongoing", ongoing);
    v.put("crimeSuspected", crimeSuspected);
    v.put("reporterContact", reporterContact);
    return v;
  }
}
