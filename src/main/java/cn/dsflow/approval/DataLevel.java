package cn.dsflow.approval;

import cn.dsflow.system.ChineseLabel;

/** 数据分级 (000 §1.4, §2.4): where data of several levels is mixed, the highest governs. */
public enum DataLevel implements ChineseLabel {
  GENERAL("一般数据"),
  IMPORTANT("重要数据"),
  CORE("核心数据");

  private final String chineseName;

  DataLevel(String chineseName) {
    this.chineseName = chineseName;
  }

  @Override
  public String chineseName() {
    return chineseName;
  }

  public boolean importantOrCore() {
    return this != GENERAL;
  }
}
