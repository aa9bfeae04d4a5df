package cn.dsflow.destruction;

import cn.dsflow.approval.DataOperationRequest;
import cn.dsflow.approval.RequestValidation;
import cn.dsflow.intake.Intake;
import cn.dsflow.process.DestructionVariables;
import cn.dsflow.process.RecordVariables;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of {@code data-destruction}: the request is checked field by field; a request that does not list
 * its backups and offline copies is incomplete, and a method the policy table does not accept for the data's level
 * or medium (000 §4.7.1(1): the technique suits the medium; §4.7.2: important and core data must not be recoverable) is
 * refused at submission with the table's reason.
 */
@Component("destructionIntake")
public class DestructionIntake implements ExecutionListener {

  private final RequestValidation requests;
  private final DecisionService decisions;

  public DestructionIntake(RequestValidation requests, DecisionService decisions) {
    this.requests = requests;
    this.decisions = decisions;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Intake.Admitted<RequestValidation.Extended<DestructionFacts>> admitted = requests.admit(execution,
        (submitter, submitted) -> {
          DestructionFacts destruction = DestructionFacts.read(submitted);
          execution.setVariables(RecordVariables.of(destruction, RecordVariables.Times.TEXT));
          RequestVariables.OPERATION_TYPE.set(execution, "DESTRUCTION");
          RequestVariables.RECIPIENT_FOREIGN.set(execution, false);
          RequestVariables.RECIPIENT_NAME.remove(execution);
          DataOperationRequest request = requests.submitted(execution);
          checkMethod(request.dataLevel().name(), destruction.destructionMethod().name(),
              destruction.storageMedium().name());
          return new RequestValidation.Extended<>(request, destruction);
        });
    requests.register(execution, admitted, admitted.content().request(),
        RecordVariables.of(admitted.content().facts(), RecordVariables.Times.TEXT));
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

  /**
   * The destruction-specific fields, and the common request fields they fill (what, where, how, why). Text lengths
   * are the destruction-request form's, checked by Intake; the rules below are those a form cannot state.
   */
  record DestructionFacts(
      String dataItems,
      String catalogueEntries,
      boolean inImportantDataCatalogue,
      String storageLocations,
      String backupCopies,
      boolean backupsIncluded,
      DestructionReason destructionReason,
      String reasonDetail,
      String partnerName,
      DestructionMethod destructionMethod,
      StorageMedium storageMedium,
      String dataDescription,
      String dataCategory,
      String processingMethod,
      String purpose,
      String scope) {

    static DestructionFacts read(Map<String, Object> variables) {
      SubmittedFields f = new SubmittedFields(variables);
      String items = f.text(DestructionVariables.DATA_ITEMS);
      String catalogue = f.optionalText(DestructionVariables.CATALOGUE_ENTRIES);
      boolean filed = f.flag(DestructionVariables.IN_IMPORTANT_DATA_CATALOGUE);
      if (filed && catalogue == null) {
        throw EngineRefusal.invalid(DestructionVariables.CATALOGUE_ENTRIES.name(),
            "已备案目录中的数据须列出目录条目 (list the filed catalogue entries)");
      }
      String locations = f.text(DestructionVariables.STORAGE_LOCATIONS);
      String backups = f.text(DestructionVariables.BACKUP_COPIES);
      if (!f.flag(DestructionVariables.BACKUPS_INCLUDED)) {
        // 000 §4.7: every copy is destroyed, or the data are not destroyed
        throw new EngineRefusal(422, "incomplete", "backupsIncluded: 备份和离线副本须列入并一并销毁，申请不完整 "
            + "(backups and offline copies must be listed and included)");
      }
      DestructionReason reason = f.oneOf(DestructionVariables.DESTRUCTION_REASON, DestructionReason.class);
      String partner = f.optionalText(DestructionVariables.PARTNER_NAME);
      if (reason == DestructionReason.PARTNER_DESTRUCTION && partner == null) {
        throw EngineRefusal.invalid(DestructionVariables.PARTNER_NAME.name(),
            "合作方销毁时必填 (required when a partner destroys the data)");
      }
      DestructionMethod method = f.oneOf(DestructionVariables.DESTRUCTION_METHOD, DestructionMethod.class);
      StorageMedium medium = f.oneOf(DestructionVariables.STORAGE_MEDIUM, StorageMedium.class);
      String reasonDetail = f.text(DestructionVariables.REASON_DETAIL);
      String purpose = reason.chineseName() + "：" + reasonDetail;
      String scope = "存储位置：" + locations + "\n备份和离线副本：" + backups;
      // what a form cannot say: the purpose and scope these fields fill are Camunda text variables, stored in a
      // 4000-character column; past it the start would fail in the database instead of being refused here
      if (purpose.length() > SubmittedFields.LONG_TEXT) {
        throw EngineRefusal.invalid(DestructionVariables.REASON_DETAIL.name(), "连同销毁原因超过 " + SubmittedFields.LONG_TEXT
            + " 个字符，请缩短 (with the reason it is longer than " + SubmittedFields.LONG_TEXT + " characters)");
      }
      if (scope.length() > SubmittedFields.LONG_TEXT) {
        throw EngineRefusal.invalid(DestructionVariables.BACKUP_COPIES.name(), "与存储位置合计超过 " + SubmittedFields.LONG_TEXT
            + " 个字符，请缩短 (with the storage locations it is longer than " + SubmittedFields.LONG_TEXT + " characters)");
      }
      return new DestructionFacts(items, catalogue, filed, locations, backups, true, reason, reasonDetail, partner,
          method, medium, items, f.text(RequestVariables.DATA_CATEGORY), method.chineseName() + "（" + medium.chineseName() + "）",
          purpose, scope);
    }
  }
}
