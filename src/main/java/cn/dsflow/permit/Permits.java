package cn.dsflow.permit;

import static cn.dsflow.system.SqlTime.instant;
import static cn.dsflow.system.SqlTime.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Storage of permits. A use locks the row, so one permit is consumed once even under concurrent calls. */
@Repository
public class Permits {

  private final JdbcTemplate jdbc;

  public Permits(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Permit p) {
    jdbc.update(
        "INSERT INTO dsf_permit (id, request_id, process_instance_id, operation_type, data_level, data_category,"
            + " data_description, max_record_count, recipient_name, purpose, scope, requester, request_hash, approved_at,"
            + " valid_from, valid_until, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        p.id(), p.requestId(), p.processInstanceId(), p.operationType(), p.dataLevel(), p.dataCategory(),
        p.dataDescription(), p.maxRecordCount(), p.recipientName(), p.purpose(), p.scope(), p.requester(),
        p.requestHash(), ts(p.approvedAt()), ts(p.validFrom()), ts(p.validUntil()), p.status().name());
  }

  public Optional<Permit> find(String id) {
    return jdbc.query("SELECT * FROM dsf_permit WHERE id = ?", Permits::map, id).stream().findFirst();
  }

  public Optional<Permit> lockForUse(String id) {
    return jdbc.query("SELECT * FROM dsf_permit WHERE id = ? FOR UPDATE", Permits::map, id).stream().findFirst();
  }

  public Optional<Permit> findByRequest(String requestId) {
    return jdbc.query("SELECT * FROM dsf_permit WHERE request_id = ?", Permits::map, requestId).stream().findFirst();
  }

  public void markUsed(String id, Instant at, String operator, long recordCount, String recipient, String caller) {
    int n = jdbc.update(
        "UPDATE dsf_permit SET status = 'USED', used_at = ?, used_by = ?, used_record_count = ?, used_recipient = ?,"
            + " used_via = ? WHERE id = ? AND status = 'LIVE'",
        ts(at), operator, recordCount, recipient, caller, id);
    if (n != 1) {
      throw new IllegalStateException("permit " + id + " was not live");
    }
  }

  /** @return whether the permit was still live (a used permit is never turned into an expired one) */
  public boolean expire(String id) {
    return jdbc.update("UPDATE dsf_permit SET status = 'EXPIRED' WHERE id = ? AND status = 'LIVE'", id) == 1;
  }

  /** @return whether the permit was still live: a used permit stays used (the act happened) */
  public boolean revoke(String id) {
    return jdbc.update("UPDATE dsf_permit SET status = 'REVOKED' WHERE id = ? AND status = 'LIVE'", id) == 1;
  }

  public List<Permit> ofRequester(String requester) {
    return jdbc.query("SELECT * FROM dsf_permit WHERE requester = ? ORDER BY approved_at", Permits::map, requester);
  }


  static Permit map(ResultSet rs, int row) throws SQLException {
    long usedCount = rs.getLong("used_record_count");
    Long used = rs.wasNull() ? null : usedCount;
    return new Permit(rs.getString("id"), rs.getString("request_id"), rs.getString("process_instance_id"),
        rs.getString("operation_type"), rs.getString("data_level"), rs.getString("data_category"),
        rs.getString("data_description"), rs.getLong("max_record_count"), rs.getString("recipient_name"),
        rs.getString("purpose"), rs.getString("scope"), rs.getString("requester"), rs.getString("request_hash"),
        instant(rs, "approved_at"), instant(rs, "valid_from"), instant(rs, "valid_until"),
        Permit.Status.valueOf(rs.getString("status")), instant(rs, "used_at"), rs.getString("used_by"),
        used, rs.getString("used_recipient"));
  }
}
