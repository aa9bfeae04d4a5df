package cn.dsflow.notify;

import cn.dsflow.system.SqlTime;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Queues a notification in the caller's transaction: it exists exactly when the action that caused it commits, and a
 * mail server or chat platform that is down never rolls that action back. {@link OutboxWorker} delivers it.
 */
@Component
public class Outbox {

  public enum Channel { MAIL, CHAT }

  private final JdbcTemplate jdbc;

  public Outbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A mail to these addresses; {@code recipientUsers} are the user ids the mail viewer files it under. */
  public void mail(String addresses, String recipientUsers, String subject, String body) {
    insert(Channel.MAIL, addresses, recipientUsers, null, subject, body, null);
  }

  /** A chat-robot message; the robot is named, its URL and secret stay in the configuration. */
  public void chat(String robot, ChatEvent event, String title, String markdown, String link) {
    insert(Channel.CHAT, robot, null, event.name(), title, markdown, link);
  }

  private void insert(Channel channel, String destination, String recipientUsers, String event, String subject,
      String body, String link) {
    var now = SqlTime.ts(ClockUtil.getCurrentTime().toInstant());
    jdbc.update("""
        INSERT INTO dsf_outbox (channel, destination, recipient_users, event, subject, body, link, next_attempt_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        channel.name(), destination, recipientUsers, event, subject, body, link, now, now);
  }
}
