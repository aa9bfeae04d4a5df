package cn.dsflow.process;

import java.util.Date;

/**
 * The variables of {@code compliance-duty}, started by {@code compliance-calendar} for each dated duty.
 */
public final class ComplianceVariables {

  public static final Var<String> COMPLIANCE_DUTY = Var.of("complianceDuty", String.class);
  public static final Var<String> DUTY_DUE_DAY = Var.internal("dutyDueDay", String.class);
  public static final Var<String> DUTY_NAME = Var.of("dutyName", String.class);
  public static final Var<String> DUTY_OWNER = Var.of("dutyOwner", String.class);
  public static final Var<String> DUTY_SOURCE = Var.of("dutySource", String.class);
  public static final Var<Date> DUTY_DUE_AT = Var.of("dutyDueAt", Date.class);
  public static final Var<Date> DUTY_REMINDER_AT = Var.of("dutyReminderAt", Date.class);
  public static final Var<Boolean> DUTY_OVERDUE = Var.of("dutyOverdue", Boolean.class);

  // form fields the listeners and intakes read through SubmittedFields (a field key becomes its variable on submit)
  public static final Var<Object> CHANGE_DATE = Var.of("changeDate", Object.class);
  public static final Var<String> CHANGE_DESCRIPTION = Var.of("changeDescription", String.class);
  public static final Var<Object> ASSESSMENT_TEAM_SIZE = Var.of("assessmentTeamSize", Object.class);

  // the time a duty was done, as declared on its form (ClaimedTimes)
  public static final Var<Object> DUTY_COMPLETED_AT = Var.of("dutyCompletedAt", Object.class);

  private ComplianceVariables() {
  }
}
