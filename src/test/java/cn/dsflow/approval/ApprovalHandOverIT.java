package cn.dsflow.approval;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.crossborder.CrossBorderFixture;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What a request hands to its called 多人审批 (000 §3.4.2(1)): the fields the approver decides on, named one by one in
 * the call activity, and nothing else of the request's process — not the executors, the content hash, the
 * preparatory checks or the slots, which the approval reads from the register and the slot table instead.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class ApprovalHandOverIT {

  /** Variables the request's process holds that a hand-over of all variables would also have copied down. */
  static final List<String> NOT_HANDED_DOWN = List.of("executors", "requestHash", "requestedAt", "validFromAt",
      "validUntilAt", "recipientForeign", "approverGroups", "checksFailed");

  @Autowired ApprovalFixture approvals;
  @Autowired CrossBorderFixture crossBorder;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired FormService formService;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  @Test
  void theApproverOfADataOperationSeesTheRequestAndTheApprovalHoldsNothingElseOfIt() {
    ProcessInstance request = approvals.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = approvals.slot(request, "deptHead");

    VariableMap shown = formService.getTaskFormVariables(slot.getId());
    assertThat(shown.get("requester")).isEqualTo("zhangsan");
    assertThat(shown.get("dataDescription")).isEqualTo("MES 系统导出的 2026 年工艺参数");
    assertThat(shown.get("purpose")).isEqualTo("联合工艺优化");
    assertThat(shown.get("scope")).isEqualTo("2026 年 1–10 月 3 号产线");
    assertThat(shown.get("recipientName")).isEqualTo("某某科技有限公司");
    assertThat(shown.get("recordCount")).isEqualTo(5000L);

    Map<String, Object> approval = runtimeService.getVariables(slot.getProcessInstanceId());
    assertThat(slot.getProcessInstanceId()).isNotEqualTo(request.getId());
    assertThat(approval).containsEntry("requestId", runtimeService.getVariable(request.getId(), "requestId"))
        .containsEntry("requestSummary", runtimeService.getVariable(request.getId(), "requestSummary"));
    assertThat(runtimeService.getVariables(request.getId())).containsKeys(NOT_HANDED_DOWN.toArray(String[]::new));
    assertThat(approval).doesNotContainKeys(NOT_HANDED_DOWN.toArray(String[]::new));
  }

  @Test
  void anApproverReadingThroughEngineRestGetsTheHandedDownFieldsAndNotTheRequestsProcess() {
    ProcessInstance request = approvals.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = approvals.slot(request, "deptHead");
    ResponseEntity<String> own = http.withBasicAuth("wangwu", "demo")
        .getForEntity("/engine-rest/task/" + slot.getId() + "/variables", String.class);
    assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(own.getBody()).contains("\"purpose\"", "\"requestSummary\"");
    for (String name : NOT_HANDED_DOWN) {
      assertThat(own.getBody()).doesNotContain("\"" + name + "\"");
    }
    ResponseEntity<String> parent = http.withBasicAuth("wangwu", "demo")
        .getForEntity("/engine-rest/process-instance/" + request.getId() + "/variables", String.class);
    assertThat(parent.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void theApproverOfACrossBorderTransferSeesTheRecipientAndTheApprovalHoldsNothingElseOfIt() {
    ProcessInstance transfer = crossBorder.start("lisi",
        CrossBorderFixture.request("IMPORTANT", 0, 0, "2026-11-23", "2027-03-31"));
    crossBorder.complete("zhaoliu", crossBorder.only(transfer, "writeSelfAssessment"), Map.of(
        "saPurposeLawfulness", "售后服务所必需", "saDataRisk", "低风险", "saRecipientCapability", "ISO 27001",
        "saTransferRisks", "专线加密", "saLegalDocuments", "合同已约定", "saOther", "无", "saReportReference", "SA-2026-11"));
    Task slot = approvals.openTasks(transfer, "approve").get(0);

    VariableMap shown = formService.getTaskFormVariables(slot.getId());
    assertThat(shown.get("operationType")).isEqualTo("CROSS_BORDER");
    assertThat(shown.get("recipientName")).isEqualTo("Example Service GmbH");
    assertThat(shown.get("processingMethod")).isEqualTo("TLS 加密专线；接收方仅用于售后工单处理");
    assertThat(shown.get("requester")).isEqualTo("lisi");

    Map<String, Object> approval = runtimeService.getVariables(slot.getProcessInstanceId());
    assertThat(approval).doesNotContainKeys(NOT_HANDED_DOWN.toArray(String[]::new))
        .doesNotContainKeys("recipientCountry", "saReportReference", "crossBorderRoute");
  }
}
