package cn.dsflow.identity;

import static cn.dsflow.system.SqlTime.ts;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.BeijingTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows a password guesser without handing anyone a lock on someone else's account (issue 13). Wrong passwords are
 * counted per source address and account; when one address reaches the limit for one account, that address may not
 * try that account until the lock runs out. The owner, at their own address, logs in as usual, and no lock lasts longer
 * than the configured time: Camunda's own lock (permanent after {@code loginMaxAttempts}, until an administrator acts)
 * let anyone on the network stop an approver or an executing system with ten wrong passwords. The counts live in the
 * database, so every node of a cluster sees them (DESIGN.md runtime: no in-memory state that matters).
 */
@Service
public class LoginThrottle {

  /** A current lock as an administrator sees it (times in Beijing time). */
  public record Lock(String userId, String source, OffsetDateTime lockedSince, OffsetDateTime lockedUntil) {}

  private final JdbcTemplate jdbc;
  private final AuditChain audit;
  private final LoginSettings settings;

  public LoginThrottle(JdbcTemplate jdbc, AuditChain audit, LoginSettings settings) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.settings = settings;
  }

  /** Until when this address may not try this account; empty when it may. */
  /**
   * A name no account can have (a control character such as NUL, which PostgreSQL cannot even compare): the login is
   * refused before any lookup, as a wrong password is, instead of failing as a 500.
   */
  public static boolean impossibleUserId(String userId) {
    return userId == null || userId.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }

  public Optional<Instant> lockedUntil(String source, String userId) {
    return jdbc.query("SELECT locked_until FROM dsf_login_throttle WHERE source = ? AND user_id = ? AND locked_until > ?",
        (rs, i) -> rs.getTimestamp(1).toInstant(), source, userId, ts(now())).stream().findFirst();
  }

  /** A wrong password from this address for this account; the one that reaches the limit starts a lock. */
  @Transactional
  public void failed(String source, String userId) {
    Instant now = now();
    Instant windowStart = now.minus(settings.lockDuration());
    Integer failures = jdbc.queryForObject(
        "INSERT INTO dsf_login_throttle AS t (source, user_id, failures, first_failure) VALUES (?, ?, 1, ?)"
            + " ON CONFLICT (source, user_id) DO UPDATE SET"
            + " failures = CASE WHEN t.first_failure <= ? THEN 1 ELSE t.failures + 1 END,"
            + " first_failure = CASE WHEN t.first_failure <= ? THEN EXCLUDED.first_failure ELSE t.first_failure END,"
            + " locked_until = NULL"
            + " RETURNING failures",
        Integer.class, source, userId, ts(now), ts(windowStart), ts(windowStart));
    if (failures != null && failures >= settings.maxFailures()) {
      Instant until = now.plus(settings.lockDuration());
      jdbc.update("UPDATE dsf_login_throttle SET failures = 0, first_failure = ?, locked_until = ?"
          + " WHERE source = ? AND user_id = ?", ts(now), ts(until), source, userId);
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("source", source);
      detail.put("failures", failures);
      detail.put("lockedUntil", BeijingTime.offset(until).toString());
      // only the lock is recorded, not each guess: a guesser must not be able to flood the chain
      audit.append("LOGIN_THROTTLED", null, "user", userId, detail);
    }
  }

  /** The right password: this address starts again from nothing for this account. */
  public void succeeded(String source, String userId) {
    jdbc.update("DELETE FROM dsf_login_throttle WHERE source = ? AND user_id = ?", source, userId);
  }

  public List<Lock> current() {
    return jdbc.query(
        "SELECT user_id, source, first_failure, locked_until FROM dsf_login_throttle WHERE locked_until > ?"
            + " ORDER BY locked_until, user_id, source",
        (rs, i) -> new Lock(rs.getString(1), rs.getString(2), BeijingTime.offset(rs.getTimestamp(3).toInstant()),
            BeijingTime.offset(rs.getTimestamp(4).toInstant())),
        ts(now()));
  }

  /** An administrator ends every current lock on the account early; recorded with who did it. */
  @Transactional
  public int lift(String userId, String liftedBy) {
    int lifted = jdbc.update("DELETE FROM dsf_login_throttle WHERE user_id = ? AND locked_until > ?", userId, ts(now()));
    if (lifted > 0) {
      audit.append("LOGIN_LOCK_LIFTED", liftedBy, "user", userId, Map.of("locks", lifted));
    }
    return lifted;
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
