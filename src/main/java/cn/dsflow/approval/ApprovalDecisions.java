package cn.dsflow.approval;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The decisions taken on each request (who, which slot, what, on which content, when). */
@Repository
public class ApprovalDecisions {

  public record Decision(
      String requestId, String taskId, String slotGroup, String decidedBy, String decision, String comment,
      String requestHash, Instant decidedAt) {}

  private final JdbcTemplate jdbc;

  public ApprovalDecisions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void record(Decision d) {
    jdbc.update(
        "INSERT INTO dsf_approval_decision (request_id, task_id, slot_group, decided_by, decision, comment, request_hash,"
            + " decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        d.requestId(), d.taskId(), d.slotGroup(), d.decidedBy(), d.decision(), d.comment(), d.requestHash(),
        Timestamp.from(d.decidedAt()));
  }

  public List<Decision> of(String requestId) {
    return jdbc.query(
        "SELECT * FROM dsf_approval_decision WHERE request_id = ? ORDER BY decided_at, id",
        (rs, i) -> new Decision(rs.getString("request_id"), rs.getString("task_id"), rs.getString("slot_group"),
            rs.getString("decided_by"), rs.getString("decision"), rs.getString("comment"), rs.getString("request_hash"),
            rs.getTimestamp("decided_at").toInstant()),
        requestId);
  }

  public boolean hasDecided(String requestId, String userId) {
    Integer n = jdbc.queryForObject(
        "SELECT count(*) FROM dsf_approval_decision WHERE request_id = ? AND decided_by = ?", Integer.class, requestId, userId);
    return n != null && n > 0;
  }
}
