package cn.dsflow.compliance;

import cn.dsflow.identity.Group;

/**
 * The recurring and change-driven duties of the compliance calendar (requirements W18), with the seeds' default dates.
 * Annual duties open on {@code opens} and are due on {@code due} (month-day, Beijing); change-driven ones are started
 * by hand (or by the processes that cause them) and run from the change.
 */
public enum ComplianceDuty {
  ANNUAL_DATA_INVENTORY("年度全量数据资源梳理和数据目录更新", Group.DSO, "01-05", "03-31", "000 §2.2(1)"),
  IMPORTANT_DATA_CATALOGUE_FILING("重要数据目录报送地方行业监管部门", Group.DSO, "07-01", "08-30", "000 §2.5(2)"),
  ANNUAL_RISK_ASSESSMENT("年度数据安全风险评估并报送评估报告", Group.DSO, "10-08", "12-31", "000 §7.6, §7.1.1"),
  ANNUAL_TRAINING("年度数据安全培训", Group.DSO, "01-05", "12-15", "000 §3.1.1(2)"),
  ANNUAL_SUPERVISION_CHECK("年度数据安全监督检查", Group.AUDIT, "01-05", "11-30", "000 §3.9.1(3)"),
  CATALOGUE_CHANGE_FILING("重要数据目录备案变更（三个月内）", Group.DSO, null, null, "000 §2.6"),
  LIAISON_CHANGE("风险信息报送联络人变更报备（5个工作日内）", Group.DSO, null, null, "002 art.19");

  private final String chineseName;
  private final Group owner;
  private final String opens;
  private final String due;
  private final String source;

  ComplianceDuty(String chineseName, Group owner, String opens, String due, String source) {
    this.chineseName = chineseName;
    this.owner = owner;
    this.opens = opens;
    this.due = due;
    this.source = source;
  }

  public String chineseName() {
    return chineseName;
  }

  public Group owner() {
    return owner;
  }

  public String defaultOpens() {
    return opens;
  }

  public String defaultDue() {
    return due;
  }

  public String source() {
    return source;
  }

  public boolean annual() {
    return opens != null;
  }
}
