package cn.dsflow.notify;

import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.SqlTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the queued notifications. Cluster-safe: each round locks its rows with {@code FOR UPDATE SKIP LOCKED}, so
 * several nodes draining at once never send the same row twice, and a row stays locked while it is being sent. Delivery
 * is at least once: a node that dies after the SMTP server accepted a mail but before its commit leaves the row pending,
 * and another node sends it again (as the async job it replaces did).
 *
 * <p>A failed send waits {@link OutboxSettings#waitAfterFailure} and is tried again; after
 * {@link OutboxSettings#maxAttempts} tries the row is given up: an officer alarm in {@code dsf_clock_alarm}
 * ({@code GET /api/clock-alarms}), an audit event, an error in the log. A reminder nobody received is a legal deadline
 * that may pass unnoticed (000 §3.4: duties are tracked to their deadline), so it must not fail silently.
 */
@Component
public class OutboxWorker {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);
  /** Who is told that a notification could not be delivered: the officers who own the deadlines it was about. */
  static final List<String> ALARM_OWNERS = List.of(Group.DSO.id(), Group.DS_DIRECT.id());

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final OutboxSettings settings;
  private final MailDelivery mail;
  private final ChatDelivery chat;
  private final AuditChain audit;

  public OutboxWorker(JdbcTemplate jdbc, PlatformTransactionManager transactions, OutboxSettings settings,
      MailDelivery mail, ChatDelivery chat, AuditChain audit) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.settings = settings;
    this.mail = mail;
    this.chat = chat;
    this.audit = audit;
  }

  /** Sends everything due now, round after round; returns how many were delivered. Tests call it instead of waiting. */
  public int drainNow() {
    int delivered = 0;
    while (true) {
      int[] round = transaction.execute(status -> round());
      delivered += round[0];
      if (round[1] < settings.batchSize()) {
        return delivered;
      }
    }
  }

  /** One batch in one transaction: {delivered, rows locked}. */
  private int[] round() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    // a fresh row is due whatever the clock says: a test or an operator may have moved the engine clock back
    List<OutboxMessage> due = jdbc.query("""
        SELECT id, channel, destination, recipient_users, event, subject, body, link, attempts FROM dsf_outbox
        WHERE status = 'PENDING' AND (attempts = 0 OR next_attempt_at <= ?)
        ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED""",
        (rs, n) -> new OutboxMessage(rs.getLong("id"), Outbox.Channel.valueOf(rs.getString("channel")),
            rs.getString("destination"), rs.getString("recipient_users"), rs.getString("event"), rs.getString("subject"),
            rs.getString("body"), rs.getString("link"), rs.getInt("attempts")),
        SqlTime.ts(now), settings.batchSize());
    int delivered = 0;
    for (OutboxMessage message : due) {
      try {
        if (message.channel() == Outbox.Channel.MAIL) {
          mail.deliver(message);
        } else {
          chat.deliver(message);
        }
        jdbc.update("UPDATE dsf_outbox SET status = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id = ?",
            SqlTime.ts(now), message.id());
        delivered++;
      } catch (Exception e) {
        failed(message, describe(e), now);
      }
    }
    return new int[] {delivered, due.size()};
  }

  private void failed(OutboxMessage message, String error, Instant now) {
    int attempts = message.attempts() + 1;
    if (attempts < settings.maxAttempts()) {
      Instant next = now.plus(settings.waitAfterFailure(attempts));
      jdbc.update("UPDATE dsf_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
          attempts, SqlTime.ts(next), error, message.id());
      LOG.warn("Notification {} ({} to {}) failed, try {} of {}, next at {}: {}", message.id(), message.channel(),
          message.destination(), attempts, settings.maxAttempts(), next, error);
      return;
    }
    jdbc.update("UPDATE dsf_outbox SET status = 'FAILED', attempts = ?, last_error = ? WHERE id = ?",
        attempts, error, message.id());
    List<Long> alarm = jdbc.queryForList("""
        INSERT INTO dsf_clock_alarm (job_id, activity_id, cause, retries, exception_message, owner_groups, raised_at)
        VALUES (?, ?, 'UNDELIVERED', 0, ?, ?, ?)
        ON CONFLICT (job_id) WHERE resolved_at IS NULL DO NOTHING RETURNING id""", Long.class,
        alarmKey(message.id()), message.channel() + (message.event() == null ? "" : " " + message.event()), error,
        String.join(",", ALARM_OWNERS), SqlTime.ts(now));
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("outboxId", message.id());
    detail.put("channel", message.channel().name());
    detail.put("destination", message.destination());
    detail.put("event", message.event());
    detail.put("subject", message.subject());
    detail.put("attempts", attempts);
    detail.put("lastError", error);
    detail.put("alarmId", alarm.isEmpty() ? null : alarm.get(0));
    audit.append("NOTIFICATION_UNDELIVERED", null, "notification", String.valueOf(message.id()), detail);
    LOG.error("Notification {} ({} to {}) given up after {} tries, officer alarm raised: {}", message.id(),
        message.channel(), message.destination(), attempts, error);
  }

  /** The alarm's key in {@code dsf_clock_alarm.job_id}: one open alarm per notification. */
  static String alarmKey(long outboxId) {
    return "outbox-" + outboxId;
  }

  /** The error as stored and logged; chat errors are built without URL or secret (see {@link ChatDelivery}). */
  private static String describe(Exception e) {
    String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return text.length() > 2000 ? text.substring(0, 2000) : text;
  }
}
