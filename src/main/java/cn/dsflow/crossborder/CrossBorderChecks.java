package cn.dsflow.crossborder;

import cn.dsflow.process.CrossBorderVariables;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** The cross-border rules a form alone cannot state: a field that becomes required by another field's answer. */
@Component("crossBorderChecks")
public class CrossBorderChecks {

  /**
   * Core data (and other data routed PROHIBITED) leaves only if legal records an exception with its legal basis
   * (requirements §4 item 19); the transfer then still goes through the security assessment.
   */
  public void legalReview(DelegateTask task) {
    SubmittedFields f = new SubmittedFields(task.getVariables());
    if (CrossBorderVariables.LEGAL_DECISION.is(task, "OVERRIDE")) {
      String basis = f.text(CrossBorderVariables.LEGAL_OVERRIDE_BASIS, SubmittedFields.LONG_TEXT);
      if (basis.length() < 10) {
        throw EngineRefusal.invalid(CrossBorderVariables.LEGAL_OVERRIDE_BASIS.name(),
            "须写明例外的法律依据 (state the legal basis of the exception)");
      }
    }
  }

  /** 000 §8.3.2(2): a conforming result is a certificate, so its number is recorded. */
  public void certification(DelegateTask task) {
    if (CrossBorderVariables.CERTIFICATION_RESULT.is(task, "CERTIFIED")) {
      new SubmittedFields(task.getVariables()).text(CrossBorderVariables.CERTIFICATE_NUMBER, SubmittedFields.SHORT_TEXT);
    }
  }

  /** A filing with a request for supplementary materials must say when it was asked (the 10 working days run from it). */
  public void filing(DelegateTask task) {
    if (new SubmittedFields(task.getVariables()).flag(CrossBorderVariables.FILING_SUPPLEMENT_REQUESTED)
        && !CrossBorderVariables.SUPPLEMENT_REQUESTED_DATE.isSet(task)) {
      throw EngineRefusal.invalid(CrossBorderVariables.SUPPLEMENT_REQUESTED_DATE.name(),
          "要求补充材料时必填 (required when supplementary materials were requested)");
    }
  }
}
