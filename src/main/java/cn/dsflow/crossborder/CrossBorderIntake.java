package cn.dsflow.crossborder;

import cn.dsflow.approval.ApprovalSettings;
import cn.dsflow.approval.DataLevel;
import cn.dsflow.approval.DataOperationRequest;
import cn.dsflow.approval.RequestValidation;
import cn.dsflow.intake.Intake;
import cn.dsflow.process.CrossBorderVariables;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import java.time.Instant;
import java.util.LinkedHashMap;
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

  private static final int SHORT = SubmittedFields.SHORT_TEXT;
  private static final int LONG = SubmittedFields.LONG_TEXT;

  private final Intake intake;
  private final ApprovalSettings settings;
  private final RequestValidation registration;
  private final CrossBorderVolumes volumes;

  public CrossBorderIntake(Intake intake, ApprovalSettings settings, RequestValidation registration, CrossBorderVolumes volumes) {
    this.intake = intake;
    this.settings = settings;
    this.registration = registration;
    this.volumes = volumes;
  }

  /** What a cross-border request adds to a data operation. */
  private record Submitted(DataOperationRequest request, Map<String, Object> transfer) {}

  @Override
  public void notify(DelegateExecution execution) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Intake.Admitted<Submitted> admitted = intake.admit(execution, RequestValidation.REFUSED, (submitter, submitted) -> {
      RequestVariables.OPERATION_TYPE.set(execution, "CROSS_BORDER");
      RequestVariables.RECIPIENT_FOREIGN.set(execution, true);
      return new Submitted(DataOperationRequest.asSubmitted(execution.getVariables(), now, settings.maxValidity()),
          transferFacts(execution.getVariables()));
    });
    DataOperationRequest request = admitted.content().request();
    Map<String, Object> transfer = admitted.content().transfer();
    int year = TransferYear.of(now, request.validFrom());
    CrossBorderVolumes.Totals totals = volumes.totals(year);
    long nonSensitive = (Long) transfer.get("transferPersonsNonSensitive");
    long sensitive = (Long) transfer.get("transferPersonsSensitive");
    long[] counts = TransferYear.routeCounts(totals, nonSensitive, sensitive);
    execution.setVariables(transfer);
    CrossBorderVariables.TRANSFER_YEAR.set(execution, year);
    CrossBorderVariables.CORE_DATA.set(execution, request.dataLevel() == DataLevel.CORE);
    CrossBorderVariables.IMPORTANT_DATA.set(execution, request.dataLevel().importantOrCore());
    CrossBorderVariables.PERSONS_NON_SENSITIVE.set(execution, counts[0]);
    CrossBorderVariables.PERSONS_SENSITIVE.set(execution, counts[1]);
    CrossBorderVariables.PERSONAL_INFORMATION.set(execution, nonSensitive + sensitive > 0);
    Map<String, Object> extra = new LinkedHashMap<>(transfer);
    extra.put("cumulativeBefore", Map.of("year", year, "personsNonSensitive", totals.personsNonSensitive(),
        "personsSensitive", totals.personsSensitive()));
    registration.register(execution, admitted, request, extra);
  }

  static Map<String, Object> transferFacts(Map<String, Object> variables) {
    SubmittedFields f = new SubmittedFields(variables);
    if (f.flag("endangersNationalSecurity")) {
      // 000 §8.6(2): data whose transfer may endanger national security and interests are not provided abroad
      throw new EngineRefusal(422, "national_security",
          "可能危害国家安全和利益的数据不得出境（《指引》§8.6(2)） (data that may endanger national security may not leave)");
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("recipientName", f.text("recipientName", SHORT));
    v.put("recipientCountry", f.text("recipientCountry", SHORT));
    v.put("recipientContact", f.text("recipientContact", SHORT));
    v.put("storageLocationAbroad", f.text("storageLocationAbroad", SHORT));
    v.put("storagePeriodAbroad", f.text("storagePeriodAbroad", SHORT));
    v.put("onwardTransferTerms", f.text("onwardTransferTerms", LONG));
    long nonSensitive = f.optionalCount("transferPersonsNonSensitive");
    long sensitive = f.optionalCount("transferPersonsSensitive");
    if (nonSensitive < 0 || sensitive < 0) {
      throw EngineRefusal.invalid(nonSensitive < 0 ? "transferPersonsNonSensitive" : "transferPersonsSensitive", "不能为负数 (cannot be negative)");
    }
    v.put("transferPersonsNonSensitive", nonSensitive);
    v.put("transferPersonsSensitive", sensitive);
    v.put("ciio", f.flag("ciio"));
    v.put("exportControlled", f.flag("exportControlled"));
    v.put("endangersNationalSecurity", false);
    ExemptionGround ground = f.oneOf("exemptionGround", ExemptionGround.class);
    if (ground == ExemptionGround.TRADE_NO_PERSONAL_OR_IMPORTANT && nonSensitive + sensitive > 0) {
      throw EngineRefusal.invalid("exemptionGround",
          "该豁免要求不含个人信息（《指引》§8.5(1)） (this exemption requires that no personal information is included)");
    }
    v.put("exemptionGround", ground.name());
    return v;
  }
}
