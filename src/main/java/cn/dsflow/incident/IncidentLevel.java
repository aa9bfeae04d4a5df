package cn.dsflow.incident;

/**
 * Incident level (事件分级) as DESIGN.md stores it; the same four grades serve the MIIT plan and the CAC guide.
 * Response tier, warning colour and level are one scale (requirements §1.6).
 */
public enum IncidentLevel {
  I("特别重大", "红色", 4),
  II("重大", "橙色", 3),
  III("较大", "黄色", 2),
  IV("一般", "蓝色", 1);

  private final String chineseName;
  private final String colour;
  private final int rank;

  IncidentLevel(String chineseName, String colour, int rank) {
    this.chineseName = chineseName;
    this.colour = colour;
    this.rank = rank;
  }

  public String chineseName() {
    return chineseName;
  }

  public String colour() {
    return colour;
  }

  public boolean isAtLeast(IncidentLevel other) {
    return rank >= other.rank;
  }

  /** 重大及以上: the levels that owe the 5-working-day summary report (000 §6.6). */
  public boolean majorOrAbove() {
    return isAtLeast(II);
  }

  public String label() {
    return name() + " " + chineseName + "（" + colour + "）";
  }

  public static IncidentLevel higher(IncidentLevel a, IncidentLevel b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAtLeast(b) ? a : b;
  }
}
