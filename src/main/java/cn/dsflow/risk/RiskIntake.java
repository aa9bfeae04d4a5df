package cn.dsflow.risk;

import cn.dsflow.calendar.WorkingDayCalendar;
import cn.dsflow.intake.Intake;
import cn.dsflow.process.RiskVariables;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.FormContract;
import cn.dsflow.form.SubmittedFields;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Start listener of {@code risk-report}: the annex-1 fields of 002 checked as the form checks them, plus what the form
 * cannot say — 002's level definitions (高危 covers every risk to important or core data), "暂不确定" or a real value
 * for volume and time of origin, and a regulator notice's authority and feedback date. The risk enters the register.
 */
@Component("riskIntake")
public class RiskIntake implements ExecutionListener {

  static final String UNKNOWN = "暂不确定";

  private final FormContract forms;
  private final RiskRegister register;
  private final Intake intake;

  public RiskIntake(FormContract forms, RiskRegister register, Intake intake) {
    this.forms = forms;
    this.register = register;
    this.intake = intake;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Intake.Admitted<Map<String, Object>> admitted = intake.admit(execution, "RISK_REPORT_REFUSED", (reporter, submitted) -> {
      check(submitted);
      return submitted;
    });
    Map<String, Object> v = admitted.content();
    String riskId = execution.getProcessInstanceId();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    RiskVariables.RISK_ID.set(execution, riskId);
    RiskVariables.REPORTED_AT.set(execution, Date.from(now));
    if ("REGULATOR_NOTICE".equals(v.get(RiskVariables.SOURCE.name()))) {
      LocalDate day = new SubmittedFields(v).instant(RiskVariables.FEEDBACK_DUE_DATE, false)
          .atZone(WorkingDayCalendar.ZONE).toLocalDate();
      RiskVariables.FEEDBACK_DUE_AT.set(execution,
          Date.from(day.atTime(WorkingDayCalendar.END_OF_DAY).atZone(WorkingDayCalendar.ZONE).toInstant()));
      RiskVariables.FEEDBACK_OVERDUE.set(execution, false);
    }
    register.insert(riskId, now, v);
    intake.recorded(admitted, "RISK_REPORTED", "risk", forms.submittedFields("risk-report", v));
  }

  // Lengths and required fields are the risk-report form's (Intake checks them); here only what a form cannot state:
  // 002 annex 1's level rule and the quantity and date a reader must be able to take as such.
  void check(Map<String, Object> v) {
    SubmittedFields f = new SubmittedFields(v);
    if (!"GENERAL".equals(v.get(RiskVariables.DATA_LEVEL.name()))
        && !"HIGH".equals(v.get(RiskVariables.RISK_LEVEL.name()))) {
      // 002 annex 1 fn. 2: 高危 — 涉及重要数据或核心数据，或数据量较大，或影响地区较广
      throw EngineRefusal.invalid(RiskVariables.RISK_LEVEL.name(),
          "涉及重要数据或核心数据的风险为高危 (a risk to important or core data is HIGH)");
    }
    String volume = f.text(RiskVariables.DATA_VOLUME);
    if (!UNKNOWN.equals(volume) && !volume.matches("\\d[\\d,]*(\\.\\d+)?\\s*\\S{0,10}")) {
      throw EngineRefusal.invalid(RiskVariables.DATA_VOLUME.name(),
          "填写数量（如 12000 条、3.5 GB）或“暂不确定” (a quantity or 暂不确定)");
    }
    String origin = f.text(RiskVariables.ORIGIN_TIME);
    if (!UNKNOWN.equals(origin)) {
      try {
        LocalDate.parse(origin.length() > 10 ? origin.substring(0, 10) : origin);
      } catch (DateTimeParseException e) {
        throw EngineRefusal.invalid(RiskVariables.ORIGIN_TIME.name(), "填写日期（2026-11-20）或“暂不确定” (a date or 暂不确定)");
      }
    }
    if ("REGULATOR_NOTICE".equals(v.get(RiskVariables.SOURCE.name()))) {
      f.text(RiskVariables.NOTIFYING_AUTHORITY);
      f.instant(RiskVariables.FEEDBACK_DUE_DATE, false);
    }
  }
}
