package cn.dsflow.crossborder;

import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Starts cross-border requests and works their tasks as Tasklist users do, through the Java API. */
@Component
public class CrossBorderFixture {

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final EngineTestSupport engine;
  private final ApprovalFixture approvals;

  public CrossBorderFixture(RuntimeService runtimeService, TaskService taskService, EngineTestSupport engine, ApprovalFixture approvals) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.engine = engine;
    this.approvals = approvals;
  }

  /** Customer records for a foreign affiliate's service desk; {@code validFrom}/{@code validUntil} are Beijing dates. */
  public static Map<String, Object> request(String dataLevel, long nonSensitive, long sensitive, String validFrom, String validUntil) {
    Map<String, Object> v = new HashMap<>();
    v.put("dataLevel", dataLevel);
    v.put("dataCategory", "客户服务记录");
    v.put("dataDescription", "CRM 中的客户联系人和服务工单");
    v.put("recordCount", 20_000L);
    v.put("volumeGb", 2.0);
    v.put("transferPersonsNonSensitive", nonSensitive);
    v.put("transferPersonsSensitive", sensitive);
    v.put("processingSubject", "本公司");
    v.put("recipientName", "Example Service GmbH");
    v.put("recipientCountry", "德国");
    v.put("recipientContact", "dpo@example.de");
    v.put("purpose", "境外售后服务");
    v.put("processingMethod", "TLS 加密专线；接收方仅用于售后工单处理");
    v.put("scope", "2026 年欧洲客户");
    v.put("storageLocationAbroad", "德国法兰克福");
    v.put("storagePeriodAbroad", "合同期内，终止后 30 日内删除");
    v.put("onwardTransferTerms", "未经同意不得向第三方再提供");
    v.put("validFrom", validFrom);
    v.put("validUntil", validUntil);
    v.put("ciio", false);
    v.put("exportControlled", false);
    v.put("endangersNationalSecurity", false);
    v.put("exemptionGround", "NONE");
    return v;
  }

  public ProcessInstance start(String requester, Map<String, Object> request) {
    return engine.start(requester, "cross-border-transfer", request);
  }

  public Task only(ProcessInstance transfer, String key) {
    return engine.only(transfer.getId(), key);
  }

  public List<Task> open(ProcessInstance transfer, String key) {
    return engine.tasksBelow(transfer.getId(), key);
  }

  public void complete(String user, Task task, Map<String, Object> variables) {
    engine.complete(user, task, variables);
  }

  public void recordConsent(ProcessInstance transfer) {
    complete("zhaoliu", only(transfer, "recordConsentAndPia"), Map.of("noticeRecipient", true, "noticePurposeMethod", true,
        "noticeCategories", true, "noticeRights", true, "consentMethod", "客户端弹窗单独同意，记录于同意日志",
        "piaReportReference", "PIA-2026-031", "piaCompletedDate",
        org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().toString(), "piaRetained", true));
  }

  /** Every slot the approval policy opened, approved by a member of its group who is not the requester. */
  public void approveAll(ProcessInstance transfer) {
    Map<String, String> members = Map.of("deptHead", "wangwu", "dso", "zhaoliu", "dsDirect", "sunqi", "dsFirst", "zhouba");
    for (Task slot : approvals.openTasks(transfer, "approve")) {
      String group = (String) taskService.getVariable(slot.getId(), "approverGroup");
      approvals.decide(members.get(group), slot, "APPROVE", "同意出境");
    }
  }

  /**
   * Important data under a security assessment whose result is issued today, as the CAC dates may be claimed no earlier
   * than the request (issue 20): self-assessment, approval, submission, an approving result.
   */
  public ProcessInstance permittedUnderAnAssessmentIssuedToday(String requester, String today, String validUntil) {
    ProcessInstance transfer = start(requester, request("IMPORTANT", 0, 0, today, validUntil));
    complete("zhaoliu", only(transfer, "writeSelfAssessment"), Map.of(
        "saPurposeLawfulness", "售后服务所必需", "saDataRisk", "低风险", "saRecipientCapability", "ISO 27001",
        "saTransferRisks", "专线加密", "saLegalDocuments", "合同已约定", "saOther", "无", "saReportReference", "SA-2026-11"));
    approveAll(transfer);
    complete("zhaoliu", only(transfer, "submitToCac"), Map.of(
        "cacSubmittedDate", today, "cacSubmissionChannel", "ONLINE", "cacSubmissionReference", "SJCJ-2026-7"));
    complete("zhaoliu", only(transfer, "recordCacOutcome"),
        Map.of("cacOutcome", "APPROVED", "cacResultDate", today, "cacResultReference", "网信评〔2026〕7号"));
    return transfer;
  }
}
