package cn.dsflow.ledger;

import static cn.dsflow.system.SqlTime.instant;
import static cn.dsflow.system.SqlTime.ts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** 审批台账 (000 §3.4.2(2)): one row per approved request, from approval to what was actually done. */
@Repository
public class ApprovalLedger {

  public record Entry(
      String requestId,
      String processInstanceId,
      String operationType,
      String processingSubject,
      String dataCategory,
      String dataLevel,
      String dataDescription,
      long recordCount,
      double volumeGb,
      String processingMethod,
      String purpose,
      String scope,
      String recipientName,
      Instant validFrom,
      Instant validUntil,
      String requester,
      Instant requestedAt,
      String approvers,
      Instant approvedAt,
      String permitId,
      String status,
      Instant usedAt,
      String usedBy,
      Long actualRecordCount,
      Instant completedAt,
      String resultNote,
      String particulars,
      String usedByAccount) {

    /**
     * The recorded result counts more records than were approved: 000 §3.4.2 asks the ledger to show what was actually
     * done against what was approved, so the row says so itself (the audit chain holds SCOPE_EXCEEDED, dso was told).
     * Derived from the two stored counts, never stored apart from them.
     */
    @JsonProperty("scopeExceeded")
    public boolean scopeExceeded() {
      return actualRecordCount != null && actualRecordCount > recordCount;
    }
  }

  public record Filter(Instant from, Instant to, String operationType, String dataLevel, String status) {}

  private final JdbcTemplate jdbc;

  public ApprovalLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public int open(Entry e) {
    return jdbc.update(
        "INSERT INTO dsf_ledger (request_id, process_instance_id, operation_type, processing_subject, data_category,"
            + " data_level, data_description, record_count, volume_gb, processing_method, purpose, scope, recipient_name,"
            + " valid_from, valid_until, requester, requested_at, approvers, approved_at, permit_id, status)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'APPROVED')",
        e.requestId(), e.processInstanceId(), e.operationType(), e.processingSubject(), e.dataCategory(), e.dataLevel(),
        e.dataDescription(), e.recordCount(), e.volumeGb(), e.processingMethod(), e.purpose(), e.scope(),
        e.recipientName(), ts(e.validFrom()), ts(e.validUntil()), e.requester(), ts(e.requestedAt()), e.approvers(),
        ts(e.approvedAt()), e.permitId());
  }

  // The status changes below are called by PermitLifecycle only, which moves the permit and this row together.

  public int markUsed(String requestId, Instant usedAt, String usedBy, String usedByAccount) {
    return jdbc.update("UPDATE dsf_ledger SET status = 'USED', used_at = ?, used_by = ?, used_by_account = ?"
        + " WHERE request_id = ? AND status = 'APPROVED'", ts(usedAt), usedBy, usedByAccount, requestId);
  }

  public int complete(String requestId, long actualRecordCount, Instant completedAt, String note) {
    return jdbc.update(
        "UPDATE dsf_ledger SET status = 'COMPLETED', actual_record_count = ?, completed_at = ?, result_note = ?"
            + " WHERE request_id = ? AND status = 'USED'",
        actualRecordCount, ts(completedAt), note, requestId);
  }

  /** What a process adds to its row beyond the common columns (cross-border route, rule, filing numbers and dates). */
  public void annotate(String requestId, Map<String, ?> particulars) {
    jdbc.update("UPDATE dsf_ledger SET particulars = ? WHERE request_id = ?", CanonicalJson.of(particulars), requestId);
  }

  public int revoke(String requestId) {
    return jdbc.update("UPDATE dsf_ledger SET status = 'REVOKED' WHERE request_id = ? AND status = 'APPROVED'", requestId);
  }

  public int expire(String requestId) {
    return jdbc.update("UPDATE dsf_ledger SET status = 'EXPIRED' WHERE request_id = ? AND status = 'APPROVED'", requestId);
  }

  public java.util.Optional<Entry> of(String requestId) {
    return jdbc.query("SELECT * FROM dsf_ledger WHERE request_id = ?", ApprovalLedger::map, requestId).stream().findFirst();
  }

  public List<Entry> find(Filter f) {
    StringBuilder sql = new StringBuilder("SELECT * FROM dsf_ledger WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (f.from() != null) {
      sql.append(" AND approved_at >= ?");
      args.add(ts(f.from()));
    }
    if (f.to() != null) {
      sql.append(" AND approved_at < ?");
      args.add(ts(f.to()));
    }
    if (f.operationType() != null) {
      sql.append(" AND operation_type = ?");
      args.add(f.operationType());
    }
    if (f.dataLevel() != null) {
      sql.append(" AND data_level = ?");
      args.add(f.dataLevel());
    }
    if (f.status() != null) {
      sql.append(" AND status = ?");
      args.add(f.status());
    }
    sql.append(" ORDER BY approved_at, request_id");
    return jdbc.query(sql.toString(), ApprovalLedger::map, args.toArray());
  }


  static Entry map(ResultSet rs, int row) throws SQLException {
    long actual = rs.getLong("actual_record_count");
    Long actualOrNull = rs.wasNull() ? null : actual;
    return new Entry(rs.getString("request_id"), rs.getString("process_instance_id"), rs.getString("operation_type"),
        rs.getString("processing_subject"), rs.getString("data_category"), rs.getString("data_level"),
        rs.getString("data_description"), rs.getLong("record_count"), rs.getDouble("volume_gb"),
        rs.getString("processing_method"), rs.getString("purpose"), rs.getString("scope"),
        rs.getString("recipient_name"), instant(rs, "valid_from"), instant(rs, "valid_until"), rs.getString("requester"),
        instant(rs, "requested_at"), rs.getString("approvers"), instant(rs, "approved_at"), rs.getString("permit_id"),
        rs.getString("status"), instant(rs, "used_at"), rs.getString("used_by"), actualOrNull,
        instant(rs, "completed_at"), rs.getString("result_note"), rs.getString("particulars"),
        rs.getString("used_by_account"));
  }
}
