package cn.dsflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit chain stays gap-free and verifiable when appends and sealing are apart (issue 16, 000 §3.8): across nodes
 * appending at once, a node dying between append and seal, a sealer dying mid-batch, and rolled-back appends.
 */
@DsflowIntegrationTest
class AuditSealerIT {

  @Autowired AuditChain chain;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactionManager;

  @Test
  void verifyReportsTheUnsealedTailAndCoversItOnceSealed() {
    chain.sealNow();
    long before = chain.verify().checked();
    chain.append("TEST_EVENT", "zhangsan", "test", "tail-1", Map.of("n", 1));
    chain.append("TEST_EVENT", "zhangsan", "test", "tail-1", Map.of("n", 2));
    ChainVerification open = chain.verify();
    assertThat(open.valid()).isTrue();
    assertThat(open.unsealed()).isEqualTo(2);
    assertThat(open.oldestUnsealedAt()).isNotNull();
    assertThat(open.checked()).isEqualTo(before);

    assertThat(chain.sealNow()).isEqualTo(2);
    ChainVerification sealed = chain.verify();
    assertThat(sealed.valid()).isTrue();
    assertThat(sealed.unsealed()).isZero();
    assertThat(sealed.oldestUnsealedAt()).isNull();
    assertThat(sealed.checked()).isEqualTo(before + 2);
  }

  @Test
  void rowsCommittedByANodeThatDiedBeforeSealingAreSealedByAnotherNodeWithoutAGap() throws Exception {
    chain.sealNow();
    long head = head();
    // node A: commits three events on its own connection, then its backend is killed before any sealer ran
    Connection nodeA = dataSource.getConnection();
    List<Long> appended = new ArrayList<>();
    try (PreparedStatement ps = nodeA.prepareStatement("INSERT INTO dsf_audit_event (occurred_at, event_type, actor, "
        + "subject_type, subject_id, detail) VALUES (?, 'TEST_EVENT', 'zhangsan', 'test', 'crash-1', ?) RETURNING seq")) {
      for (int i = 0; i < 3; i++) {
        ps.setTimestamp(1, Timestamp.from(Instant.parse("2026-11-29T08:00:00Z")));
        ps.setString(2, "{\"n\":" + i + "}");
        try (var rs = ps.executeQuery()) {
          rs.next();
          appended.add(rs.getLong(1));
        }
      }
    }
    kill(nodeA);
    assertThat(chain.verify().unsealed()).isEqualTo(3);

    // node B: a fresh sealer instance, sharing nothing with node A but the database
    new AuditSealer(jdbc, transactionManager).sealAll();
    ChainVerification v = chain.verify();
    assertThat(v.valid()).isTrue();
    assertThat(v.unsealed()).isZero();
    assertThat(jdbc.queryForList("SELECT position FROM dsf_audit_event WHERE seq IN (?, ?, ?) ORDER BY seq", Long.class,
        appended.get(0), appended.get(1), appended.get(2))).containsExactly(head + 1, head + 2, head + 3);
  }

  @Test
  void aSealerKilledMidBatchLeavesNothingHalfSealedAndTheNextSealerContinuesTheChain() throws Exception {
    chain.sealNow();
    long head = head();
    AuditEvent first = chain.append("TEST_EVENT", "zhangsan", "test", "crash-2", Map.of("n", 1));
    chain.append("TEST_EVENT", "zhangsan", "test", "crash-2", Map.of("n", 2));
    // node A's sealer: holds the chain lock and has sealed one row of its batch when its backend is killed
    Connection nodeA = dataSource.getConnection();
    nodeA.setAutoCommit(false);
    try (Statement s = nodeA.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + AuditSealer.CHAIN_LOCK + ")");
      s.executeUpdate("UPDATE dsf_audit_event SET position = " + (head + 1) + ", prev_hash = '" + "0".repeat(64)
          + "', hash = '" + "a".repeat(64) + "' WHERE seq = " + first.seq());
    }
    ExecutorService nodeB = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> waiting = nodeB.submit(() -> new AuditSealer(jdbc, transactionManager).sealAll());
      long until = System.nanoTime() + 30_000_000_000L;
      while (jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
          Integer.class) == 0 && System.nanoTime() < until) {
        Thread.onSpinWait(); // observing node B reach the lock, not waiting on a clock
      }
      assertThat(waiting.isDone()).as("node B waits for the lock node A holds").isFalse();
      kill(nodeA);
      assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(2);
    } finally {
      nodeB.shutdownNow();
    }
    ChainVerification v = chain.verify();
    assertThat(v.valid()).isTrue();
    assertThat(v.unsealed()).isZero();
    assertThat(jdbc.queryForObject("SELECT position FROM dsf_audit_event WHERE seq = ?", Long.class, first.seq()))
        .isEqualTo(head + 1);
  }

  @Test
  void twoNodesAppendingAndSealingAtOnceLeaveOneGapFreeChainWithEveryCommittedEventOnceAndNoRolledBackOne()
      throws Exception {
    chain.sealNow();
    long head = head();
    AuditSealer nodeB = new AuditSealer(jdbc, transactionManager);
    TransactionTemplate tx = new TransactionTemplate(transactionManager);
    AtomicBoolean appending = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<?>> appenders = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      appenders.add(pool.submit(() -> {
        for (int i = 0; i < 40; i++) {
          boolean rollBack = i % 5 == 4;
          int n = i;
          tx.executeWithoutResult(status -> {
            chain.append("TEST_EVENT", "t" + thread, "test", "race-1", Map.of("n", n, "kept", !rollBack));
            if (rollBack) {
              status.setRollbackOnly();
            }
          });
        }
        return null;
      }));
    }
    List<Future<?>> sealers = new ArrayList<>();
    for (AuditSealer sealer : List.of(nodeB, new AuditSealer(jdbc, transactionManager))) {
      sealers.add(pool.submit(() -> {
        while (appending.get()) {
          sealer.sealIfFree();
        }
        return null;
      }));
    }
    for (Future<?> f : appenders) {
      f.get(120, TimeUnit.SECONDS);
    }
    appending.set(false);
    for (Future<?> f : sealers) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    chain.sealNow();

    ChainVerification v = chain.verify();
    assertThat(v.valid()).isTrue();
    assertThat(v.unsealed()).isZero();
    List<AuditEvent> race = chain.events("test", "race-1");
    assertThat(race).hasSize(4 * 32).allMatch(AuditEvent::sealed).allMatch(e -> e.detail().contains("\"kept\":true"));
    assertThat(race).extracting(AuditEvent::position).doesNotHaveDuplicates()
        .allMatch(p -> p > head && p <= head + 4 * 32);
    assertThat(head()).isEqualTo(head + 4 * 32);
  }

  private long head() {
    Long head = jdbc.queryForObject("SELECT max(position) FROM dsf_audit_event", Long.class);
    return head == null ? 0 : head;
  }

  /** Ends a connection's server process as a crash would: no commit, no orderly close. */
  private void kill(Connection victim) throws Exception {
    int pid;
    try (Statement s = victim.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      pid = rs.getInt(1);
    }
    jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, pid);
    // the pool must not hand the dead connection to the next caller
    ((com.zaxxer.hikari.HikariDataSource) dataSource).evictConnection(victim);
  }
}
