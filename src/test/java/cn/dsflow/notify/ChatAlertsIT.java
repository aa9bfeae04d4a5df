package cn.dsflow.notify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.notify.ChatSettings.Platform;
import cn.dsflow.notify.ChatSettings.Robot;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chat alerts through the real outbox table, worker, audit chain and alarm list, to robots on a local stub. The robots
 * are this test's own (the shared context configures none), wired to the shared context's outbox and database.
 */
@DsflowIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ChatAlertsIT {

  static final String DINGTALK_SECRET = "SECchat-it-secret-9z8y7x";
  static final String WECOM_KEY = "chat-it-wecom-key-6w5v4u";

  @Autowired Outbox outbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired TransactionTemplate transaction;
  @Autowired OutboxSettings outboxSettings;
  @Autowired MailDelivery mail;
  @Autowired AuditChain audit;
  @Autowired EngineTestSupport engine;
  @Autowired ObjectMapper json;

  ChatRobotStub stub;
  ChatAlerts alerts;
  OutboxWorker worker;

  @BeforeEach
  void robots() throws Exception {
    engine.runDueJobs(); // leave nothing of other tests pending
    stub = new ChatRobotStub();
    ChatSettings settings = new ChatSettings(List.of(
        new Robot("dsoDing", Platform.DINGTALK, stub.url("/robot/send?access_token=t"), DINGTALK_SECRET, Set.of("dso"),
            Set.of(ChatEvent.SLOT_OPENED, ChatEvent.OVERDUE)),
        new Robot("leadersWecom", Platform.WECOM, stub.url("/cgi-bin/webhook/send?key=" + WECOM_KEY), null,
            Set.of("dsDirect", "dsFirst"), Set.of(ChatEvent.OVERDUE, ChatEvent.ESCALATION))));
    alerts = new ChatAlerts(settings, outbox, "https://dsflow.example.cn");
    worker = new OutboxWorker(jdbc, transactions, outboxSettings, mail, new ChatDelivery(settings, json), audit);
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void aSlotOpenedForTheDsoReachesOnlyTheRobotThatFollowsDsoSlotsInChineseMarkdownWithTheTaskLink() throws Exception {
    engine.setClock(EngineTestSupport.at("2026-11-24T09:30:00+08:00"));
    transaction.executeWithoutResult(s -> alerts.post(ChatEvent.SLOT_OPENED, "dso", "客户名单对外提供",
        "需要审批，期限 2026-11-25 18:00 (北京时间)。", "/camunda/app/tasklist/default/#/?task=t1"));
    transaction.executeWithoutResult(s -> alerts.post(ChatEvent.SLOT_OPENED, "legal", "法务的岗位", "正文", null));
    assertThat(stub.calls).isEmpty(); // queued, not sent in the caller's transaction
    assertThat(worker.drainNow()).isEqualTo(1);
    assertThat(stub.calls).hasSize(1);
    String text = json.readTree(stub.calls.get(0).body()).at("/markdown/text").asText();
    assertThat(text).contains("【数据安全合规】待审批：客户名单对外提供")
        .contains("数据安全管理责任部门")
        .contains("2026-11-24 09:30 (北京时间)")
        .contains("(https://dsflow.example.cn/camunda/app/tasklist/default/#/?task=t1)");
  }

  @Test
  void anOverdueForBothLeadersIsOneMessagePerRobot() {
    transaction.executeWithoutResult(s -> alerts.post(ChatEvent.OVERDUE, List.of("dsDirect", "dsFirst"), "事件总结报告",
        "期限已过。", null));
    assertThat(worker.drainNow()).isEqualTo(1);
    assertThat(stub.calls).hasSize(1);
    assertThat(stub.calls.get(0).path()).isEqualTo("/cgi-bin/webhook/send");
  }

  @Test
  void aRobotThatKeepsRefusingRaisesTheSameAlarmAsMailAndNoSecretReachesLogRowAuditOrAlarm(CapturedOutput output) {
    stub.answer = "{\"errcode\":310000,\"errmsg\":\"sign not match\"}";
    engine.setClock(EngineTestSupport.at("2026-11-24T09:00:00+08:00"));
    transaction.executeWithoutResult(s -> alerts.post(ChatEvent.ESCALATION, "dsDirect", "审批逾期", "请督促处理。", null));
    transaction.executeWithoutResult(s -> alerts.post(ChatEvent.SLOT_OPENED, "dso", "被拒绝的消息", "正文", null));
    for (int tried = 1; tried <= outboxSettings.maxAttempts(); tried++) {
      worker.drainNow();
      ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + outboxSettings.waitAfterFailure(tried).toMillis()));
    }
    assertThat(stub.calls).hasSize(2 * outboxSettings.maxAttempts());
    List<Map<String, Object>> failed = jdbc.queryForList(
        "SELECT id, status, last_error FROM dsf_outbox WHERE channel = 'CHAT' AND status = 'FAILED' AND destination IN ('dsoDing', 'leadersWecom') "
            + "ORDER BY id DESC LIMIT 2");
    assertThat(failed).hasSize(2);
    for (Map<String, Object> row : failed) {
      String id = String.valueOf(row.get("id"));
      assertThat((String) row.get("last_error")).contains("310000");
      assertThat(audit.events("notification", id)).extracting(e -> e.type()).containsExactly("NOTIFICATION_UNDELIVERED");
      String alarm = jdbc.queryForObject("SELECT cause || ' ' || activity_id || ' ' || exception_message FROM dsf_clock_alarm "
          + "WHERE job_id = ? AND resolved_at IS NULL", String.class, OutboxWorker.alarmKey((Long) row.get("id")));
      assertThat(alarm).startsWith("UNDELIVERED CHAT");
      for (String secret : List.of(DINGTALK_SECRET, WECOM_KEY)) {
        assertThat((String) row.get("last_error")).doesNotContain(secret);
        assertThat(alarm).doesNotContain(secret);
        assertThat(audit.events("notification", id).get(0).detail()).doesNotContain(secret);
      }
    }
    assertThat(output.getAll()).contains("given up after " + outboxSettings.maxAttempts() + " tries")
        .doesNotContain(DINGTALK_SECRET).doesNotContain(WECOM_KEY);
  }
}
