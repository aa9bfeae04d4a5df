package cn.dsflow.crossborder;

import cn.dsflow.process.ForeignRequestVariables;
import cn.dsflow.form.SubmittedFields;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** An approval of a foreign request is a document of the competent authority: its reference is recorded. */
@Component("foreignRequestChecks")
public class ForeignRequestChecks {

  public void decision(DelegateTask task) {
    if (ForeignRequestVariables.AUTHORITY_DECISION.is(task, "APPROVED")) {
      new SubmittedFields(task.getVariables()).text(ForeignRequestVariables.APPROVAL_REFERENCE, SubmittedFields.SHORT_TEXT);
    }
  }
}
