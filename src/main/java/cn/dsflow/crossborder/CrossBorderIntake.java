package cn.dsflow.crossborder;

import cn.dsflow.approval.DataLevel;
import cn.dsflow.approval.DataOperationRequest;
import cn.dsflow.approval.RequestValidation;
import cn.dsflow.intake.Intake;
import cn.dsflow.process.CrossBorderVariables;
import cn.dsflow.process.RecordVariables;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Start listener of {@code cross-border-transfer}: checks the request (the REST API bypasses the form), refuses data
 * whose transfer may endanger national security (000 §8.6(2)), and sets the route table's inputs — the persons counted
 * cumulatively since 1 January of the transfer's year ({@link TransferYear}), this transfer included, from the
 * system's own running totals.
 */
@Component("crossBorderIntake")
public class CrossBorderIntake implements ExecutionListener {

  private final RequestValidation requests;
  private final CrossBorderVolumes volumes;

  public CrossBorderIntake(RequestValidation requests, CrossBorderVolumes volumes) {
    this.requests = requests;
    this.volumes = volumes;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Intake.Admitted<RequestValidation.Extended<TransferFacts>> admitted = requests.admit(execution, (submitter, submitted) -> {
      RequestVariables.OPERATION_TYPE.set(execution, "CROSS_BORDER");
      RequestVariables.RECIPIENT_FOREIGN.set(execution, true);
      return new RequestValidation.Extended<>(requests.submitted(execution), TransferFacts.read(execution.getVariables()));
    });
    DataOperationRequest request = admitted.content().request();
    TransferFacts transfer = admitted.content().facts();
    int year = TransferYear.of(now, request.validFrom());
    CrossBorderVolumes.Totals totals = volumes.totals(year);
    long nonSensitive = transfer.transferPersonsNonSensitive();
    long sensitive = transfer.transferPersonsSensitive();
    long[] counts = TransferYear.routeCounts(totals, nonSensitive, sensitive);
    Map<String, Object> extra = RecordVariables.of(transfer, RecordVariables.Times.TEXT);
    execution.setVariables(extra);
    CrossBorderVariables.TRANSFER_YEAR.set(execution, year);
    CrossBorderVariables.CORE_DATA.set(execution, request.dataLevel() == DataLevel.CORE);
    CrossBorderVariables.IMPORTANT_DATA.set(execution, request.dataLevel().importantOrCore());
    CrossBorderVariables.PERSONS_NON_SENSITIVE.set(execution, counts[0]);
    CrossBorderVariables.PERSONS_SENSITIVE.set(execution, counts[1]);
    CrossBorderVariables.PERSONAL_INFORMATION.set(execution, nonSensitive + sensitive > 0);
    extra.put("cumulativeBefore", Map.of("year", year, "personsNonSensitive", totals.personsNonSensitive(),
        "personsSensitive", totals.personsSensitive()));
    requests.register(execution, admitted, request, extra);
  }

  /**
   * What a cross-border request adds to a data operation (000 ch. 8): the recipient abroad, where and how long the
   * data are kept there, onward transfer, the persons counted for the route, and the exemption claimed. Text lengths
   * are the cross-border-request form's, checked by Intake.
   */
  record TransferFacts(
      String recipientName,
      String recipientCountry,
      String recipientContact,
      String storageLocationAbroad,
      String storagePeriodAbroad,
      String onwardTransferTerms,
      long transferPersonsNonSensitive,
      long transferPersonsSensitive,
      boolean ciio,
      boolean exportControlled,
      boolean endangersNationalSecurity,
      ExemptionGround exemptionGround) {

    static TransferFacts read(Map<String, Object> variables) {
      SubmittedFields f = new SubmittedFields(variables);
      if (f.flag(CrossBorderVariables.ENDANGERS_NATIONAL_SECURITY)) {
        // 000 §8.6(2): data whose transfer may endanger national security and interests are not provided abroad
        throw new EngineRefusal(422, "national_security",
            "可能危害国家安全和利益的数据不得出境（《指引》§8.6(2)） (data that may endanger national security may not leave)");
      }
      String name = f.text(RequestVariables.RECIPIENT_NAME);
      String country = f.text(CrossBorderVariables.RECIPIENT_COUNTRY);
      String contact = f.text(CrossBorderVariables.RECIPIENT_CONTACT);
      String location = f.text(CrossBorderVariables.STORAGE_LOCATION_ABROAD);
      String period = f.text(CrossBorderVariables.STORAGE_PERIOD_ABROAD);
      String onward = f.text(CrossBorderVariables.ONWARD_TRANSFER_TERMS);
      long nonSensitive = f.optionalCount(CrossBorderVariables.TRANSFER_PERSONS_NON_SENSITIVE);
      long sensitive = f.optionalCount(CrossBorderVariables.TRANSFER_PERSONS_SENSITIVE);
      if (nonSensitive < 0 || sensitive < 0) {
        throw EngineRefusal.invalid((nonSensitive < 0 ? CrossBorderVariables.TRANSFER_PERSONS_NON_SENSITIVE
            : CrossBorderVariables.TRANSFER_PERSONS_SENSITIVE).name(), "不能为负数 (cannot be negative)");
      }
      boolean ciio = f.flag(CrossBorderVariables.CIIO);
      boolean exportControlled = f.flag(CrossBorderVariables.EXPORT_CONTROLLED);
      ExemptionGround ground = f.oneOf(CrossBorderVariables.EXEMPTION_GROUND, ExemptionGround.class);
      if (ground == ExemptionGround.TRADE_NO_PERSONAL_OR_IMPORTANT && nonSensitive + sensitive > 0) {
        throw EngineRefusal.invalid(CrossBorderVariables.EXEMPTION_GROUND.name(),
            "该豁免要求不含个人信息（《指引》§8.5(1)） (this exemption requires that no personal information is included)");
      }
      return new TransferFacts(name, country, contact, location, period, onward, nonSensitive, sensitive, ciio,
          exportControlled, false, ground);
    }
  }
}
