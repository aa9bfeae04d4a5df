package cn.dsflow.approval;

import cn.dsflow.system.ChineseLabel;
import java.util.Arrays;

/** The operations 000 §3.4.2(1) puts under internal registration and approval (DESIGN.md contract values). */
public enum OperationType implements ChineseLabel {
  PROVISION("对外提供", true),
  ENTRUSTED_PROCESSING("委托处理", true),
  TRANSFER("转移", true),
  PUBLIC_DISCLOSURE("公开", false),
  BULK_EXPORT("批量导出", false),
  BULK_IMPORT("批量导入", false),
  CROSS_ENTITY_TRANSFER("跨法人主体传输", true),
  CROSS_BORDER("出境", true),
  DESTRUCTION("销毁", false);

  private final String chineseName;
  private final boolean hasRecipient;

  OperationType(String chineseName, boolean hasRecipient) {
    this.chineseName = chineseName;
    this.hasRecipient = hasRecipient;
  }

  @Override
  public String chineseName() {
    return chineseName;
  }

  /** Operations that hand data to another party, which must be named. */
  public boolean hasRecipient() {
    return hasRecipient;
  }

  public static String allowed() {
    return Arrays.toString(values());
  }
}
