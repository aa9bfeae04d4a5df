package cn.dsflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.ApprovalLedger;
import cn.dsflow.permit.PermitGate;
import cn.dsflow.system.EngineRefusal;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 登记执行结果 right after the permit's use (issue 18: with a 15-minute picker and a strict "after the use" rule no
 * choosable time was accepted for up to 15 minutes). A time is entered to the minute; the minute of the use itself
 * counts, a minute earlier does not (no 倒挂, 000 §3.4.2(3)); a blank time is the server's receipt time.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class ResultTimeIT {

  /** The permit is used at 11:00:43 Beijing time, an hour after approval. */
  static final Date USED = EngineTestSupport.at("2026-11-23T11:00:43+08:00");

  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired PermitGate gate;
  @Autowired ApprovalLedger ledger;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  ProcessInstance usedRequest() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    fixture.approveImportantBulkExport(request);
    String permitId = ledger.find(new ApprovalLedger.Filter(null, null, null, null, null)).stream()
        .filter(e -> request.getId().equals(e.processInstanceId())).findFirst().orElseThrow().permitId();
    engine.setClock(USED);
    gate.use(permitId, new PermitGate.Use("etl-system", 100, "某某科技有限公司"), "zhangsan");
    engine.setClock(new Date(USED.getTime() + 10_000)); // recorded ten seconds later, still in the same minute
    return request;
  }

  void record(ProcessInstance request, Object completedAt) {
    Map<String, Object> result = new HashMap<>();
    result.put("actualRecordCount", 100);
    result.put("completedAt", completedAt);
    engine.complete("zhangsan", engine.only(request.getId(), "recordResult"), result);
  }

  Instant recordedCompletion(ProcessInstance request) {
    return ledger.find(new ApprovalLedger.Filter(null, null, null, null, null)).stream()
        .filter(e -> request.getId().equals(e.processInstanceId())).findFirst().orElseThrow().completedAt();
  }

  @Test
  void aResultInTheMinuteOfTheUseIsAccepted() {
    ProcessInstance request = usedRequest();

    record(request, "2026-11-23T11:00+08:00");

    assertThat(recordedCompletion(request)).isEqualTo(EngineTestSupport.at("2026-11-23T11:00:00+08:00").toInstant());
  }

  @Test
  void aResultAMinuteBeforeTheUseIsRefusedNamingTheUseInBeijingTime() {
    ProcessInstance request = usedRequest();

    Throwable refused = catchThrowable(() -> record(request, "2026-11-23T10:59+08:00"));
    assertThat(EngineRefusal.in(refused).status()).isEqualTo(400);
    assertThat(EngineRefusal.in(refused).code()).isEqualTo("invalid_input");
    assertThat(EngineRefusal.in(refused).reason()).startsWith("completedAt: 早于授权使用时间")
        .contains("授权使用时间 (permit use) 2026-11-23 11:00").contains("北京时间").doesNotContain("03:00");
    assertThat(recordedCompletion(request)).isNull();
  }

  @Test
  void aBlankCompletionTimeIsTheMomentTheServerReceivedTheResult() {
    ProcessInstance request = usedRequest();

    record(request, "");

    assertThat(recordedCompletion(request)).isEqualTo(Instant.ofEpochMilli(USED.getTime() + 10_000));
  }
}
