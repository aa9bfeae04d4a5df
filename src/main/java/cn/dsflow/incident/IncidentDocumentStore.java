package cn.dsflow.incident;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.Sm3;
import cn.dsflow.system.SqlTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The Word documents of an incident as they were generated at submission, with their SM3 digest in the audit chain. */
@Repository
public class IncidentDocumentStore {

  public record StoredDocument(long id, String incidentId, String kind, String title, String sm3, String createdBy, Instant createdAt) {}

  private static final RowMapper<StoredDocument> ROW = (rs, n) -> new StoredDocument(rs.getLong("id"),
      rs.getString("incident_id"), rs.getString("kind"), rs.getString("title"), rs.getString("sm3"),
      rs.getString("created_by"), SqlTime.instant(rs, "created_at"));

  private final JdbcTemplate jdbc;
  private final AuditChain audit;

  public IncidentDocumentStore(JdbcTemplate jdbc, AuditChain audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  public StoredDocument save(String incidentId, String kind, String title, byte[] docx, String createdBy, Instant now) {
    String sm3 = Sm3.hex(docx);
    Long id = jdbc.queryForObject("""
        INSERT INTO dsf_incident_document (incident_id, kind, title, sm3, content, created_by, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, incidentId, kind, title, sm3, docx, createdBy, SqlTime.ts(now));
    audit.append("INCIDENT_DOCUMENT_GENERATED", createdBy, "incident", incidentId,
        Map.of("documentId", id, "kind", kind, "title", title, "sm3", sm3));
    return new StoredDocument(id, incidentId, kind, title, sm3, createdBy, now);
  }

  public List<StoredDocument> of(String incidentId) {
    return jdbc.query("SELECT id, incident_id, kind, title, sm3, created_by, created_at FROM dsf_incident_document "
        + "WHERE incident_id = ? ORDER BY id", ROW, incidentId);
  }

  public Optional<byte[]> content(String incidentId, long id) {
    return jdbc.query("SELECT content FROM dsf_incident_document WHERE incident_id = ? AND id = ?",
        (rs, n) -> rs.getBytes(1), incidentId, id).stream().findFirst();
  }
}
