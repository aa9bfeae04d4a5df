package cn.dsflow.notify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.AuditChain;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@DsflowIntegrationTest
class NotificationIT {

  @Autowired Notifier notifier;
  @Autowired EmbeddedMailServer smtp;
  @Autowired EngineTestSupport engine;
  @Autowired OutboxWorker worker;
  @Autowired OutboxSettings settings;
  @Autowired ClockWatchdog watchdog;
  @Autowired AuditChain audit;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;

  @BeforeEach
  void emptyMailbox() {
    smtp.start();
    engine.runDueJobs();
    smtp.purge();
  }

  @AfterEach
  void smtpBackUp() {
    smtp.start();
  }

  @Test
  void aNotificationArrivesOverSmtpWithAChineseSubject() throws Exception {
    transaction.executeWithoutResult(s -> notifier.toUsers(List.of("lisi"), "审批待办：数据对外提供申请", "请审批。", "/x"));
    assertThat(smtp.receivedMessages()).isEmpty(); // nothing is sent inside the user's transaction
    engine.runDueJobs();
    List<MimeMessage> mails = smtp.receivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).getSubject()).isEqualTo("【数据安全合规】审批待办：数据对外提供申请");
    assertThat(mails.get(0).getAllRecipients()[0].toString()).isEqualTo("lisi@dsflow.local");
    assertThat(mails.get(0).getHeader(MailDelivery.RECIPIENTS_HEADER)).containsExactly("lisi");
    assertThat((String) mails.get(0).getContent()).contains("请审批。").contains("/x");
  }

  @Test
  void aGroupNotificationReachesEveryMember() {
    transaction.executeWithoutResult(s -> notifier.toGroup("deptHead", "新的审批任务", "有一项待审批。", null));
    engine.runDueJobs();
    assertThat(smtp.receivedMessages()).hasSize(2); // wangwu and qianer
  }

  @Test
  void aNotificationOfARolledBackActionIsNeverSent() {
    transaction.executeWithoutResult(s -> {
      notifier.toUsers(List.of("lisi"), "回滚的操作", "正文", null);
      s.setRollbackOnly();
    });
    engine.runDueJobs();
    assertThat(smtp.receivedMessages()).isEmpty();
    assertThat(rows("回滚的操作")).isZero();
  }

  @Test
  void withSmtpDownTheActionCommitsAndTheMailArrivesOnceAfterTheBackoff() throws Exception {
    engine.setClock(EngineTestSupport.at("2026-11-23T10:00:00+08:00"));
    smtp.stop();
    transaction.executeWithoutResult(s -> notifier.toUsers(List.of("lisi"), "SMTP 中断测试", "正文", null));
    assertThat(worker.drainNow()).isZero();
    Map<String, Object> row = row("SMTP 中断测试");
    assertThat(row).containsEntry("status", "PENDING").containsEntry("attempts", 1);
    assertThat((String) row.get("last_error")).isNotBlank();

    smtp.start();
    // the first wait is dsflow.outbox.backoff (1 minute): one second short of it, nothing is tried
    engine.setClock(EngineTestSupport.at("2026-11-23T10:00:59+08:00"));
    assertThat(worker.drainNow()).isZero();
    assertThat(smtp.receivedMessages()).isEmpty();
    engine.setClock(EngineTestSupport.at("2026-11-23T10:01:00+08:00"));
    assertThat(worker.drainNow()).isEqualTo(1);
    assertThat(smtp.receivedMessages()).hasSize(1);
    assertThat(row("SMTP 中断测试")).containsEntry("status", "SENT").containsEntry("attempts", 2);
    engine.runDueJobs();
    assertThat(smtp.receivedMessages()).hasSize(1); // never twice
  }

  @Test
  void theWaitBetweenTriesDoublesUpToTheLimit() {
    assertThat(settings.waitAfterFailure(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.waitAfterFailure(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.waitAfterFailure(5)).isEqualTo(Duration.ofMinutes(16));
    assertThat(settings.waitAfterFailure(7)).isEqualTo(Duration.ofMinutes(60)); // 64 minutes capped at max-backoff
  }

  @Test
  void aMailUndeliverableAfterTheLastTryRaisesAnOfficerAlarmAndAnAuditEvent() {
    engine.setClock(EngineTestSupport.at("2026-11-24T09:00:00+08:00"));
    smtp.stop();
    transaction.executeWithoutResult(s -> notifier.toUsers(List.of("lisi"), "永远发不出的邮件", "正文", null));
    long id = (Long) row("永远发不出的邮件").get("id");
    // tries 1..5 fail and are retried: no alarm yet
    for (int tried = 1; tried < settings.maxAttempts(); tried++) {
      worker.drainNow();
      assertThat(row("永远发不出的邮件")).containsEntry("status", "PENDING").containsEntry("attempts", tried);
      assertThat(openAlarms(id)).isZero();
      engine.setClock(new Date(ClockUtil.getCurrentTime().getTime() + settings.waitAfterFailure(tried).toMillis()));
    }
    // the sixth (dsflow.outbox.max-attempts) fails too: given up, alarm, audit event
    worker.drainNow();
    assertThat(row("永远发不出的邮件")).containsEntry("status", "FAILED").containsEntry("attempts", settings.maxAttempts());
    assertThat(openAlarms(id)).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT owner_groups FROM dsf_clock_alarm WHERE job_id = ?", String.class,
        OutboxWorker.alarmKey(id))).isEqualTo("dso,dsDirect");
    assertThat(http.withBasicAuth("zhaoliu", "demo").getForObject("/api/clock-alarms", String.class))
        .contains(OutboxWorker.alarmKey(id)).contains("UNDELIVERED");
    assertThat(audit.events("notification", String.valueOf(id))).extracting(e -> e.type())
        .containsExactly("NOTIFICATION_UNDELIVERED");
    // the clock watchdog, which closes alarms of jobs that are gone, leaves this one open
    watchdog.scan();
    assertThat(openAlarms(id)).isEqualTo(1);
    // given up means given up: SMTP back, nothing is sent behind the officers' backs
    smtp.start();
    engine.setClock(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(1).toMillis()));
    worker.drainNow();
    assertThat(smtp.receivedMessages()).isEmpty();

    // an employee cannot resend; the dso can, once: the alarm closes on the record and the mail goes out once
    String path = "/api/notifications/" + id + "/resend";
    assertThat(http.withBasicAuth("zhangsan", "demo").postForEntity(path, null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("zhaoliu", "demo").postForEntity(path, null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    ResponseEntity<String> again = http.withBasicAuth("zhaoliu", "demo").postForEntity(path, null, String.class);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody()).contains("\"error\":\"not_given_up\"");
    assertThat(http.withBasicAuth("zhaoliu", "demo").postForEntity("/api/notifications/999999999/resend", null, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(openAlarms(id)).isZero();
    assertThat(audit.events("notification", String.valueOf(id))).extracting(e -> e.type() + " " + e.actor())
        .containsExactly("NOTIFICATION_UNDELIVERED null", "NOTIFICATION_RESENT zhaoliu");
    engine.runDueJobs();
    engine.runDueJobs();
    assertThat(smtp.receivedMessages()).extracting(MimeMessage::getSubject).containsExactly("【数据安全合规】永远发不出的邮件");
  }

  @Test
  void twoNodesDrainingAtOnceSendEachMailOnce() throws Exception {
    transaction.executeWithoutResult(s -> {
      for (int i = 0; i < 40; i++) {
        notifier.toUsers(List.of("lisi"), "并发投递 " + i, "正文", null);
      }
    });
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> a = nodes.submit(worker::drainNow);
      Future<Integer> b = nodes.submit(worker::drainNow);
      assertThat(a.get() + b.get()).isEqualTo(40);
    } finally {
      nodes.shutdown();
    }
    Set<String> subjects = new HashSet<>();
    for (MimeMessage m : smtp.receivedMessages()) {
      assertThat(subjects.add(m.getSubject())).as(m.getSubject()).isTrue();
    }
    assertThat(subjects).hasSize(40);
  }

  private Map<String, Object> row(String subject) {
    return jdbc.queryForMap("SELECT * FROM dsf_outbox WHERE subject = ?", Notifier.SUBJECT_PREFIX + subject);
  }

  private int rows(String subject) {
    return jdbc.queryForObject("SELECT count(*) FROM dsf_outbox WHERE subject = ?", Integer.class, Notifier.SUBJECT_PREFIX + subject);
  }

  private int openAlarms(long outboxId) {
    return jdbc.queryForObject("SELECT count(*) FROM dsf_clock_alarm WHERE job_id = ? AND cause = 'UNDELIVERED' AND resolved_at IS NULL",
        Integer.class, OutboxWorker.alarmKey(outboxId));
  }
}
