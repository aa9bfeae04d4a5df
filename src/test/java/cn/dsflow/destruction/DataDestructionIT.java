package cn.dsflow.destruction;

import static cn.dsflow.EngineTestSupport.with;
import static cn.dsflow.EngineTestSupport.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.ledger.ApprovalLedger;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.permit.Permit;
import cn.dsflow.permit.PermitGate;
import cn.dsflow.permit.Permits;
import cn.dsflow.process.DestructionVariables;
import cn.dsflow.system.ApiException;
import cn.dsflow.system.EngineRefusal;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** data-destruction on the real engine: irrecoverable methods, multi-person execution under a supervisor, the record. */
@DsflowIntegrationTest
@EngineClockAt("2026-08-03T10:00:00+08:00")
class DataDestructionIT {

  @Autowired ApprovalFixture approvals;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired AuditChain audit;
  @Autowired Permits permits;
  @Autowired PermitGate gate;
  @Autowired ApprovalLedger ledger;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  static Map<String, Object> request(String level, String method) {
    Map<String, Object> v = new HashMap<>();
    v.put("dataLevel", level);
    v.put("dataCategory", "设备运行日志");
    v.put("dataItems", "2019–2020 年产线设备运行日志");
    v.put("inImportantDataCatalogue", false);
    v.put("recordCount", 800_000L);
    v.put("volumeGb", 120.0);
    v.put("processingSubject", "制造部");
    v.put("storageLocations", "MES 数据库 mes_log_2019/2020；NAS 卷 /archive/mes");
    v.put("backupCopies", "磁带 T-2020-11（保险库 B2）；异地备份 oss://backup/mes/2020");
    v.put("backupsIncluded", true);
    v.put("destructionReason", "RETENTION_REACHED");
    v.put("reasonDetail", "保存期限 5 年已满");
    v.put("destructionMethod", method);
    v.put("storageMedium", "MAGNETIC_DISK");
    v.put("validFrom", "2026-08-03");
    v.put("validUntil", "2026-08-31");
    return v;
  }

  ProcessInstance start(Map<String, Object> request) {
    return engine.start("lisi", "data-destruction", request);
  }

  ProcessInstance approved(Map<String, Object> request) {
    return approvedAfter(start(request));
  }

  static Map<String, Object> execution(String op1, String op2, String supervisor) {
    Map<String, Object> v = new HashMap<>();
    v.put("operator1", op1);
    v.put("operator2", op2);
    v.put("destructionSupervisor", supervisor);
    v.put("destroyedWhat", "日志表和磁带");
    v.put("destroyedWhere", "数据中心 3 楼");
    v.put("destroyedHow", "硬盘消磁后粉碎，磁带粉碎");
    v.put("destroyedAt", "2026-08-03T10:50:00+08:00");
    v.put("destroyedRecordCount", 800_000);
    return v;
  }

  void carryOut(ProcessInstance p) {
    engine.complete("zhangsan", engine.only(p.getId(), "executeDestruction"), execution("zhangsan", "qianer", "zhengshi"));
    engine.complete("zhengshi", engine.only(p.getId(), "attestSupervision"), Map.of("supervisionAttested", true, "supervisionObservations", "全程在场"));
    engine.complete("zhaoliu", engine.only(p.getId(), "verifyIrrecoverability"), Map.of("verificationOutcome", "RECOVERY_FAILED",
        "verificationNote", "使用恢复工具扫描，无可恢复数据"));
    Map<String, Object> reclamation = new HashMap<>();
    for (DestructionVariables.Reclamation item : DestructionVariables.RECLAMATIONS) {
      reclamation.put(item.reclaimed().name(), "RECLAIMED");
      reclamation.put(item.note().name(), "已回收");
    }
    engine.complete("zhaoliu", engine.only(p.getId(), "recordReclamation"), reclamation);
  }

  List<String> events(ProcessInstance p) {
    return audit.events("request", p.getId()).stream().map(AuditEvent::type).toList();
  }

