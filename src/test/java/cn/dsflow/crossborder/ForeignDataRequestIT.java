package cn.dsflow.crossborder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.EngineRefusal;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** 000 §8.7: a foreign judicial or law-enforcement request is reported, and nothing is provided without approval. */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class ForeignDataRequestIT {

  @Autowired CrossBorderFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired HistoryService historyService;
  @Autowired AuditChain audit;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  static Map<String, Object> request() {
    Map<String, Object> v = new HashMap<>();
    v.put("foreignAuthority", "Example District Court");
    v.put("foreignCountry", "某国");
    v.put("requestReceivedAt", "2026-11-23T09:00:00+08:00");
    v.put("dataRequested", "某客户 2025 年的交易记录");
    v.put("legalBasisClaimed", "民事诉讼证据开示");
    return v;
  }

  ProcessInstance register(Map<String, Object> request) {
    return engine.start("wujiu", "foreign-data-request", request);
  }

  void report(ProcessInstance p) {
    Task report = fixture.only(p, "reportForeignRequest");
    assertThat(report.getDueDate()).isEqualTo(Date.from(OffsetDateTime.parse("2026-11-24T23:59:59+08:00").toInstant()));
    fixture.complete("wujiu", report, Map.of("reportedTo", "LOCAL_REGULATOR", "reportedAuthorityName", "北京市通信管理局",
        "reportedAt", "2026-11-23T10:00:00+08:00"));
  }

  @Test
  void withoutApprovalNothingIsProvided() {
    ProcessInstance p = register(request());
    report(p);
    fixture.complete("wujiu", fixture.only(p, "recordAuthorityDecision"),
        Map.of("authorityDecision", "NOT_APPROVED", "decisionReceivedAt", "2026-11-23T10:00:00+08:00"));
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(p.getId())
        .activityId("provideApprovedData").count()).isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(p.getId())
        .activityId("nothingProvided").count()).isEqualTo(1);
  }

  @Test
  void anApprovalIsRecordedWithItsReferenceBeforeAnythingIsProvided() {
    ProcessInstance p = register(request());
    report(p);
    Task decision = fixture.only(p, "recordAuthorityDecision");
    assertThatThrownBy(() -> fixture.complete("wujiu", decision,
        Map.of("authorityDecision", "APPROVED", "decisionReceivedAt", "2026-11-23T10:00:00+08:00")))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("approvalReference"));
    fixture.complete("wujiu", fixture.only(p, "recordAuthorityDecision"), Map.of("authorityDecision", "APPROVED",
        "approvalReference", "司法协助〔2026〕8号", "approvedScope", "交易记录摘要", "decisionReceivedAt", "2026-11-23T10:00:00+08:00"));
    assertThat(fixture.open(p, "provideApprovedData")).hasSize(1);
    assertThat(audit.events("request", p.getId())).anyMatch(e -> e.type().equals("FOREIGN_DATA_REQUEST_REGISTERED"));
  }

  @Test
  void anIncompleteRegistrationIsRefused() {
    Map<String, Object> missing = request();
    missing.remove("dataRequested");
    assertThatThrownBy(() -> register(missing)).satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("dataRequested"));
  }
}
