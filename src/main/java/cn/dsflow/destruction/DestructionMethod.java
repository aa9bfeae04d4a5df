package cn.dsflow.destruction;

/** 000 §4.7: how data and their carriers are destroyed. Which methods count as irrecoverable is the policy table's call. */
public enum DestructionMethod {
  LOGICAL_DELETION("逻辑删除"),
  OVERWRITE("覆写"),
  CRYPTOGRAPHIC_ERASURE("密码擦除（销毁密钥）"),
  DEGAUSSING("消磁"),
  PHYSICAL_DESTRUCTION("物理销毁");

  private final String chineseName;

  DestructionMethod(String chineseName) {
    this.chineseName = chineseName;
  }

  public String chineseName() {
    return chineseName;
  }
}
