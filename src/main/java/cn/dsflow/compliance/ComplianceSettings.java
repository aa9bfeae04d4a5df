package cn.dsflow.compliance;

import java.time.MonthDay;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operator dates of the annual duties ({@code dsflow.compliance.duties.<DUTY>.opens|due}, month-day like {@code 08-30});
 * a duty not configured keeps the seeds' default. 000 §2.5(2) gives 30 August only as an example (如每年8月30日前).
 */
@ConfigurationProperties("dsflow.compliance")
public record ComplianceSettings(Map<String, Window> duties) {

  /** When an annual duty opens and when it is due. */
  public record Window(String opens, String due) {}

  public ComplianceSettings {
    duties = duties == null ? Map.of() : duties;
    for (String key : duties.keySet()) {
      ComplianceDuty duty = ComplianceDuty.valueOf(key);
      if (!duty.annual()) {
        throw new IllegalArgumentException("dsflow.compliance: " + key + " is not an annual duty");
      }
    }
  }

  public MonthDay opens(ComplianceDuty duty) {
    Window w = duties.get(duty.name());
    return parse(w == null || w.opens() == null ? duty.defaultOpens() : w.opens());
  }

  public MonthDay due(ComplianceDuty duty) {
    Window w = duties.get(duty.name());
    return parse(w == null || w.due() == null ? duty.defaultDue() : w.due());
  }

  private static MonthDay parse(String monthDay) {
    return MonthDay.parse("--" + monthDay);
  }
}