  @ParameterizedTest(name = "{0} data destroyed by {1}: {2} approvers")
  @CsvSource({"GENERAL, LOGICAL_DELETION, 1", "IMPORTANT, CRYPTOGRAPHIC_ERASURE, 3", "CORE, PHYSICAL_DESTRUCTION, 4"})
  void eachLevelIsApprovedExecutedAttestedVerifiedAndLedgered(String level, String method, int approvers) {
    ProcessInstance p = start(request(level, method));
    assertThat(approvals.openTasks(p, "approve")).hasSize(approvers);
    p = approvedAfter(p);
    String permitId = (String) runtimeService.getVariable(p.getId(), "permitId");
    carryOut(p);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(p.getId()).singleResult().getState())
        .isEqualTo("COMPLETED");
    assertThat(permits.find(permitId).orElseThrow().status()).isEqualTo(Permit.Status.USED);
    String id = p.getId();
    ApprovalLedger.Entry row = ledger.find(new ApprovalLedger.Filter(null, null, "DESTRUCTION", null, null)).stream()
        .filter(e -> e.requestId().equals(id)).findFirst().orElseThrow();
    assertThat(row.status()).isEqualTo("COMPLETED");
    assertThat(row.particulars()).contains("\"supervisor\":\"zhengshi\"", "zhangsan,qianer", "RECOVERY_FAILED");
    assertThat(events(p)).containsSubsequence("REQUEST_SUBMITTED", "PERMIT_ISSUED", "PERMIT_USED", "DESTRUCTION_RECORDED");
  }

  ProcessInstance approvedAfter(ProcessInstance p) {
    Map<String, String> members = Map.of("deptHead", "wangwu", "dso", "zhaoliu", "dsDirect", "sunqi", "dsFirst", "zhouba");
    for (Task slot : approvals.openTasks(p, "approve")) {
      approvals.decide(members.get((String) taskService.getVariable(slot.getId(), "approverGroup")), slot, "APPROVE", "同意销毁");
    }
    engine.setClock(at("2026-08-03T11:00:00+08:00"));
    return p;
  }

  @Test
  void theApproverSeesWhatIsDestroyedHowAndWhyAndTheApprovalHoldsNoneOfTheDestructionFields() {
    ProcessInstance p = start(request("IMPORTANT", "PHYSICAL_DESTRUCTION"));
    Task slot = approvals.openTasks(p, "approve").get(0);
    Map<String, Object> shown = taskService.getVariables(slot.getId());
    assertThat(shown.get("dataDescription")).isEqualTo("2019–2020 年产线设备运行日志");
    assertThat((String) shown.get("processingMethod")).isNotBlank();
    assertThat((String) shown.get("purpose")).contains("保存期限 5 年已满");
    assertThat((String) shown.get("scope")).contains("MES 数据库 mes_log_2019/2020", "磁带 T-2020-11（保险库 B2）");
    // the destruction's own fields stay with the destruction: the approval is handed the form's fields by name
    assertThat(runtimeService.getVariables(p.getId())).containsKeys("destructionMethod", "storageLocations", "executors");
    assertThat(runtimeService.getVariables(slot.getProcessInstanceId()))
        .doesNotContainKeys("destructionMethod", "storageLocations", "backupCopies", "executors", "requestHash");
  }

  @ParameterizedTest(name = "{0} data by {1} is refused at submission")
  @CsvSource({"IMPORTANT, LOGICAL_DELETION", "IMPORTANT, OVERWRITE", "CORE, OVERWRITE", "CORE, CRYPTOGRAPHIC_ERASURE"})
  void aMethodThatLeavesDataRecoverableIsRefusedForImportantAndCoreData(String level, String method) {
    assertThatThrownBy(() -> start(request(level, method))).satisfies(e -> {
      EngineRefusal refusal = EngineRefusal.in(e);
      assertThat(refusal.status()).isEqualTo(422);
      assertThat(refusal.reason()).startsWith("destructionMethod").contains("不");
    });
  }

  @Test
  void theTeamIsTwoDistinctOperatorsAndASupervisorFromAuditNoneOfThemTheRequester() {
    ProcessInstance p = approved(request("IMPORTANT", "DEGAUSSING"));
    Task task = engine.only(p.getId(), "executeDestruction");
    assertTeamRefused(task, "zhangsan", execution("zhangsan", "zhangsan", "zhengshi"), "operators_not_distinct");
    assertTeamRefused(task, "zhangsan", execution("zhangsan", "zhengshi", "zhengshi"), "supervisor_is_operator");
    assertTeamRefused(task, "zhangsan", execution("zhangsan", "lisi", "zhengshi"), "requester_executes");
    assertTeamRefused(task, "zhangsan", execution("zhangsan", "qianer", "zhaoliu"), "supervisor_not_audit");
    assertTeamRefused(task, "zhangsan", execution("zhangsan", "", "zhengshi"), "operators_too_few");
    assertTeamRefused(task, "wangwu", execution("zhangsan", "qianer", "zhengshi"), "recorder_not_operator");
    assertThat(permits.findByRequest(p.getId()).orElseThrow().status()).isEqualTo(Permit.Status.LIVE);
    assertThat(audit.events("request", p.getId()).stream().filter(e -> e.type().equals("DESTRUCTION_REFUSED")).count())
        .isEqualTo(6);
    assertThat(approvals.openTasks(p, "executeDestruction")).hasSize(1);
  }

  void assertTeamRefused(Task task, String user, Map<String, Object> execution, String code) {
    engine.actAs(user);
    try {
      assertThatThrownBy(() -> taskService.complete(task.getId(), execution))
          .satisfies(e -> assertThat(EngineRefusal.in(e).code()).isEqualTo(code));
    } finally {
      engine.actAsNobody();
    }
  }

  @Test
  void noDestructionWithoutALivePermit() {
    ProcessInstance p = start(request("IMPORTANT", "PHYSICAL_DESTRUCTION"));
    assertThat(approvals.openTasks(p, "executeDestruction")).isEmpty(); // not reachable before approval
    assertThat(permits.findByRequest(p.getId())).isEmpty();
    assertThatThrownBy(() -> gate.use("PMT-" + p.getId(), new PermitGate.Use("shredder", 1, null), "zhangsan"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    approvedAfter(p);
    String permitId = (String) runtimeService.getVariable(p.getId(), "permitId");
    // the requester's own tool may not consume it through the executing-system gate: two operators and a supervisor
    // destroy, in the execution step (a single person's use would leave that step nothing to use)
    assertThatThrownBy(() -> gate.use(permitId, new PermitGate.Use("shredder", 10, null), "lisi"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN);
          assertThat(e.code()).isEqualTo("team_step_only");
        });
    // anyone else is refused as before, learning nothing of what the permit is for
    assertThatThrownBy(() -> gate.use(permitId, new PermitGate.Use("shredder", 10, null), "wangwu"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("not_executor"));
    assertThat(events(p)).contains("PERMIT_USE_REFUSED");
    assertThat(permits.find(permitId).orElseThrow().status()).isEqualTo(Permit.Status.LIVE);
    carryOut(p);
    assertThat(permits.find(permitId).orElseThrow().status()).isEqualTo(Permit.Status.USED);
  }

  @Test
  void destroyingFiledCatalogueDataOpensTheChangeFilingDueInThreeMonths() {
    ProcessInstance p = approved(with(request("IMPORTANT", "PHYSICAL_DESTRUCTION"),
        "inImportantDataCatalogue", true, "catalogueEntries", "目录第 12 项 设备运行日志"));
    carryOut(p);
    Task filing = engine.only(p.getId(), "fileCatalogueChange");
    assertThat(filing.getDueDate()).isEqualTo(at("2026-11-03T23:59:59+08:00"));
    assertThat(runtimeService.getVariable(p.getId(), "catalogueReminderAt")).isEqualTo(at("2026-10-20T09:00:00+08:00"));
    engine.setClock(at("2026-11-04T00:00:30+08:00"));
    engine.runDueJobs();
    assertThat(events(p)).contains("DUTY_REMINDER", "DEADLINE_MISSED");

    engine.setClock(at("2026-08-03T10:00:00+08:00"));
    ProcessInstance notFiled = approved(request("IMPORTANT", "PHYSICAL_DESTRUCTION"));
    carryOut(notFiled);
    assertThat(approvals.openTasks(notFiled, "fileCatalogueChange")).isEmpty();
  }

  @Test
  void recoverableDataAreDestroyedAgainUnderTheSupervisorBeforeTheRecordCloses() {
    ProcessInstance p = approved(request("CORE", "DEGAUSSING"));
    engine.complete("zhangsan", engine.only(p.getId(), "executeDestruction"), execution("zhangsan", "qianer", "zhengshi"));
    engine.complete("zhengshi", engine.only(p.getId(), "attestSupervision"), Map.of("supervisionAttested", true, "supervisionObservations", "在场"));
    engine.complete("zhaoliu", engine.only(p.getId(), "verifyIrrecoverability"), Map.of("verificationOutcome", "RECOVERED", "verificationNote", "磁带仍可读"));
    engine.complete("zhangsan", engine.only(p.getId(), "destroyRemainingData"), Map.of("reworkMeasures", "磁带粉碎", "reworkAt", "2026-08-03T10:58:00+08:00"));
    assertThat(engine.only(p.getId(), "attestSupervision").getAssignee()).isEqualTo("zhengshi");
  }

  @Test
  void anIncompleteRequestIsRefusedFieldByField() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("data-destruction").count();
    assertThatThrownBy(() -> start(with(request("GENERAL", "OVERWRITE"), "backupsIncluded", false)))
        .satisfies(e -> assertThat(EngineRefusal.in(e).code()).isEqualTo("incomplete"));
    assertThatThrownBy(() -> start(with(request("GENERAL", "OVERWRITE"), "destructionReason", "PARTNER_DESTRUCTION")))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("partnerName"));
    assertThatThrownBy(() -> start(with(request("GENERAL", "OVERWRITE"), "inImportantDataCatalogue", true)))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("catalogueEntries"));
    assertThatThrownBy(() -> start(with(request("GENERAL", "BURNING"), "x", 1)))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("destructionMethod"));
    assertThatThrownBy(() -> start(with(request("GENERAL", "OVERWRITE"), "storageLocations", "")))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("storageLocations"));
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("data-destruction").count()).isEqualTo(before);
  }

  @Test
  void thePurposeAndScopeTheRequestFillsAreHeldTo4000Characters_atTheLimitAccepted_pastItRefusedByTheFieldsLabel() {
    // purpose = reason + "：" + 原因说明, scope = 存储位置 + 备份和离线副本: Camunda stores each in 4000 characters
    String reason = DestructionReason.RETENTION_REACHED.chineseName() + "：";
    ProcessInstance full = start(with(request("GENERAL", "OVERWRITE"), "reasonDetail", "满".repeat(4000 - reason.length())));
    assertThat(runtimeService.getVariable(full.getId(), "purpose").toString()).hasSize(4000);
    String backups = (String) request("GENERAL", "OVERWRITE").get("backupCopies");
    int locations = 4000 - "存储位置：\n备份和离线副本：".length() - backups.length();
    ProcessInstance wide = start(with(request("GENERAL", "OVERWRITE"), "storageLocations", "库".repeat(locations)));
    assertThat(runtimeService.getVariable(wide.getId(), "scope").toString()).hasSize(4000);

    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("data-destruction").count();
    assertThatThrownBy(() -> start(with(request("GENERAL", "OVERWRITE"), "reasonDetail", "满".repeat(4001 - reason.length()))))
        .satisfies(e -> {
          EngineRefusal r = EngineRefusal.in(e);
          assertThat(r.status()).isEqualTo(400);
          assertThat(r.field()).isEqualTo("reasonDetail");
          assertThat(r.getMessage()).startsWith("「原因说明」").contains("4000");
        });
    assertThatThrownBy(() -> start(with(request("GENERAL", "OVERWRITE"), "storageLocations", "库".repeat(locations + 1))))
        .satisfies(e -> assertThat(EngineRefusal.in(e).field()).isEqualTo("backupCopies"));
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("data-destruction").count()).isEqualTo(before);
  }

  @Test
  void theCertificateOfDestructionIsIssuedOnlyForACarriedOutDestruction() throws Exception {
    ProcessInstance p = approved(request("IMPORTANT", "PHYSICAL_DESTRUCTION"));
    String path = "/api/destructions/" + p.getId() + "/certificate";
    assertThat(http.withBasicAuth("lisi", "demo").getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    carryOut(p);
    assertThat(http.withBasicAuth("zhangsan", "demo").getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<byte[]> docx = http.withBasicAuth("lisi", "demo").getForEntity(path, byte[].class);
    assertThat(docx.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(docx.getBody()))) {
      List<String> text = word.getParagraphs().stream().map(XWPFParagraph::getText).toList();
      assertThat(text).contains("数据销毁证明", "一、销毁的数据与执行", "二、资源和权限回收");
      assertThat(text).anyMatch(t -> t.contains("zhengshi")).anyMatch(t -> t.contains("物理销毁"));
    }
  }

  @Test
  void aStartAtRecordDestructionWithInjectedVariablesRecordsNothingAndYieldsNoCertificate() {
    ProcessInstance victim = approved(request("IMPORTANT", "PHYSICAL_DESTRUCTION"));
    int refused = audit.eventsOfType("DESTRUCTION_REFUSED").size();
    Map<String, Object> injected = EngineTestSupport.with(request("IMPORTANT", "PHYSICAL_DESTRUCTION"),
        "requestId", victim.getId(), "destroyedAt", "2026-08-03T10:50:00+08:00", "destroyedRecordCount", 1,
        "destructionOperators", "zhangsan,qianer", "destructionSupervisor", "zhengshi", "verificationOutcome", "RECOVERY_FAILED");
    engine.actAs("lisi");
    try {
      assertThatThrownBy(() -> runtimeService.createProcessInstanceByKey("data-destruction")
          .startBeforeActivity("recordDestruction").setVariables(injected).execute())
          .satisfies(e -> assertThat(EngineRefusal.in(e).code()).isEqualTo("no_registered_request"));
    } finally {
      engine.actAsNobody();
    }
    assertThat(ledger.of(victim.getId()).orElseThrow().status()).isEqualTo("APPROVED"); // the victim's row untouched
    assertThat(audit.eventsOfType("DESTRUCTION_REFUSED")).hasSize(refused + 1);
    assertThat(audit.verify().valid()).isTrue();
    assertThat(http.withBasicAuth("lisi", "demo").getForEntity("/api/destructions/" + victim.getId() + "/certificate",
        String.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT); // approved, never carried out: no certificate
  }
}
