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
 * An append is a plain insert in the caller's transaction; {@link AuditSealer} links committed rows into the SM3 chain
 * within about a second (issue 16: the old global lock per append capped the whole application). There is no update or
 * delete method, by design; the database permits only sealing an unsealed row, once.
 */
@Service
public class AuditChain {

  private static final Logger LOG = LoggerFactory.getLogger(AuditChain.class);
  static final String GENESIS = "0".repeat(64);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate independent;
  private final AuditSealer sealer;

  public AuditChain(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, AuditSealer sealer) {
    this.jdbc = jdbc;
    this.sealer = sealer;
    this.independent = new TransactionTemplate(transactionManager);
    this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Appends in the caller's transaction: the event exists exactly when the action it records commits. */
  public AuditEvent append(String type, String actor, String subjectType, String subjectId, Map<String, ?> detail) {
    return append(jdbc, now(), type, actor, subjectType, subjectId, detail);
  }

  /**
   * A plain insert: no lock, no read of the chain's head. The row is numbered by a sequence and linked into the chain
   * by {@link AuditSealer} once its transaction has committed, so appends on every thread and node run side by side.
   */
  private static AuditEvent append(JdbcOperations jdbc, Instant at, String type, String actor, String subjectType,
      String subjectId, Map<String, ?> detail) {
    String canonicalDetail = CanonicalJson.of(detail);
    String subject = subjectId == null ? "" : subjectId;
    Long seq = jdbc.queryForObject(
        "INSERT INTO dsf_audit_event (occurred_at, event_type, actor, subject_type, subject_id, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?) RETURNING seq",
        Long.class, Timestamp.from(at), type, actor, subjectType, subject, canonicalDetail);
    return new AuditEvent(seq, at, type, actor, subjectType, subject, canonicalDetail, null, null, null);
  }

  /**
   * Records an event that must outlive the caller's transaction, for refusals: the refused action rolls back, the
   * record of the refusal must not.
   *
   * <p>Inside a transaction the record is written when that transaction has ended (rolled back or committed), on the
   * connection it already holds, in a short transaction of its own. It never asks the pool for a second connection
   * while the first still holds row locks: 50 callers refused at once on one permit used to hold all ten connections,
   * each waiting for an eleventh to record its refusal (issue 13). Once the refused transaction has ended its locks
   * are gone, and the append itself takes no lock. The refusal is on
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

  /**
   * Links every committed, unsealed row into the chain now, waiting for a sealer running elsewhere to finish first.
   * For tests and for a verification that must cover everything appended so far; production relies on the schedule.
   *
   * @return how many rows this call sealed
   */
  public int sealNow() {
    return sealer.sealAll();
  }

  /**
   * Re-reads the sealed chain and recomputes every hash; names the first row that does not fit, and reports the
   * unsealed tail (rows committed but not yet linked) so a sealer that has stopped is visible.
   */
  public ChainVerification verify() {
    ChainVerification.Builder result = new ChainVerification.Builder(GENESIS);
    jdbc.query(
        "SELECT count(*), min(occurred_at) FROM dsf_audit_event WHERE position IS NULL",
        rs -> {
          result.unsealed(rs.getLong(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant());
        });
    jdbc.query(
        con -> {
          var ps = con.prepareStatement("SELECT * FROM dsf_audit_event WHERE position IS NOT NULL ORDER BY position");
          ps.setFetchSize(1000);
          return ps;
        },
        rs -> {
          result.accept(ROW.mapRow(rs, 0));
        });
    return result.build();
  }

  /** What a row's hash covers: its chain position (not its append number), the previous hash and its content. */
  static String content(
      String prevHash, long position, Instant at, String type, String actor, String subjectType, String subjectId,
      String detail) {
    return String.join("\u001f", prevHash, Long.toString(position), at.toString(), type, actor == null ? "" : actor,
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
              rs.getString("hash"),
              (Long) rs.getObject("position"));
}
