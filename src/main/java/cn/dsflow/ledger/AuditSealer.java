package cn.dsflow.ledger;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links committed audit rows into the SM3 chain (000 §3.8), in append order, giving each the next gap-free position.
 *
 * <p>Cluster-safe without a leader: every node runs the schedule, and a sealing transaction first takes one
 * transaction-scoped advisory lock, so at most one sealer works at a time and the head it reads is the last one
 * committed. A crash mid-seal rolls the whole batch back and leaves the rows unsealed for the next sealer; a crash
 * after an append committed leaves a committed unsealed row, which any node seals on its next tick. An append still
 * in flight is invisible until it commits and is then sealed after whatever was sealed meanwhile, so positions never
 * skip and never repeat (the unique index on position would refuse a repeat anyway).
 */
@Component
public class AuditSealer {

  private static final Logger LOG = LoggerFactory.getLogger(AuditSealer.class);
  /** Arbitrary constant naming the advisory lock that admits one sealer at a time (the append no longer takes it). */
  static final long CHAIN_LOCK = 0x6473666C6F77L; // "dsflow"
  static final int BATCH = 500;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate own;

  public AuditSealer(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.own = new TransactionTemplate(transactionManager);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Seals everything committed so far, waiting for another node's sealer rather than skipping. */
  public int sealAll() {
    int total = 0;
    int n;
    do {
      n = sealBatch(true);
      total += n;
    } while (n == BATCH);
    return total;
  }

  /** One tick: if another node is sealing, leave it the work. */
  int sealIfFree() {
    int total = 0;
    int n;
    do {
      n = sealBatch(false);
      total += n;
    } while (n == BATCH);
    return total;
  }

  private int sealBatch(boolean wait) {
    Integer sealed = own.execute(status -> {
      if (wait) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, CHAIN_LOCK);
      } else if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, CHAIN_LOCK))) {
        return 0;
      }
      List<AuditEvent> tail = jdbc.query("SELECT * FROM dsf_audit_event WHERE position IS NULL ORDER BY seq LIMIT ?",
          AuditChain.ROW, BATCH);
      if (tail.isEmpty()) {
        return 0;
      }
      List<Object[]> head = jdbc.query(
          "SELECT position, hash FROM dsf_audit_event WHERE position IS NOT NULL ORDER BY position DESC LIMIT 1",
          (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)});
      long position = head.isEmpty() ? 0 : (Long) head.get(0)[0];
      String prev = head.isEmpty() ? AuditChain.GENESIS : (String) head.get(0)[1];
      List<Object[]> seals = new ArrayList<>(tail.size());
      for (AuditEvent e : tail) {
        position++;
        String hash = Sm3.hex(AuditChain.content(prev, position, e.occurredAt(), e.type(), e.actor(), e.subjectType(),
            e.subjectId(), e.detail()));
        seals.add(new Object[] {position, prev, hash, e.seq()});
        prev = hash;
      }
      int[][] counts = jdbc.batchUpdate(
          "UPDATE dsf_audit_event SET position = ?, prev_hash = ?, hash = ? WHERE seq = ? AND position IS NULL",
          seals, seals.size(), (ps, s) -> {
            ps.setLong(1, (Long) s[0]);
            ps.setString(2, (String) s[1]);
            ps.setString(3, (String) s[2]);
            ps.setLong(4, (Long) s[3]);
          });
      for (int[] batch : counts) {
        for (int c : batch) {
          if (c == 0) {
            // only possible if the lock was bypassed; roll back rather than leave a hole in the positions
            throw new IllegalStateException("an audit row was sealed by someone else during sealing");
          }
        }
      }
      return tail.size();
    });
    return sealed == null ? 0 : sealed;
  }

  /** The schedule, on every node; tests set a long interval and call {@link AuditChain#sealNow()}. */
  @Configuration(proxyBeanMethods = false)
  @EnableScheduling
  @ConditionalOnProperty(name = "dsflow.audit.sealer.enabled", havingValue = "true", matchIfMissing = true)
  static class Schedule {

    private final AuditSealer sealer;

    Schedule(AuditSealer sealer) {
      this.sealer = sealer;
    }

    @Scheduled(fixedDelayString = "${dsflow.audit.seal-interval:PT0.5S}")
    void seal() {
      try {
        sealer.sealIfFree();
      } catch (RuntimeException e) {
        // the rows stay committed and unsealed; verify reports the tail until a later tick seals it
        LOG.error("audit sealer failed; unsealed rows remain for the next attempt", e);
      }
    }
  }
}
