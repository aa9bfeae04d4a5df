package cn.dsflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

@DsflowIntegrationTest
class AuditChainIT {

  @Autowired AuditChain chain;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;

  @Test
  void eachRowLinksToTheHashOfTheRowBefore() {
    AuditEvent a = sealed(chain.append("TEST_EVENT", "zhangsan", "test", "chain-1", Map.of("n", 1)));
    AuditEvent b = sealed(chain.append("TEST_EVENT", "lisi", "test", "chain-1", Map.of("n", 2, "名称", "中文")));
    assertThat(b.position()).isEqualTo(a.position() + 1);
    assertThat(b.prevHash()).isEqualTo(a.hash());
    assertThat(a.hash()).hasSize(64).isNotEqualTo(b.hash());
    assertThat(chain.events("test", "chain-1")).extracting(AuditEvent::actor).containsExactly("zhangsan", "lisi");
    assertThat(chain.verify().valid()).isTrue();
  }

  @Test
  void theDatabaseRefusesUpdatesAndDeletes() {
    AuditEvent e = sealed(chain.append("TEST_EVENT", "zhangsan", "test", "chain-2", Map.of()));
    assertThatThrownBy(() -> jdbc.update("UPDATE dsf_audit_event SET actor = 'x' WHERE seq = ?", e.seq()))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("DELETE FROM dsf_audit_event WHERE seq = ?", e.seq()))
        .hasMessageContaining("append-only");
  }

  @Test
  void theOnlyWriteAfterAppendIsSealingAnUnsealedRowOnceWithItsContentUnchanged() {
    AuditEvent e = sealed(chain.append("TEST_EVENT", "zhangsan", "test", "chain-5", Map.of("k", 1)));
    assertThatThrownBy(() -> jdbc.update("UPDATE dsf_audit_event SET position = ?, hash = ? WHERE seq = ?",
        e.position() + 1_000_000, "f".repeat(64), e.seq())).hasMessageContaining("append-only");
    AuditEvent open = chain.append("TEST_EVENT", "zhangsan", "test", "chain-5", Map.of("k", 2));
    assertThatThrownBy(() -> jdbc.update("UPDATE dsf_audit_event SET detail = '{\"k\":3}' WHERE seq = ?", open.seq()))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("UPDATE dsf_audit_event SET position = ?, prev_hash = ?, hash = ?, "
        + "detail = '{\"k\":3}' WHERE seq = ?", 9_000_000L, "0".repeat(64), "f".repeat(64), open.seq()))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("DELETE FROM dsf_audit_event WHERE seq = ?", open.seq()))
        .hasMessageContaining("append-only");
    assertThat(sealed(open).detail()).isEqualTo("{\"k\":2}");
    assertThat(chain.verify().valid()).isTrue();
  }

  @Test
  void alteringOneRowBySqlIsNamedByVerify() {
    chain.append("TEST_EVENT", "zhangsan", "test", "chain-3", Map.of("amount", 100));
    AuditEvent victim = sealed(chain.append("TEST_EVENT", "zhangsan", "test", "chain-3", Map.of("amount", 200)));
    sealed(chain.append("TEST_EVENT", "zhangsan", "test", "chain-3", Map.of("amount", 300)));
    try {
      // a table owner bypassing the trigger, as a tampering DBA would
      tamper("UPDATE dsf_audit_event SET detail = '{\"amount\":2}' WHERE seq = " + victim.seq());
      ResponseEntity<ChainVerification> r =
          http.withBasicAuth("zhengshi", "demo").getForEntity("/api/audit/verify", ChainVerification.class);
      assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(r.getBody().valid()).isFalse();
      assertThat(r.getBody().firstBrokenPosition()).isEqualTo(victim.position());
      assertThat(r.getBody().firstBrokenSeq()).isEqualTo(victim.seq());
      assertThat(r.getBody().reason()).contains("altered");
    } finally {
      tamper("UPDATE dsf_audit_event SET detail = '" + victim.detail() + "' WHERE seq = " + victim.seq());
    }
    assertThat(chain.verify().valid()).isTrue();
  }

  @Test
  void aDeletedRowIsNamedByVerify() {
    AuditEvent victim = sealed(chain.append("TEST_EVENT", "zhangsan", "test", "chain-4", Map.of("k", "v")));
    sealed(chain.append("TEST_EVENT", "zhangsan", "test", "chain-4", Map.of("k", "w")));
    try {
      tamper("DELETE FROM dsf_audit_event WHERE seq = " + victim.seq());
      ChainVerification v = chain.verify();
      assertThat(v.valid()).isFalse();
      assertThat(v.firstBrokenPosition()).isEqualTo(victim.position());
      assertThat(v.reason()).contains("missing");
    } finally {
      tamper("INSERT INTO dsf_audit_event (seq, occurred_at, event_type, actor, subject_type, subject_id, detail, "
          + "prev_hash, hash, position) VALUES (" + victim.seq() + ", '" + java.sql.Timestamp.from(victim.occurredAt())
          + "'::timestamp AT TIME ZONE 'UTC', '" + victim.type() + "', '" + victim.actor() + "', '" + victim.subjectType()
          + "', '" + victim.subjectId() + "', '" + victim.detail() + "', '" + victim.prevHash() + "', '" + victim.hash() + "', " + victim.position() + ")");
    }
    assertThat(chain.verify().valid()).isTrue();
  }

  /** The event as the chain holds it once sealed. */
  private AuditEvent sealed(AuditEvent appended) {
    chain.sealNow();
    return jdbc.queryForObject("SELECT * FROM dsf_audit_event WHERE seq = ?", AuditChain.ROW, appended.seq());
  }

  private void tamper(String sql) {
    jdbc.execute("ALTER TABLE dsf_audit_event DISABLE TRIGGER dsf_audit_event_no_update_or_delete");
    try {
      jdbc.execute(sql);
    } finally {
      jdbc.execute("ALTER TABLE dsf_audit_event ENABLE TRIGGER dsf_audit_event_no_update_or_delete");
    }
  }
}
