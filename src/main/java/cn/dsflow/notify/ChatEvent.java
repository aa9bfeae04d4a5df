package cn.dsflow.notify;

/** The moments a chat robot can be told about; a robot subscribes to some of them ({@code dsflow.chat.robots[n].events}). */
public enum ChatEvent {
  SLOT_OPENED("待审批"),
  REMINDER("即将到期提醒"),
  ESCALATION("逾期升级"),
  REPORT_CLOCK_50("报告时限已过半"),
  REPORT_CLOCK_90("报告时限已过 90%"),
  OVERDUE("已逾期");

  private final String label;

  ChatEvent(String label) {
    this.label = label;
  }

  /** The Chinese label people read in the message. */
  public String label() {
    return label;
  }
}
