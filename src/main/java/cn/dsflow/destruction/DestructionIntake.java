package cn.dsflow.destruction;

import cn.dsflow.approval.ApprovalSettings;
import cn.dsflow.approval.DataOperationRequest;
import cn.dsflow.approval.RequestValidation;
import cn.dsflow.intake.Intake;
import cn.dsflow.process.DestructionVariables;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Start listener of {@code data-destruction}: the request is checked field by field; a request that does not list
 * its backups and offline copies is incomplete, and a method the policy table does not accept for the data's level
 * or medium (000 §4.7.1(1): the technique suits the medium; §4.7.2: important and core data must not be recoverable) is
 * refused at submission with the table's reason.
 */
@Component("destructionIntake")
public class DestructionIntake implements ExecutionListener {

  private static final int SHORT = SubmittedFields.SHORT_TEXT;
  private static final int LONG = SubmittedFields.LONG_TEXT;

  private final Intake intake;
  private final ApprovalSettings settings;
  private final RequestValidation registration;
  private final DecisionService decisions;

  public DestructionIntake(Intake intake, ApprovalSettings settings, RequestValidation registration, DecisionService decisions) {
    this.intake = intake;
    this.settings = settings;
    this.registration = registration;
    this.decisions = decisions;
  }

  /** What a destruction request adds to a data operation. */
  private record Submitted(DataOperationRequest request, Map<String, Object> destruction) {}

  @Override
  public void notify(DelegateExecution execution) {
    Intake.Admitted<Submitted> admitted = intake.admit(execution, RequestValidation.REFUSED, (submitter, submitted) -> {
      Map<String, Object> destruction = destructionFacts(submitted);
      execution.setVariables(destruction);
      RequestVariables.OPERATION_TYPE.set(execution, "DESTRUCTION");
      RequestVariables.RECIPIENT_FOREIGN.set(execution, false);
      RequestVariables.RECIPIENT_NAME.remove(execution);
      DataOperationRequest request = DataOperationRequest.asSubmitted(execution.getVariables(),
          ClockUtil.getCurrentTime().toInstant(), settings.maxValidity());
      checkMethod(request.dataLevel().name(), (String) destruction.get("destructionMethod"),
          (String) destruction.get("storageMedium"));
      return new Submitted(request, destruction);
    });
    registration.register(execution, admitted, admitted.content().request(), admitted.content().destruction());
  }

  private void checkMethod(String dataLevel, String method, String medium) {
    Map<String, Object> answer = decisions.evaluateDecisionByKey("destruction-method-policy")
        .variables(Map.of(RequestVariables.DATA_LEVEL.name(), dataLevel, DestructionVariables.DESTRUCTION_METHOD.name(), method,
            DestructionVariables.STORAGE_MEDIUM.name(), medium))
        .evaluate().getSingleResult().getEntryMap();
    if (!Boolean.TRUE.equals(answer.get("accepted"))) {
      throw new EngineRefusal(422, "method_not_irrecoverable", "destructionMethod: " + answer.get("reason"));
    }
  }

  /** The destruction-specific fields, and the common request fields they fill (what, where, how, why). */
  static Map<String, Object> destructionFacts(Map<String, Object> variables) {
    SubmittedFields f = new SubmittedFields(variables);
    Map<String, Object> v = new LinkedHashMap<>();
    String items = f.text("dataItems", LONG);
    String catalogue = f.optionalText("catalogueEntries", LONG);
    boolean filed = f.flag("inImportantDataCatalogue");
    if (filed && catalogue == null) {
      throw EngineRefusal.invalid("catalogueEntries", "已备案目录中的数据须列出目录条目 (list the filed catalogue entries)");
    }
    String locations = f.text("storageLocations", LONG);
    String backups = f.text("backupCopies", LONG);
    if (!f.flag("backupsIncluded")) {
      // 000 §4.7: every copy is destroyed, or the data are not destroyed
      throw new EngineRefusal(422, "incomplete", "backupsIncluded: 备份和离线副本须列入并一并销毁，申请不完整 "
          + "(backups and offline copies must be listed and included)");
    }
    DestructionReason reason = f.oneOf("destructionReason", DestructionReason.class);
    String partner = f.optionalText("partnerName", SHORT);
    if (reason == DestructionReason.PARTNER_DESTRUCTION && partner == null) {
      throw EngineRefusal.invalid("partnerName", "合作方销毁时必填 (required when a partner destroys the data)");
    }
    DestructionMethod method = f.oneOf("destructionMethod", DestructionMethod.class);
    StorageMedium medium = f.oneOf("storageMedium", StorageMedium.class);
    String reasonDetail = f.text("reasonDetail", LONG);
    v.put("dataItems", items);
    v.put("catalogueEntries", catalogue);
    v.put("inImportantDataCatalogue", filed);
    v.put("storageLocations", locations);
    v.put("backupCopies", backups);
    v.put("backupsIncluded", true);
    v.put("destructionReason", reason.name());
    v.put("reasonDetail", reasonDetail);
    v.put("partnerName", partner);
    v.put("destructionMethod", method.name());
    v.put("storageMedium", medium.name());
    v.put("dataDescription", items);
    v.put("dataCategory", f.text("dataCategory", SHORT));
    v.put("processingMethod", method.chineseName() + "（" + medium.chineseName() + "）");
    v.put("purpose", reason.chineseName() + "：" + reasonDetail);
    v.put("scope", "存储位置：" + locations + "\n备份和离线副本：" + backups);
    return v;
  }

}
