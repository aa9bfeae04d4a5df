package cn.dsflow.notify;

import static cn.dsflow.EngineTestSupport.at;
import static cn.dsflow.EngineTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.incident.IncidentFixture;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.notify.ChatSettings.Platform;
import cn.dsflow.notify.ChatSettings.Robot;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The incident report clocks in the officers' chat: an important-data incident discovered at 09:40 owes its regulator
 * report by 10:40 (one hour); the chat hears at half time (10:10) and at 90 % (10:34), once each, from the discovery,
 * not from when the task opened (10:00). The robot is this test's own, on a local stub.
 */
@DsflowIntegrationTest
class ReportClocksIT {

  @Autowired IncidentFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired Outbox outbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired OutboxSettings outboxSettings;
  @Autowired MailDelivery mail;
  @Autowired AuditChain audit;
  @Autowired Notifier notifier;
  @Autowired ObjectMapper json;

  ChatRobotStub stub;
  ReportClocks clocks;
  OutboxWorker worker;

  @BeforeEach
  void robot() throws Exception {
    engine.runDueJobs();
    stub = new ChatRobotStub();
    ChatSettings settings = new ChatSettings(List.of(new Robot("irtWecom", Platform.WECOM, stub.url("/cgi-bin/webhook/send?key=k"),
        null, Set.of("irt"), Set.of(ChatEvent.REPORT_CLOCK_50, ChatEvent.REPORT_CLOCK_90))));
    ChatAlerts alerts = new ChatAlerts(settings, outbox, "https://dsflow.example.cn");
    clocks = new ReportClocks(jdbc, transactions, alerts, notifier);
    worker = new OutboxWorker(jdbc, transactions, outboxSettings, mail, new ChatDelivery(settings, json), audit);
    engine.setClock(at("2026-11-23T10:00:00+08:00"));
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void theRegulatorReportClockIsAnnouncedAtHalfTimeAndAtNinetyPercentOnceEachCountedFromDiscovery() throws Exception {
    ProcessInstance incident = fixture.report("lisi", with(IncidentFixture.facts("2026-11-23T09:40:00+08:00"), "dataLevel", "IMPORTANT"));
    fixture.confirmAsProposed(incident, false);
    Task report = fixture.only(incident, "reportToRegulator");
    assertThat(report.getDueDate()).isEqualTo(at("2026-11-23T10:40:00+08:00"));

    assertThat(postedAt("2026-11-23T10:09:59+08:00", report)).isEmpty();
    assertThat(postedAt("2026-11-23T10:10:00+08:00", report)).singleElement().asString()
        .contains("报告时限已过半").contains("向地方行业监管部门报告").contains("2026-11-23 10:40 (北京时间)")
        .contains("剩余约 30 分钟").contains("task=" + report.getId());
    assertThat(postedAt("2026-11-23T10:20:00+08:00", report)).isEmpty(); // once
    assertThat(postedAt("2026-11-23T10:33:59+08:00", report)).isEmpty();
    assertThat(postedAt("2026-11-23T10:34:00+08:00", report)).singleElement().asString()
        .contains("报告时限已过 90%").contains("剩余约 6 分钟");
    assertThat(postedAt("2026-11-23T10:35:00+08:00", report)).isEmpty(); // once
  }

  /** Scans and delivers at this instant; the messages that reached the stub about this task. */
  private List<String> postedAt(String instant, Task report) throws Exception {
    engine.setClock(at(instant));
    stub.calls.clear();
    clocks.scan();
    worker.drainNow();
    List<String> mine = new java.util.ArrayList<>();
    for (ChatRobotStub.Call call : stub.calls) {
      String content = json.readTree(call.body()).at("/markdown/content").asText();
      if (content.contains("task=" + report.getId())) {
        mine.add(content);
      }
    }
    return mine;
  }
}
