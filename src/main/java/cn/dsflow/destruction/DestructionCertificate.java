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
import cn.dsflow.process.DestructionVariables;
import cn.dsflow.process.PermitVariables;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.process.Var;
import cn.dsflow.system.SystemCommands;
import cn.dsflow.system.WordDocument;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
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

  /** The certificate's lines in order; a null label is the one the destruction's forms show. */
  private record Line(Var<?> field, String label) {
  }

  private static final List<Line> LINES = List.of(
      new Line(RequestVariables.REQUEST_ID, "申请编号"), new Line(RequestVariables.REQUESTER, "申请人"),
      new Line(RequestVariables.DATA_LEVEL, null), new Line(RequestVariables.DATA_CATEGORY, null),
      new Line(DestructionVariables.DATA_ITEMS, null), new Line(DestructionVariables.STORAGE_LOCATIONS, null),
      new Line(DestructionVariables.BACKUP_COPIES, null), new Line(DestructionVariables.DESTRUCTION_REASON, null),
      new Line(DestructionVariables.STORAGE_MEDIUM, null), new Line(DestructionVariables.DESTRUCTION_METHOD, null),
      new Line(PermitVariables.PERMIT_ID, "单次授权编号"), new Line(PermitVariables.APPROVED_AT, "批准时间"),
      new Line(DestructionVariables.DESTRUCTION_OPERATORS, "执行人员"),
      new Line(DestructionVariables.DESTRUCTION_SUPERVISOR, "监督人"), new Line(DestructionVariables.DESTROYED_WHAT, null),
      new Line(DestructionVariables.DESTROYED_WHERE, null), new Line(DestructionVariables.DESTROYED_HOW, null),
      new Line(DestructionVariables.DESTROYED_AT, null), new Line(DestructionVariables.DESTROYED_RECORD_COUNT, null),
      new Line(DestructionVariables.SUPERVISION_OBSERVATIONS, null), new Line(DestructionVariables.VERIFICATION_OUTCOME, null),
      new Line(DestructionVariables.VERIFICATION_NOTE, null));

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
    v.put(RequestVariables.REQUEST_ID.name(), request.requestId());
    v.put(RequestVariables.REQUESTER.name(), request.requester());
    v.put(PermitVariables.PERMIT_ID.name(), row.permitId());
    v.put(PermitVariables.APPROVED_AT.name(), java.util.Date.from(row.approvedAt()));
    WordDocument doc = new WordDocument("数据销毁证明").note("出具时间：" + DeadlineChaser.beijing(new Date()));
    doc.heading("一、销毁的数据与执行");
    for (Line line : LINES) {
      String key = line.field().name();
      Object value = v.get(key);
      if (ClaimedTimes.receipt(v, key).isPresent() && value instanceof String s && s.strip().length() > 10) {
        value = Date.from(new SubmittedFields(v).instant(line.field(), false)); // a declared time, shown in Beijing time
      }
      String label = line.label() != null ? line.label() : forms.labelOf(key).orElse(key);
      doc.field(label, value instanceof Date d ? DeadlineChaser.beijing(d) : forms.display(key, value));
      ClaimedTimes.receipt(v, key).ifPresent(receipt -> doc.field(ClaimedTimes.RECEIPT_LABEL, receipt));
    }
    doc.heading("二、资源和权限回收");
    for (DestructionVariables.Reclamation item : DestructionVariables.RECLAMATIONS) {
      String key = item.reclaimed().name();
      doc.field(forms.labelOf(key).orElse(key), forms.display(key, v.get(key)) + "；" + v.get(item.note().name()));
    }
    return WordDocument.download("destruction-" + requestId + ".docx", doc.bytes());
  }
}
