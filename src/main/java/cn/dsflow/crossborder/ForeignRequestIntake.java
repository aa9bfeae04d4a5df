package cn.dsflow.crossborder;

import cn.dsflow.intake.Intake;
import cn.dsflow.process.ForeignRequestVariables;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.form.FormContract;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of {@code foreign-data-request} (000 §8.7; DSL art. 36, PIPL art. 41): a foreign judicial or
 * law-enforcement body asks for data stored in China. The request is registered and audited; nothing is provided
 * unless the competent authority's approval is recorded.
 */
@Component("foreignRequestIntake")
public class ForeignRequestIntake implements ExecutionListener {

  private final FormContract forms;
  private final Intake intake;

  public ForeignRequestIntake(FormContract forms, Intake intake) {
    this.forms = forms;
    this.intake = intake;
  }

  @Override
  public void notify(DelegateExecution execution) {
    // the form says everything this request needs; Intake checks it
    Intake.Admitted<Void> admitted = intake.admit(execution, "REQUEST_REFUSED", (registeredBy, submitted) -> null);
    RequestVariables.REQUEST_ID.set(execution, execution.getProcessInstanceId());
    RequestVariables.REQUEST_SUMMARY.set(execution,
        "境外司法或执法机构调取数据：" + ForeignRequestVariables.FOREIGN_AUTHORITY.text(execution));
    intake.recorded(admitted, "FOREIGN_DATA_REQUEST_REGISTERED", "request",
        forms.submittedFields("foreign-request", execution.getVariables()));
  }
}
