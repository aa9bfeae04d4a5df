package cn.dsflow.crossborder;

/** DESIGN.md {@code crossBorderRoute}, strictest first. */
public enum CrossBorderRoute {
  PROHIBITED("禁止出境", 4),
  SECURITY_ASSESSMENT("数据出境安全评估", 3),
  STANDARD_CONTRACT_OR_CERTIFICATION("个人信息出境标准合同或个人信息保护认证", 2),
  EXEMPT("免予申报", 1);

  private final String chineseName;
  private final int strictness;

  CrossBorderRoute(String chineseName, int strictness) {
    this.chineseName = chineseName;
    this.strictness = strictness;
  }

  public String chineseName() {
    return chineseName;
  }

  public boolean stricterThan(CrossBorderRoute other) {
    return strictness > other.strictness;
  }
}
