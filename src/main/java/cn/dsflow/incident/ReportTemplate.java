package cn.dsflow.incident;

import static cn.dsflow.process.IncidentVariables.*;

import cn.dsflow.process.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Word documents an incident produces, by the task that submits them, with the headings the rules require.
 * The official MIIT templates are published as images only (requirements-incidents §1.4); until their fields are read,
 * the regulator report follows 000 §6.3(2) and the three reports under the CAC Measures (provincial CAC; for CII the
 * 保护工作部门 and the 公安机关) the 8 items of its art. 7.
 */
public enum ReportTemplate {
  WARNING("reportWarningToRegulator", "数据安全风险预警报告", List.of(
      section("一、上报单位情况", REPORTING_UNIT, REPORTER_CONTACT),
      section("二、风险基本情况", TITLE, DISCOVERED_AT, SYSTEM_NAME, LOCATION, DOMAIN, INCIDENT_TYPE, DESCRIPTION),
      section("三、涉及数据情况", DATA_CATEGORIES, DATA_LEVEL, PERSONS_AFFECTED, SENSITIVE_PERSONS_AFFECTED),
      section("四、可能的影响", PROPOSED_MIIT_LEVEL, MIIT_CRITERIA, WARN_POSSIBLE_SCOPE),
      section("五、已采取和拟采取的措施", WARN_MEASURES),
      section("报送情况", WARN_RECIPIENT, WARN_CHANNEL, WARN_SUBMITTED_AT))),
  REGULATOR("reportToRegulator", "数据安全事件报告", List.of(
      section("一、上报单位情况", REPORTING_UNIT, REPORTER_CONTACT),
      section("二、事件基本情况", TITLE, DISCOVERED_AT, SYSTEM_NAME, LOCATION, DOMAIN, INCIDENT_TYPE, DESCRIPTION, ONGOING),
      section("三、事件涉及数据情况", DATA_CATEGORIES, DATA_LEVEL, PERSONS_AFFECTED, SENSITIVE_PERSONS_AFFECTED),
      section("四、事件影响情况", MIIT_LEVEL, MIIT_CRITERIA, DIRECT_LOSS_YUAN, OUTAGE_HOURS, FACILITY_CLASS, PRODUCTION_IMPACT, REG_IMPACT),
      section("五、事件处置建议", REG_MEASURES_TAKEN, REG_SUGGESTIONS),
      section("报送情况", REG_RECIPIENT, REG_CHANNEL, REG_SUBMITTED_AT))),
  CAC("reportToCac", "网络安全事件报告", articleSevenItems(CAC_RECIPIENT, CAC_CHANNEL, CAC_SUBMITTED_AT)),
  CII_AUTHORITY("reportToCiiAuthority", "网络安全事件报告（关键信息基础设施）", articleSevenItems(CII_AUTH_RECIPIENT, CII_AUTH_CHANNEL, CII_AUTH_SUBMITTED_AT)),
  CII_POLICE("reportCiiToPolice", "网络安全事件报告（关键信息基础设施，公安机关）", articleSevenItems(CII_POLICE_RECIPIENT, CII_POLICE_CHANNEL, CII_POLICE_SUBMITTED_AT)),
  CAC_SUPPLEMENT("supplementCacReport", "网络安全事件补充报告", withSubmission(itemsThreeToEight(),
      SUPPLEMENT_RECIPIENT, CAC_SUPPLEMENT_CHANNEL, CAC_SUPPLEMENT_SUBMITTED_AT)),
  POLICE("reportToPolice", "报案材料", List.of(
      section("一、报案单位", REPORTING_UNIT, REPORTER_CONTACT),
      section("二、案件基本情况", TITLE, DISCOVERED_AT, SYSTEM_NAME, LOCATION, INCIDENT_TYPE, DESCRIPTION),
      section("三、涉及数据和损失", DATA_CATEGORIES, PERSONS_AFFECTED, DIRECT_LOSS_YUAN),
      section("四、线索和已保全的证据", POLICE_SUMMARY),
      section("报案情况", POLICE_STATION, POLICE_REPORTED_AT, POLICE_CASE_REFERENCE))),
  SUMMARY("writeSummaryReport", "数据安全事件总结报告", List.of(
      section("事件概况", TITLE, DISCOVERED_AT, MIIT_LEVEL, RESPONSE_ENDED_AT),
      section("一、事件起因", SUM_CAUSE),
      section("二、事件经过", SUM_COURSE),
      section("三、事件责任", SUM_RESPONSIBILITY),
      section("四、影响和损失评估", SUM_IMPACT_LOSS),
      section("五、经验教训", SUM_LESSONS),
      section("六、处理意见", SUM_OPINIONS),
      section("七、改进措施", SUM_IMPROVEMENTS),
      section("报送情况", SUM_RECIPIENT, SUM_CHANNEL, SUM_SUBMITTED_AT))),
  CAC_SUMMARY("writeCacSummaryReport", "网络安全事件处置总结报告", List.of(
      section("事件概况", TITLE, DISCOVERED_AT, CAC_LEVEL, RESPONSE_ENDED_AT),
      section("一、事件发生原因", CAC_SUM_CAUSE),
      section("二、应急处置措施", CAC_SUM_MEASURES),
      section("三、造成的危害", CAC_SUM_HARM),
      section("四、责任追究", CAC_SUM_ACCOUNTABILITY),
      section("五、完善整改情况", CAC_SUM_RECTIFICATION),
      section("六、教训", CAC_SUM_LESSONS),
      section("报送情况", CAC_RECIPIENT, CAC_SUM_SUBMITTED_AT)));

