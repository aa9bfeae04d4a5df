package cn.dsflow.destruction;

/** Why data are destroyed (000 §4.7.1; §3.7.1(3): a partner destroys what it received when a cooperation ends). */
public enum DestructionReason {
  RETENTION_REACHED("存储期限届满"),
  PURPOSE_FULFILLED("处理目的已实现"),
  COOPERATION_ENDED("合作终止"),
  PARTNER_DESTRUCTION("合作方在合作结束时销毁"),
  OTHER("其他");

  private final String chineseName;

  DestructionReason(String chineseName) {
    this.chineseName = chineseName;
  }

  public String chineseName() {
    return chineseName;
  }
}
