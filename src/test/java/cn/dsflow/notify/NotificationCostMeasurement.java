package cn.dsflow.notify;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cost of a notification, for docs/notifications.md: rows written (pg_stat_database deltas) and time to queue and to
 * deliver 1,000 mails. A measurement, not a test: its name matches neither *Test nor *IT, so the suite skips it; run
 * {@code mvn -B -ntp test -Dtest=NotificationCostMeasurement} and read the MEASURE lines.
 */
@DsflowIntegrationTest
class NotificationCostMeasurement {

  @Autowired Notifier notifier;
  @Autowired EmbeddedMailServer smtp;
  @Autowired EngineTestSupport engine;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcTemplate jdbc;

  @Test
  void measure() {
    smtp.start();
    engine.runDueJobs();
    run(50); // warm-up
    for (int round = 0; round < 2; round++) {
      run(1000);
    }
  }

  private void run(int n) {
    smtp.purge();
    Map<String, Object> before = stats();
    long t0 = System.nanoTime();
    transaction.executeWithoutResult(s -> {
      for (int i = 0; i < n; i++) {
        notifier.toUsers(List.of("lisi"), "测量 " + i, "正文", "/x");
      }
    });
    long t1 = System.nanoTime();
    Map<String, Object> mid = stats();
    engine.runDueJobs();
    long t2 = System.nanoTime();
    Map<String, Object> after = stats();
    System.out.printf("MEASURE n=%d enqueue=%.1f ms (%.3f ms/mail) deliver=%.1f ms (%.3f ms/mail) mails=%d%n", n,
        (t1 - t0) / 1e6, (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6, (t2 - t1) / 1e6 / n, smtp.receivedMessages().size());
    System.out.printf("MEASURE enqueue rows/mail ins=%.2f upd=%.2f del=%.2f; deliver rows/mail ins=%.2f upd=%.2f del=%.2f commits/mail=%.2f%n",
        d(before, mid, "ins") / n, d(before, mid, "upd") / n, d(before, mid, "del") / n,
        d(mid, after, "ins") / n, d(mid, after, "upd") / n, d(mid, after, "del") / n, d(mid, after, "xact") / n);
  }

  private Map<String, Object> stats() {
    jdbc.execute("SELECT pg_stat_force_next_flush()");
    jdbc.execute("SELECT pg_stat_clear_snapshot()");
    return jdbc.queryForMap("SELECT tup_inserted ins, tup_updated upd, tup_deleted del, xact_commit xact "
        + "FROM pg_stat_database WHERE datname = current_database()");
  }

  private static double d(Map<String, Object> a, Map<String, Object> b, String k) {
    return ((Number) b.get(k)).doubleValue() - ((Number) a.get(k)).doubleValue();
  }
}
