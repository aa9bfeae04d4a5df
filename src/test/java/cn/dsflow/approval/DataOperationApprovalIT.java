package cn.dsflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.ApprovalLedger;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.permit.Permit;
import cn.dsflow.permit.PermitGate;
import cn.dsflow.permit.Permits;
import cn.dsflow.system.EngineRefusal;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class DataOperationApprovalIT {

  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired Permits permits;
  @Autowired ApprovalLedger ledger;
  @Autowired AuditChain audit;
  @Autowired PermitGate gate;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  ProcessInstance approvedImportantExport() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    fixture.decide("wangwu", fixture.slot(request, "deptHead"), "APPROVE", "同意导出");
    fixture.decide("zhaoliu", fixture.slot(request, "dso"), "APPROVE", "防护措施充分");
    engine.setClock(new Date(ApprovalFixture.MONDAY_MORNING.getTime() + 60_000));
    fixture.decide("sunqi", fixture.slot(request, "dsDirect"), "APPROVE", "同意");
    return request;
  }

  @Test
  void importantDataNeedsThreeDistinctApproversThenIssuesOnePermitAndALedgerRow() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    assertThat(fixture.openTasks(request, "approve")).hasSize(3);
    fixture.decide("wangwu", fixture.slot(request, "deptHead"), "APPROVE", "同意导出");
    fixture.decide("zhaoliu", fixture.slot(request, "dso"), "APPROVE", "防护措施充分");
    assertThat(runtimeService.getVariable(request.getId(), "permitId")).isNull(); // not before every slot said yes
    fixture.decide("sunqi", fixture.slot(request, "dsDirect"), "APPROVE", "同意");

    String permitId = (String) runtimeService.getVariable(request.getId(), "permitId");
    Permit permit = permits.find(permitId).orElseThrow();
    assertThat(permit.status()).isEqualTo(Permit.Status.LIVE);
    assertThat(permit.maxRecordCount()).isEqualTo(5000);
    assertThat(permit.requester()).isEqualTo("zhangsan");
    assertThat(permit.validUntil()).isEqualTo(OffsetDateTime.parse("2026-12-31T23:59:59+08:00").toInstant());
    // the wait for the use runs in the called permit-lifecycle, below the request's own instance
    assertThat(runtimeService.createExecutionQuery().processInstanceId(request.getId()).activityId("permitLifecycle").count())
        .isEqualTo(1);
    ProcessInstance wait = runtimeService.createProcessInstanceQuery().superProcessInstanceId(request.getId()).singleResult();
    assertThat(runtimeService.createExecutionQuery().processInstanceId(wait.getId()).activityId("executeOperation").count())
        .isEqualTo(1);

    ApprovalLedger.Entry row = ledger.find(new ApprovalLedger.Filter(null, null, null, null, null)).stream()
        .filter(e -> e.requestId().equals(request.getId())).findFirst().orElseThrow();
    assertThat(row.status()).isEqualTo("APPROVED");
    assertThat(row.permitId()).isEqualTo(permitId);
    assertThat(row.processingSubject()).contains("某某科技");
    assertThat(row.approvers()).contains("wangwu").contains("zhaoliu").contains("sunqi").contains("dsDirect");
    assertThat(audit.events("request", request.getId())).extracting(AuditEvent::type)
        .contains("REQUEST_SUBMITTED", "DECISION_RECORDED", "PERMIT_ISSUED");
  }

  @Test
  void generalDataNeedsTheDepartmentHeadAndAgreementCheckForProvision() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("PROVISION", "GENERAL"));
    assertThat(fixture.openTasks(request, "approve")).isEmpty(); // the agreement check comes first
    List<Task> checks = taskService.createTaskQuery().processInstanceId(request.getId()).list();
    assertThat(checks).extracting(Task::getTaskDefinitionKey).containsExactly("checkSecurityAgreement");
    fixture.passCheck("wujiu", checks.get(0));
    assertThat(fixture.openTasks(request, "approve")).hasSize(1);
    fixture.decide("wangwu", fixture.slot(request, "deptHead"), "APPROVE", "同意");
    assertThat(runtimeService.getVariable(request.getId(), "permitId")).isNotNull();
  }

  @Test
  void coreDataProvisionNeedsFourApproversAndFourChecks() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("PROVISION", "CORE"));
    List<Task> checks = taskService.createTaskQuery().processInstanceId(request.getId()).list();
    assertThat(checks).extracting(Task::getTaskDefinitionKey).containsExactlyInAnyOrder(
        "assessNecessity", "reviewRecipientCapability", "checkSecurityAgreement", "assessCoreDataRisk");
    for (Task check : checks) {
      fixture.passCheck("checkSecurityAgreement".equals(check.getTaskDefinitionKey()) ? "wujiu" : "zhaoliu", check);
    }
    assertThat(fixture.openTasks(request, "approve")).hasSize(4);
    fixture.decide("wangwu", fixture.slot(request, "deptHead"), "APPROVE", "同意");
    fixture.decide("zhaoliu", fixture.slot(request, "dso"), "APPROVE", "同意");
    fixture.decide("sunqi", fixture.slot(request, "dsDirect"), "APPROVE", "同意");
    engine.setClock(new Date(ApprovalFixture.MONDAY_MORNING.getTime() + 60_000));
    fixture.decide("zhouba", fixture.slot(request, "dsFirst"), "APPROVE", "同意");
    assertThat(runtimeService.getVariable(request.getId(), "permitId")).isNotNull();
  }

  @Test
  void aFailedPreparatoryCheckEndsTheRequestBeforeAnyApproval() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("PUBLIC_DISCLOSURE", "GENERAL"));
    Task check = taskService.createTaskQuery().processInstanceId(request.getId()).singleResult();
    assertThat(check.getTaskDefinitionKey()).isEqualTo("assessDisclosureRisk");
    engine.actAs("wangwu");
    taskService.complete(check.getId(), Map.of("assessDisclosureRisk_passed", "false",
        "assessDisclosureRisk_findings", "涉及公共利益，不得公开"));
    engine.actAsNobody();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(request.getId()).count()).isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(request.getId())
        .activityId("checksFailedEnd").count()).isEqualTo(1);
  }

  @Test
  void aCheckWhoseFindingsAreNoTextIsRefusedByTheChecksOwnFieldAndStaysOpen() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("PUBLIC_DISCLOSURE", "GENERAL"));
    Task check = taskService.createTaskQuery().processInstanceId(request.getId()).singleResult();
    engine.actAs("wangwu");
    try {
      // the refusal names the field the form shows (assessDisclosureRisk_findings), so Tasklist can mark it
      assertThatThrownBy(() -> taskService.complete(check.getId(), Map.of("assessDisclosureRisk_passed", "true",
          "assessDisclosureRisk_findings", 42)))
          .satisfies(e -> assertThat(EngineRefusal.in(e).field()).isEqualTo("assessDisclosureRisk_findings"));
    } finally {
      engine.actAsNobody();
    }
    assertThat(taskService.createTaskQuery().taskId(check.getId()).count()).isEqualTo(1);
  }

  @Test
  void requesterCannotApproveOwnRequest() {
    ProcessInstance request = fixture.start("wangwu", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    engine.actAs("wangwu");
    assertThatThrownBy(() -> taskService.claim(slot.getId(), "wangwu"))
        .satisfies(e -> assertThat(EngineRefusal.in(e).code()).isEqualTo("separation_of_duties"))
        .hasMessageContaining("申请人不得审批自己的申请");
    assertThatThrownBy(() -> taskService.complete(slot.getId(), Map.of("decision", "APPROVE", "comment", "自批")))
        .satisfies(e -> assertThat(EngineRefusal.in(e).code()).isEqualTo("separation_of_duties"));
    engine.actAsNobody();
    Task untouched = taskService.createTaskQuery().taskId(slot.getId()).singleResult();
    assertThat(untouched.getAssignee()).isNull();
    assertThat(audit.events("request", request.getId())).extracting(AuditEvent::type)
        .filteredOn("SEPARATION_OF_DUTIES_REFUSED"::equals).hasSize(2);
    fixture.decide("qianer", slot, "APPROVE", "同意"); // another department head may
    assertThat(runtimeService.getVariable(request.getId(), "permitId")).isNotNull();
  }

  @Test
  void nobodyDecidesTwiceOnTheSameRequest() {
    if (identityService.createUserQuery().userId("dualrole").count() == 0) {
      var u = identityService.newUser("dualrole");
      u.setPassword("demo");
      u.setEmail("dualrole@dsflow.local");
      identityService.saveUser(u);
      identityService.createMembership("dualrole", "dso");
      identityService.createMembership("dualrole", "dsDirect");
    }
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    fixture.decide("dualrole", fixture.slot(request, "dso"), "APPROVE", "同意");
    Task second = fixture.slot(request, "dsDirect");
    assertThatThrownBy(() -> fixture.decide("dualrole", second, "APPROVE", "再次同意"))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).contains("already decided"))
        .hasMessageContaining("同一人不得对同一申请审批两次");
  }

  @Test
  void nobodyOutsideTheSlotsGroupDecides() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    Task deptHeadSlot = fixture.slot(request, "deptHead");
    // first line: the engine's own authorization (candidates get TASK_WORK on their group's slots only)
    assertThatThrownBy(() -> fixture.decide("zhaoliu", deptHeadSlot, "APPROVE", "越权"))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    // second line: even an administrator cannot hand the slot to someone outside its group
    engine.actAs("admin");
    assertThatThrownBy(() -> taskService.setAssignee(deptHeadSlot.getId(), "zhaoliu"))
        .hasMessageContaining("不属于本审批岗位的组 deptHead");
    engine.actAsNobody();
    assertThat(taskService.createTaskQuery().taskId(deptHeadSlot.getId()).singleResult().getAssignee()).isNull();
  }

  @Test
  void aDecisionNeedsAValidChoiceAndAComment() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    engine.actAs("wangwu");
    assertThatThrownBy(() -> taskService.complete(slot.getId(), Map.of("decision", "APPROVE", "comment", " ")))
        .hasMessageContaining("comment");
    assertThatThrownBy(() -> taskService.complete(slot.getId(), Map.of("decision", "MAYBE", "comment", "嗯")))
        .hasMessageContaining("decision");
    engine.actAsNobody();
    assertThat(taskService.createTaskQuery().taskId(slot.getId()).count()).isEqualTo(1);
  }

  @Test
  void oneRejectionEndsTheRequestAndNoPermitIssues() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    fixture.decide("zhaoliu", fixture.slot(request, "dso"), "REJECT", "未说明脱敏方式");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(request.getId()).count()).isZero();
    assertThat(fixture.openTasks(request, "approve")).isEmpty();
    assertThat(permits.findByRequest(request.getId())).isEmpty();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(request.getId())
        .activityId("requestRejected").count()).isEqualTo(1);
  }

  @Test
  void aSlotPastItsDeadlineIsEscalatedToDsDirectAndNeverApproved() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    // Monday 23 Nov + 3 working days = Thursday 26 Nov 23:59:59 Beijing; the reminder goes out Wednesday 09:00
    assertThat(slot.getDueDate().toInstant()).isEqualTo(OffsetDateTime.parse("2026-11-26T23:59:59+08:00").toInstant());
    engine.setClock(Date.from(OffsetDateTime.parse("2026-11-25T08:59:00+08:00").toInstant()));
    engine.runDueJobs();
    assertThat(audit.events("request", request.getId())).extracting(AuditEvent::type).doesNotContain("APPROVAL_REMINDER");
    engine.setClock(Date.from(OffsetDateTime.parse("2026-11-25T09:00:01+08:00").toInstant()));
    engine.runDueJobs();
    assertThat(audit.events("request", request.getId())).extracting(AuditEvent::type).contains("APPROVAL_REMINDER")
        .doesNotContain("APPROVAL_OVERDUE_ESCALATED");
    engine.setClock(Date.from(OffsetDateTime.parse("2026-11-27T00:00:01+08:00").toInstant()));
    engine.runDueJobs();
    assertThat(audit.events("request", request.getId())).extracting(AuditEvent::type).contains("APPROVAL_OVERDUE_ESCALATED");
    assertThat(taskService.createTaskQuery().taskId(slot.getId()).count()).isEqualTo(1); // still waiting for a person
    assertThat(runtimeService.getVariable(request.getId(), "permitId")).isNull();
  }

  @Test
  void contentEditedBehindTheApproversBacksChangesNothing_thePermitCarriesTheRegisteredContent() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    fixture.decide("wangwu", fixture.slot(request, "deptHead"), "APPROVE", "同意");
    runtimeService.setVariable(request.getId(), "recordCount", 500_000L); // a mirror, not the registered request
    runtimeService.setVariable(request.getId(), "dataLevel", "GENERAL");
    fixture.decide("zhaoliu", fixture.slot(request, "dso"), "APPROVE", "同意");
    fixture.decide("sunqi", fixture.slot(request, "dsDirect"), "APPROVE", "同意");
    Permit permit = permits.findByRequest(request.getId()).orElseThrow();
    assertThat(permit.maxRecordCount()).isEqualTo(5000);
    assertThat(permit.dataLevel()).isEqualTo("IMPORTANT");
  }

  @Test
  void theRequestedContentIsValidatedBeforeAnythingIsWritten() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("data-operation-approval").count();
    Map<String, Object> negative = ApprovalFixture.request("BULK_EXPORT", "GENERAL");
    negative.put("recordCount", -5L);
    // the message names the field as the form labels it; the refusal keeps the key for the client to mark
    assertThat(refusedField(negative)).isEqualTo("recordCount");
    Map<String, Object> backwards = ApprovalFixture.request("BULK_EXPORT", "GENERAL");
    backwards.put("validUntil", "2026-11-01");
    assertThat(refusedField(backwards)).isEqualTo("validUntil");
    Map<String, Object> unknown = ApprovalFixture.request("SELL", "GENERAL");
    assertThat(refusedField(unknown)).isEqualTo("operationType");
    Map<String, Object> abroad = ApprovalFixture.request("PROVISION", "IMPORTANT");
    abroad.put("recipientForeign", true);
    assertThatThrownBy(() -> fixture.start("zhangsan", abroad)).hasMessageContaining("cross-border-transfer");
    Map<String, Object> atTheLimit = ApprovalFixture.request("BULK_EXPORT", "GENERAL");
    atTheLimit.put("purpose", "x".repeat(4000));
    assertThat(fixture.start("zhangsan", atTheLimit).getId()).isNotNull();
    before++;
    Map<String, Object> oversize = ApprovalFixture.request("BULK_EXPORT", "GENERAL");
    oversize.put("purpose", "x".repeat(4001));
    assertThat(refusedField(oversize)).isEqualTo("purpose");
    Map<String, Object> noZone = ApprovalFixture.request("BULK_EXPORT", "GENERAL");
    noZone.put("validFrom", "2026-11-23T10:00");
    assertThat(refusedField(noZone)).isEqualTo("validFrom");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("data-operation-approval").count())
        .isEqualTo(before);
    assertThat(audit.eventsOfType("REQUEST_REFUSED")).isNotEmpty();
  }

  private String refusedField(Map<String, Object> request) {
    try {
      fixture.start("zhangsan", request);
    } catch (RuntimeException e) {
      EngineRefusal refusal = EngineRefusal.in(e);
      assertThat(refusal).as("a refusal, not a fault").isNotNull();
      return refusal.field();
    }
    throw new AssertionError("the request was not refused");
  }

  @Test
  void transferOfImportantDataOpensACatalogueChangeFilingDueInThreeCalendarMonths() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("TRANSFER", "IMPORTANT"));
    for (Task check : taskService.createTaskQuery().processInstanceId(request.getId()).list()) {
      fixture.passCheck("checkSecurityAgreement".equals(check.getTaskDefinitionKey()) ? "wujiu" : "zhaoliu", check);
    }
    fixture.decide("wangwu", fixture.slot(request, "deptHead"), "APPROVE", "同意");
    fixture.decide("zhaoliu", fixture.slot(request, "dso"), "APPROVE", "同意");
    fixture.decide("sunqi", fixture.slot(request, "dsDirect"), "APPROVE", "同意");
    engine.setClock(new Date(ApprovalFixture.MONDAY_MORNING.getTime() + 3_600_000));
    PermitGateIT.useThroughGate((String) runtimeService.getVariable(request.getId(), "permitId"), gate, 5000, "某某科技有限公司");
    Task result = engine.only(request.getId(), "recordResult");
    assertThat(result.getAssignee()).isEqualTo("zhangsan");
    engine.actAs("zhangsan");
    taskService.complete(result.getId(), Map.of("actualRecordCount", 5000, "completedAt", "2026-11-23T11:00+08:00"));
    engine.actAsNobody();
    Task filing = taskService.createTaskQuery().processInstanceId(request.getId()).taskDefinitionKey("fileCatalogueChange")
        .singleResult();
    assertThat(filing.getDueDate().toInstant()).isEqualTo(OffsetDateTime.parse("2027-02-23T23:59:59+08:00").toInstant());
    assertThat(taskService.createTaskQuery().taskId(filing.getId()).taskCandidateGroup("dso").count()).isEqualTo(1);
  }
}
