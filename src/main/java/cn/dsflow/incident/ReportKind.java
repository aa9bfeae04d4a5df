package cn.dsflow.incident;

import cn.dsflow.approval.DataLevel;
import java.util.List;

/** The outward duties of an incident, each with its own task, clock and document. */
public enum ReportKind {
  /** Plan, warning stage: 可能发生较大及以上数据安全事件 → 立即向地方行业监管部门报告. */
  WARNING("风险预警报告（地方行业监管部门）"),
  /**
   * 000 §6.3(1) says 重大及以上 or important/core data; the Plan says 自判为较大及以上. The stricter of the two applies:
   * 较大 and above, or important or core data at any level.
   */
  REGULATOR("数据安全事件报告（地方行业监管部门）"),
  /**
   * CAC Measures art. 4: 较大 and above on the CAC guide, to the provincial CAC within 4 hours. Art. 4 sends an
   * incident involving critical information infrastructure elsewhere (the two kinds below), so this one is for the rest.
   */
  CAC("网络安全事件报告（省级网信部门）"),
  /** CAC Measures art. 4: a CII operator reports 较大 and above to its 保护工作部门 within 1 hour. */
  CII_AUTHORITY("网络安全事件报告（关键信息基础设施保护工作部门）"),
  /** CAC Measures art. 4: and, in the same hour, to the 公安机关, whether or not a crime is suspected. */
  CII_POLICE("网络安全事件报告（公安机关，关键信息基础设施）"),
  /** CAC Measures art. 4; Regulation art. 11: 涉嫌违法犯罪的 → 及时向公安机关报案. */
  POLICE("报案材料（公安机关）"),
  /** 000 §6.7; Regulation art. 11(2): substantive harm to individuals or organisations → notify them. */
  AFFECTED("利害关系人告知");

  static final List<ReportKind> INCIDENT_DUTIES = List.of(REGULATOR, CAC, CII_AUTHORITY, CII_POLICE, POLICE, AFFECTED);

  private final String title;

  ReportKind(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  /** CAC Measures art. 7 (items, 补报) and art. 8 (summary 按照原渠道上报) govern these three. */
  boolean underCacMeasures() {
    return this == CAC || this == CII_AUTHORITY || this == CII_POLICE;
  }

  boolean isOwed(IncidentLevel miit, IncidentLevel cac, DataLevel data, boolean cii, boolean crimeSuspected,
      boolean substantiveHarm) {
    return switch (this) {
      case WARNING -> false;
      case REGULATOR -> miit.isAtLeast(IncidentLevel.III) || data.importantOrCore();
      case CAC -> cac.isAtLeast(IncidentLevel.III) && !cii;
      case CII_AUTHORITY, CII_POLICE -> cac.isAtLeast(IncidentLevel.III) && cii;
      case POLICE -> crimeSuspected;
      case AFFECTED -> substantiveHarm;
    };
  }
}