  /** A heading and the variables printed under it, in order. */
  public record Section(String heading, List<String> fields) {}

  private final String taskKey;
  private final String title;
  private final List<Section> sections;

  ReportTemplate(String taskKey, String title, List<Section> sections) {
    this.taskKey = taskKey;
    this.title = title;
    this.sections = sections;
  }

  private static Section section(String heading, Var<?>... fields) {
    return new Section(heading, Stream.of(fields).map(Var::name).toList());
  }

  /** CAC Measures art. 7: the eight items of every report under the Measures, then to whom, how and when it went. */
  private static List<Section> articleSevenItems(Var<?> recipient, Var<?> channel, Var<?> submittedAt) {
    List<Section> items = new ArrayList<>(List.of(
        section("（一）涉事单位名称及涉事系统或设施基本情况", CAC_ITEM1_UNIT),
        section("（二）事件发现或发生的时间、地点、类型、级别，已造成的影响和危害，已采取的措施及效果", DISCOVERED_AT, CAC_LEVEL, CAC_CRITERIA, CAC_ITEM2_SITUATION)));
    items.addAll(itemsThreeToEight());
    return withSubmission(items, recipient, channel, submittedAt);
  }

  /** CAC Measures art. 7 items 3–8: in a first report, or in the supplement that may follow it (CacReportItems). */
  private static List<Section> itemsThreeToEight() {
    return List.of(
        section("（三）事态发展趋势及可能造成的进一步影响和危害", CAC_ITEM3_TREND),
        section("（四）事件原因初步分析意见", CAC_ITEM4_CAUSE),
        section("（五）溯源调查工作线索", CAC_ITEM5_TRACES),
        section("（六）拟进一步采取的应对措施以及请求支援事项", CAC_ITEM6_NEXT_STEPS),
        section("（七）事件现场保护情况", CAC_ITEM7_SCENE_PROTECTION),
        section("（八）其他应当报告的情况", CAC_ITEM8_OTHER));
  }

  private static List<Section> withSubmission(List<Section> items, Var<?> recipient, Var<?> channel, Var<?> submittedAt) {
    List<Section> all = new ArrayList<>(items);
    all.add(section("报送情况", recipient, channel, submittedAt));
    return List.copyOf(all);
  }

  public String title() {
    return title;
  }

  public List<Section> sections() {
    return sections;
  }

  public static Optional<ReportTemplate> submittedBy(String taskKey) {
    for (ReportTemplate t : values()) {
      if (t.taskKey.equals(taskKey)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
