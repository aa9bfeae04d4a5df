package cn.dsflow.destruction;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.notify.DeadlineChaser;
import cn.dsflow.system.ApiException;
import cn.dsflow.system.FormContract;
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

  DestructionCertificate(HistoryService historyService, SystemCommands system, CurrentUser currentUser, FormContract forms) {
    this.historyService = historyService;
    this.system = system;
    this.currentUser = currentUser;
    this.forms = forms;
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
      boolean recorded = historyService.createHistoricActivityInstanceQuery().processInstanceId(requestId)
          .activityId("recordDestruction").finished().count() > 0;
      vars.put("_recorded", recorded);
      return vars;
    });
    if (v == null || !(currentUser.isIn(Group.LEDGER_READERS) || currentUser.id().equals(v.get("requester")))) {
      throw ApiException.notFound("没有这个销毁记录 (no such destruction)");
    }
    if (!Boolean.TRUE.equals(v.get("_recorded"))) {
      throw new ApiException(HttpStatus.CONFLICT, "not_destroyed_yet", "销毁尚未完成登记，不能出具证明 (not yet carried out and recorded)");
    }
    WordDocument doc = new WordDocument("数据销毁证明").note("出具时间：" + DeadlineChaser.beijing(new Date()));
    doc.heading("一、销毁的数据与执行");
    for (String[] f : FIELDS) {
      Object value = v.get(f[0]);
      String label = f[1] != null ? f[1] : forms.labelOf(f[0]).orElse(f[0]);
      doc.field(label, value instanceof Date d ? DeadlineChaser.beijing(d) : forms.display(f[0], value));
    }
    doc.heading("二、资源和权限回收");
    for (String resource : DestructionRecords.RECLAIMED_RESOURCES) {
      String key = resource + "Reclaimed";
      doc.field(forms.labelOf(key).orElse(key), forms.display(key, v.get(key)) + "；" + v.get(resource + "Note"));
    }
    return WordDocument.download("destruction-" + requestId + ".docx", doc.bytes());
  }
}
