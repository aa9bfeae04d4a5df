package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.TasklistSession;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.ledger.AuditChain;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A refusal reaches its caller as the refusal object (status, code, reason), through both doors, and leaves one log
 * line with its code: no ERROR, no ENGINE-REST-HTTP500 warning, no stack trace (issue 18 item 10). A refused act is the
 * system working; an operator reading the log must still see real faults stand out.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class QuietRefusalIT {

  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired AuditChain audit;
  @Autowired TestRestTemplate http;
  @LocalServerPort int port;

  final ObjectMapper json = new ObjectMapper();
  final ListAppender<ILoggingEvent> log = new ListAppender<>();
  final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void captureLog() {
    log.start();
    root.addAppender(log);
  }

  @AfterEach
  void release() {
    root.detachAppender(log);
    engine.actAsNobody();
  }

  ResponseEntity<String> post(String user, String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, "demo").postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }

  /** Everything logged at WARN or above, or with a stack trace, while the refusal was answered. */
  List<String> noise() {
    return log.list.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null
            || e.getFormattedMessage().contains("ENGINE-REST-HTTP500") || e.getFormattedMessage().contains("\tat "))
        .map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage())
        .toList();
  }

  List<String> refusalLines(String code) {
    return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("refused ") && m.contains(code))
        .toList();
  }

  static final String SELF_APPROVAL = "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"自己批\"}}}";

  @Test
  void aRequesterApprovingTheirOwnRequestThroughEngineRestGets403AndLeavesOneLogLine() throws Exception {
    ProcessInstance request = fixture.start("qianer", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    int refusalsBefore = audit.eventsOfType("SEPARATION_OF_DUTIES_REFUSED").size();
    log.list.clear();

    ResponseEntity<String> r = post("qianer", "/engine-rest/task/" + slot.getId() + "/complete", SELF_APPROVAL);

    assertThat(r.getStatusCode().value()).isEqualTo(403);
    JsonNode body = json.readTree(r.getBody());
    assertThat(body.path("error").asText()).isEqualTo("separation_of_duties");
    assertThat(body.path("message").asText()).contains("申请人不得审批自己的申请").doesNotContain("DSFLOW").doesNotContain("Exception");
    assertThat(noise()).isEmpty();
    assertThat(refusalLines("separation_of_duties")).hasSize(1);
    assertThat(audit.eventsOfType("SEPARATION_OF_DUTIES_REFUSED")).hasSize(refusalsBefore + 1);
    assertThat(taskService.createTaskQuery().taskId(slot.getId()).count()).isEqualTo(1);
  }

  @Test
  void theSameRefusalThroughTheTasklistSessionIsEquallyQuiet() throws Exception {
    ProcessInstance request = fixture.start("qianer", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    TasklistSession session = TasklistSession.login(port, "qianer", "demo");
    log.list.clear();

    var r = session.engine("POST", "task/" + slot.getId() + "/complete", SELF_APPROVAL);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json.readTree(r.body()).path("error").asText()).isEqualTo("separation_of_duties");
    assertThat(noise()).isEmpty();
    assertThat(refusalLines("separation_of_duties")).hasSize(1);
  }

  @Test
  void aRefusalFromAnExpressionListenerArrivesUnwrappedWithItsStatusAndCamundaErrorCode() throws Exception {
    Map<String, Object> foreign = new HashMap<>(Map.of("foreignAuthority", "Example District Court", "foreignCountry", "某国",
        "requestReceivedAt", "2026-11-23T09:00:00+08:00", "dataRequested", "某客户 2025 年的交易记录",
        "legalBasisClaimed", "民事诉讼证据开示"));
    engine.actAs("wujiu");
    ProcessInstance p = runtimeService.startProcessInstanceByKey("foreign-data-request", foreign);
    engine.actAsNobody();
    engine.complete("wujiu", engine.only(p.getId(), "reportForeignRequest"), Map.of("reportedTo", "LOCAL_REGULATOR",
        "reportedAuthorityName", "北京市通信管理局", "reportedAt", "2026-11-23T10:00:00+08:00"));
    Task decision = engine.only(p.getId(), "recordAuthorityDecision");
    Map<String, Object> withoutReference = Map.of("authorityDecision", "APPROVED", "decisionReceivedAt",
        "2026-11-23T10:00:00+08:00");
    log.list.clear();

    // the Java API: the command fails with the refusal itself, not the expression language's wrapper
    engine.actAs("wujiu");
    try {
      taskService.claim(decision.getId(), "wujiu");
      assertThatThrownBy(() -> taskService.complete(decision.getId(), withoutReference))
          .isInstanceOfSatisfying(EngineRefusal.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getCode()).isEqualTo(20_400);
            assertThat(e.reason()).startsWith("approvalReference");
          });
    } finally {
      engine.actAsNobody();
    }
    // and REST
    ResponseEntity<String> r = post("wujiu", "/engine-rest/task/" + decision.getId() + "/complete",
        "{\"variables\":{\"authorityDecision\":{\"value\":\"APPROVED\"},"
            + "\"decisionReceivedAt\":{\"value\":\"2026-11-23T10:00:00+08:00\"}}}");
    assertThat(r.getStatusCode().value()).isEqualTo(400);
    assertThat(json.readTree(r.getBody()).path("error").asText()).isEqualTo("invalid_input");
    // the person reads the field as their form names it; a program reads its key
    assertThat(json.readTree(r.getBody()).path("message").asText()).startsWith("「批准文书编号（批准时必填）」");
    assertThat(json.readTree(r.getBody()).path("field").asText()).isEqualTo("approvalReference");
    assertThat(noise()).isEmpty();
    assertThat(refusalLines("invalid_input")).hasSize(2);
  }

  @Test
  void aBadStartThroughEngineRestIs400NamingTheFieldAndQuiet() throws Exception {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("data-operation-approval").count();
    log.list.clear();
    ResponseEntity<String> r = post("zhangsan", "/engine-rest/process-definition/key/data-operation-approval/start",
        "{\"variables\":{\"operationType\":{\"value\":\"BULK_EXPORT\"},\"dataLevel\":{\"value\":\"GENERAL\"},"
            + "\"dataCategory\":{\"value\":\"x\"},\"dataDescription\":{\"value\":\"x\"},\"recordCount\":{\"value\":-1}}}");
    assertThat(r.getStatusCode().value()).isEqualTo(400);
    assertThat(json.readTree(r.getBody()).path("error").asText()).isEqualTo("invalid_input");
    assertThat(noise()).isEmpty();
    assertThat(refusalLines("invalid_input")).hasSize(1);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("data-operation-approval").count())
        .isEqualTo(before);
  }

  /**
   * The loser of two approvers deciding one slot (here the second, after the first committed) is told 409 who won, and
   * the log holds one INFO line with the code: not the engine's ENGINE-16004 ERROR with a stack trace (issue 18 item 10).
   */
  @Test
  void aLostRaceForOneSlotIs409ForTheLoserAndOneInfoLine() throws Exception {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    String decision = "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"同意\"}}}";
    assertThat(post("wangwu", "/engine-rest/task/" + slot.getId() + "/complete", decision).getStatusCode().value())
        .isEqualTo(204);
    log.list.clear();

    ResponseEntity<String> loser = post("qianer", "/engine-rest/task/" + slot.getId() + "/complete", decision);

    assertThat(loser.getStatusCode().value()).isEqualTo(409);
    assertThat(json.readTree(loser.getBody()).path("error").asText()).isEqualTo("task_conflict");
    assertThat(json.readTree(loser.getBody()).path("message").asText()).contains("该任务已被处理");
    assertThat(noise()).isEmpty();
    assertThat(log.list).noneMatch(e -> e.getFormattedMessage().contains("ENGINE-16004"));
    assertThat(refusalLines("task_conflict")).hasSize(1);
    assertThat(audit.events("task", slot.getId())).extracting(cn.dsflow.ledger.AuditEvent::type)
        .containsExactly("TASK_COMPLETION_CONFLICT");
  }
}
