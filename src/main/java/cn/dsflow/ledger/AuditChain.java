package cn.dsflow.ledger;

import cn.dsflow.system.EngineRefusal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only, SM3-chained record of compliance events (000 §3.8: logs that cannot be altered unnoticed).
 * Appends are serialised across all nodes by a PostgreSQL advisory lock held until the appending transaction ends.
 * There is no update or delete method, by design.
 */
@Service
public class AuditChain {

  private static final Logger LOG = LoggerFactory.getLogger(AuditChain.class);
  static final String GENESIS = "0".repeat(64);
  /** Arbitrary constant naming the advisory lock that orders the chain. */
  private static final long CHAIN_LOCK = 0x6473666C6F77L; // "dsflow"

  private final JdbcTemplate jdbc;
  private final TransactionTemplate independent;

  public AuditChain(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.independent = new TransactionTemplate(transactionManager);
    this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Appends in the caller's transaction: the event exists exactly when the action it records commits. */
  public AuditEvent append(String type, String actor, String subjectType, String subjectId, Map<String, ?> detail) {
    return append(jdbc, now(), type, actor, subjectType, subjectId, detail);
  }

  private static AuditEvent append(JdbcOperations jdbc, Instant at, String type, String actor, String subjectType,
      String subjectId, Map<String, ?> detail) {
    jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, CHAIN_LOCK);
    List<Object[]> head =
        jdbc.query("SELECT seq, hash FROM dsf_audit_event ORDER BY seq DESC LIMIT 1",
            (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)});
    long seq = head.isEmpty() ? 1 : (Long) head.get(0)[0] + 1;
    String prevHash = head.isEmpty() ? GENESIS : (String) head.get(0)[1];
    String canonicalDetail = CanonicalJson.of(detail);
    String subject = subjectId == null ? "" : subjectId;
    String hash = Sm3.hex(content(prevHash, seq, at, type, actor, subjectType, subject, canonicalDetail));
    jdbc.update(
        "INSERT INTO dsf_audit_event (seq, occurred_at, event_type, actor, subject_type, subject_id, detail, prev_hash, hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        seq, Timestamp.from(at), type, actor, subjectType, subject, canonicalDetail, prevHash, hash);
    return new AuditEvent(seq, at, type, actor, subjectType, subject, canonicalDetail, prevHash, hash);
  }

  /**
   * Records an event that must outlive the caller's transaction, for refusals: the refused action rolls back, the
   * record of the refusal must not.
   *
   * <p>Inside a transaction the record is written when that transaction has ended (rolled back or committed), on the
   * connection it already holds, in a short transaction of its own. It never asks the pool for a second connection
   * while the first still holds row locks: 50 callers refused at once on one permit used to hold all ten connections,
   * each waiting for an eleventh to record its refusal (issue 13). Once the refused transaction has ended its locks
   * are gone, so writing the record waits only for the chain lock, whose holders never wait for us. The refusal is on
   * record before the caller's exception reaches the client.
   *
   * @return the event, or {@code null} when it is written as the surrounding transaction ends
   */
  public AuditEvent appendIndependently(
      String type, String actor, String subjectType, String subjectId, Map<String, ?> detail) {
    Instant at = now();
    if (TransactionSynchronizationManager.isActualTransactionActive()
        && TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          appendOnHeldConnection(at, type, actor, subjectType, subjectId, detail);
        }
      });
      return null;
    }
    return independent.execute(status -> append(jdbc, at, type, actor, subjectType, subjectId, detail));
  }

  /**
   * After completion the transaction's connection is still bound to the thread but no longer in a transaction, so a
   * statement here starts a fresh one; it is committed at once, before Spring hands the connection back to the pool.
   */
  private void appendOnHeldConnection(Instant at, String type, String actor, String subjectType, String subjectId,
      Map<String, ?> detail) {
    DataSource dataSource = jdbc.getDataSource();
    Connection con = DataSourceUtils.getConnection(dataSource);
    try {
      if (con.isReadOnly()) {
        con.setReadOnly(false); // Spring resets the flag when it releases the connection
      }
      boolean autoCommit = con.getAutoCommit();
      con.setAutoCommit(false);
      try {
        append(new JdbcTemplate(new SingleConnectionDataSource(con, true)), at, type, actor, subjectType, subjectId,
            detail);
        con.commit();
      } catch (RuntimeException | SQLException e) {
        con.rollback();
        throw e;
      } finally {
        con.setAutoCommit(autoCommit);
      }
    } catch (RuntimeException | SQLException e) {
      // the refusal itself stands; losing its record must at least be loud
      LOG.error("audit event {} for {} {} by {} could not be recorded: {}", type, subjectType, subjectId, actor,
          detail, e);
    } finally {
      DataSourceUtils.releaseConnection(con, dataSource);
    }
  }

  /**
   * Records a refusal that matters to compliance, independently of the refused action, and hands it back to be thrown:
   * {@code throw audit.refused(...)}.
   */
  public EngineRefusal refused(String type, String actor, String subjectType, String subjectId, EngineRefusal refusal) {
    appendIndependently(type, actor, subjectType, subjectId, Map.of("code", refusal.code(), "reason", refusal.reason()));
    return refusal;
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.MICROS);
  }

  public List<AuditEvent> events(String subjectType, String subjectId) {
    return jdbc.query(
        "SELECT * FROM dsf_audit_event WHERE subject_type = ? AND subject_id = ? ORDER BY seq", ROW, subjectType, subjectId);
  }

  public List<AuditEvent> eventsOfType(String type) {
    return jdbc.query("SELECT * FROM dsf_audit_event WHERE event_type = ? ORDER BY seq", ROW, type);
  }

  /** Re-reads the whole chain and recomputes every hash; names the first row that does not fit. */
  public ChainVerification verify() {
    ChainVerification.Builder result = new ChainVerification.Builder(GENESIS);
    jdbc.query(
        con -> {
          var ps = con.prepareStatement("SELECT * FROM dsf_audit_event ORDER BY seq");
          ps.setFetchSize(1000);
          return ps;
        },
        rs -> {
          result.accept(ROW.mapRow(rs, 0));
        });
    return result.build();
  }

  static String content(
      String prevHash, long seq, Instant at, String type, String actor, String subjectType, String subjectId, String detail) {
    return String.join("\u001f", prevHash, Long.toString(seq), at.toString(), type, actor == null ? "" : actor,
        subjectType, subjectId, detail);
  }

  static final RowMapper<AuditEvent> ROW =
      (rs, i) ->
          new AuditEvent(
              rs.getLong("seq"),
              rs.getTimestamp("occurred_at").toInstant(),
              rs.getString("event_type"),
              rs.getString("actor"),
              rs.getString("subject_type"),
              rs.getString("subject_id"),
              rs.getString("detail"),
              rs.getString("prev_hash"),
              rs.getString("hash"));
}
