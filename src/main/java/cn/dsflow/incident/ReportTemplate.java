package cn.dsflow.incident;

import java.util.List;
import java.util.Optional;

/**
 * The Word documents an incident produces, by the task that submits them, with the headings the rules require.
 * The official MIIT templates are published as images only (requirements-incidents §1.4); until their fields are read,
 * the regulator report follows 000 §6.3(2) and the three reports under the CAC Measures (provincial CAC; for CII the
 * 保护工作部门 and the 公安机关) the 8 items of its art. 7.
 */
public enum ReportTemplate {
  WARNING("reportWarningToRegulator", "数据安全风险预警报告", List.of(
      section("一、上报单位情况", "reportingUnit", "reporterContact"),
      section("二、风险基本情况", "title", "discoveredAt", "systemName", "location", "domain", "incidentType", "description"),
      section("三、涉及数据情况", "dataCategories", "dataLevel", "personsAffected", "sensitivePersonsAffected"),
      section("四、可能的影响", "proposedMiitLevel", "miitCriteria", "warnPossibleScope"),
      section("五、已采取和拟采取的措施", "warnMeasures"),
      section("报送情况", "warnRecipient", "warnChannel", "warnSubmittedAt"))),
  REGULATOR("reportToRegulator", "数据安全事件报告", List.of(
      section("一、上报单位情况", "reportingUnit", "reporterContact"),
      section("二、事件基本情况", "title", "discoveredAt", "systemName", "location", "domain", "incidentType", "description", "ongoing"),
      section("三、事件涉及数据情况", "dataCategories", "dataLevel", "personsAffected", "sensitivePersonsAffected"),
      section("四、事件影响情况", "miitLevel", "miitCriteria", "directLossYuan", "outageHours", "facilityClass", "productionImpact", "regImpact"),
      section("五、事件处置建议", "regMeasuresTaken", "regSuggestions"),
      section("报送情况", "regRecipient", "regChannel", "regSubmittedAt"))),
  CAC("reportToCac", "网络安全事件报告", articleSevenItems("cacRecipient", "cacChannel", "cacSubmittedAt")),
  CII_AUTHORITY("reportToCiiAuthority", "网络安全事件报告（关键信息基础设施）", articleSevenItems("ciiAuthRecipient", "ciiAuthChannel", "ciiAuthSubmittedAt")),
  CII_POLICE("reportCiiToPolice", "网络安全事件报告（关键信息基础设施，公安机关）", articleSevenItems("ciiPoliceRecipient", "ciiPoliceChannel", "ciiPoliceSubmittedAt")),
  CAC_SUPPLEMENT("supplementCacReport", "网络安全事件补充报告", List.of(
      section("（三）事态发展趋势及可能造成的进一步影响和危害", "cacItem3Trend"),
      section("（四）事件原因初步分析意见", "cacItem4Cause"),
      section("（五）溯源调查工作线索", "cacItem5Traces"),
      section("（六）拟进一步采取的应对措施以及请求支援事项", "cacItem6NextSteps"),
      section("（七）事件现场保护情况", "cacItem7SceneProtection"),
      section("（八）其他应当报告的情况", "cacItem8Other"),
      section("报送情况", "supplementRecipient", "cacSupplementChannel", "cacSupplementSubmittedAt"))),
  POLICE("reportToPolice", "报案材料", List.of(
      section("一、报案单位", "reportingUnit", "reporterContact"),
      section("二、案件基本情况", "title", "discoveredAt", "systemName", "location", "incidentType", "description"),
      section("三、涉及数据和损失", "dataCategories", "personsAffected", "directLossYuan"),
      section("四、线索和已保全的证据", "policeSummary"),
      section("报案情况", "policeStation", "policeReportedAt", "policeCaseReference"))),
  SUMMARY("writeSummaryReport", "数据安全事件总结报告", List.of(
      section("事件概况", "title", "discoveredAt", "miitLevel", "responseEndedAt"),
      section("一、事件起因", "sumCause"),
      section("二、事件经过", "sumCourse"),
      section("三、事件责任", "sumResponsibility"),
      section("四、影响和损失评估", "sumImpactLoss"),
      section("五、经验教训", "sumLessons"),
      section("六、处理意见", "sumOpinions"),
      section("七、改进措施", "sumImprovements"),
      section("报送情况", "sumRecipient", "sumChannel", "sumSubmittedAt"))),
  CAC_SUMMARY("writeCacSummaryReport", "网络安全事件处置总结报告", List.of(
      section("事件概况", "title", "discoveredAt", "cacLevel", "responseEndedAt"),
      section("一、事件发生原因", "cacSumCause"),
      section("二、应急处置措施", "cacSumMeasures"),
      section("三、造成的危害", "cacSumHarm"),
      section("四、责任追究", "cacSumAccountability"),
      section("五、完善整改情况", "cacSumRectification"),
      section("六、教训", "cacSumLessons"),
      section("报送情况", "cacRecipient", "cacSumSubmittedAt")));

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

  private static Section section(String heading, String... fields) {
    return new Section(heading, List.of(fields));
  }

  /** CAC Measures art. 7: the eight items of every report under the Measures, then to whom, how and when it went. */
  private static List<Section> articleSevenItems(String recipient, String channel, String submittedAt) {
    return List.of(
        section("（一）涉事单位名称及涉事系统或设施基本情况", "cacItem1Unit"),
        section("（二）事件发现或发生的时间、地点、类型、级别，已造成的影响和危害，已采取的措施及效果", "discoveredAt", "cacLevel", "cacCriteria", "cacItem2Situation"),
        section("（三）事态发展趋势及可能造成的进一步影响和危害", "cacItem3Trend"),
        section("（四）事件原因初步分析意见", "cacItem4Cause"),
        section("（五）溯源调查工作线索", "cacItem5Traces"),
        section("（六）拟进一步采取的应对措施以及请求支援事项", "cacItem6NextSteps"),
        section("（七）事件现场保护情况", "cacItem7SceneProtection"),
        section("（八）其他应当报告的情况", "cacItem8Other"),
        section("报送情况", recipient, channel, submittedAt));
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
