package cn.dsflow.destruction;

import cn.dsflow.approval.RequestRegister;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.ApprovalLedger;
import cn.dsflow.identity.Group;
import cn.dsflow.notify.DeadlineChaser;
import cn.dsflow.system.ApiException;
import cn.dsflow.intake.ClaimedTimes;
import cn.dsflow.form.FormContract;
import cn.dsflow.form.SubmittedFields;
import cn.dsflow.system.SystemCommands;
import cn.dsflow.system.WordDocument;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * 数据销毁证明 (.docx, Chinese): items, method, operators, supervisor, times, verification and reclamation, from the
 * record of a destruction that has been carried out. For the requester and the officers.
 */
@RestController
class DestructionCertificate {

  private static final String[][] FIELDS = {
      {"requestId", "申请编号"}, {"requester", "申请人"}, {"dataLevel", null}, {"dataCategory", null}, {"dataItems", null},
      {"storageLocations", null}, {"backupCopies", null}, {"destructionReason", null}, {"storageMedium", null}, {"destructionMethod", null},
      {"permitId", "单次授权编号"}, {"approvedAt", "批准时间"}, {"destructionOperators", "执行人员"},
      {"destructionSupervisor", "监督人"}, {"destroyedWhat", null}, {"destroyedWhere", null}, {"destroyedHow", null},
      {"destroyedAt", null}, {"destroyedRecordCount", null}, {"supervisionObservations", null},
      {"verificationOutcome", null}, {"verificationNote", null}};

  private final HistoryService historyService;
  private final SystemCommands system;
  private final CurrentUser currentUser;
  private final FormContract forms;
  private final RequestRegister register;
  private final ApprovalLedger ledger;

  DestructionCertificate(HistoryService historyService, SystemCommands system, CurrentUser currentUser, FormContract forms,
      RequestRegister register, ApprovalLedger ledger) {
    this.historyService = historyService;
    this.system = system;
    this.currentUser = currentUser;
    this.forms = forms;
    this.register = register;
    this.ledger = ledger;
  }

  @GetMapping("/api/destructions/{requestId}/certificate")
  ResponseEntity<byte[]> certificate(@PathVariable String requestId) {
    if (requestId.length() > 64) {
      throw ApiException.badRequest("requestId", "编号过长 (id too long)");
    }
    Map<String, Object> v = system.run(() -> {
      HistoricProcessInstance pi = historyService.createHistoricProcessInstanceQuery().processInstanceId(requestId)
          .processDefinitionKey("data-destruction").singleResult();
      if (pi == null) {
        return null;
      }
      Map<String, Object> vars = new HashMap<>();
      historyService.createHistoricVariableInstanceQuery().processInstanceId(requestId).list()
          .forEach(h -> vars.put(h.getName(), h.getValue()));
      return vars;
    });
    // who asked and whether it was carried out come from the register and the ledger, not from the variables
    RequestRegister.Registered request = register.find(requestId).filter(r -> "data-destruction".equals(r.processKey()))
        .orElse(null);
    if (v == null || request == null
        || !(currentUser.isIn(Group.LEDGER_READERS) || currentUser.id().equals(request.requester()))) {
      throw ApiException.notFound("没有这个销毁记录 (no such destruction)");
    }
    ApprovalLedger.Entry row = ledger.of(requestId).orElse(null);
    if (row == null || !"COMPLETED".equals(row.status())) {
      throw new ApiException(HttpStatus.CONFLICT, "not_destroyed_yet", "销毁尚未完成登记，不能出具证明 (not yet carried out and recorded)");
    }
    v.put("requestId", request.requestId());
    v.put("requester", request.requester());
    v.put("permitId", row.permitId());
    v.put("approvedAt", java.util.Date.from(row.approvedAt()));
    WordDocument doc = new WordDocument("数据销毁证明").note("出具时间：" + DeadlineChaser.beijing(new Date()));
    doc.heading("一、销毁的数据与执行");
    for (String[] f : FIELDS) {
      Object value = v.get(f[0]);
      if (ClaimedTimes.receipt(v, f[0]).isPresent() && value instanceof String s && s.strip().length() > 10) {
        value = Date.from(new SubmittedFields(v).instant(f[0], false)); // a declared time, shown in Beijing time
      }
      String label = f[1] != null ? f[1] : forms.labelOf(f[0]).orElse(f[0]);
      doc.field(label, value instanceof Date d ? DeadlineChaser.beijing(d) : forms.display(f[0], value));
      ClaimedTimes.receipt(v, f[0]).ifPresent(line -> doc.field(ClaimedTimes.RECEIPT_LABEL, line));
    }
    doc.heading("二、资源和权限回收");
    for (String resource : DestructionRecords.RECLAIMED_RESOURCES) {
      String key = resource + "Reclaimed";
      doc.field(forms.labelOf(key).orElse(key), forms.display(key, v.get(key)) + "；" + v.get(resource + "Note"));
    }
    return WordDocument.download("destruction-" + requestId + ".docx", doc.bytes());
  }
}
