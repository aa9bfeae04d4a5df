package cn.dsflow.incident;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.Sm3;
import cn.dsflow.process.RecordVariables;
import cn.dsflow.system.SqlTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * 证据登记 (000 §6.5: 保存相关痕迹和证据): what was preserved, its SM3 digest, who collected it and when. A file uploaded
 * here is kept byte for byte and hashed by the server; an item held elsewhere (a forensic image, a sealed disk) is
 * registered with the digest its collector computed. Rows are never changed (database trigger).
 */
@Repository
public class EvidenceRegister {

  /** One preserved item. {@code content} is not part of the listing; download it by id. */
  public record Evidence(
      long id, String incidentId, String name, String source, String sm3, Long sizeBytes, boolean stored,
      String collectedBy, Instant collectedAt, String registeredBy, Instant registeredAt, String note) {

    /** 代录: an item entered by someone other than its collector says so (entered by X for Y), in the record and the API. */
    @com.fasterxml.jackson.annotation.JsonProperty("enteredFor")
    public String enteredFor() {
      return EvidenceRegister.enteredFor(registeredBy, collectedBy);
    }
  }

  static String enteredFor(String registeredBy, String collectedBy) {
    return registeredBy == null || registeredBy.equals(collectedBy) ? null
        : registeredBy + " 代 " + collectedBy + " 录入 (entered by " + registeredBy + " for " + collectedBy + ")";
  }

  /** The audit record of a registration: what a chain of custody needs (000 §6.5), the bytes themselves excepted. */
  private record Registered(long evidenceId, String name, String source, String sm3, Long sizeBytes,
      String collectedBy, Instant collectedAt, Instant registeredAt, String enteredFor) {}

  private static final RowMapper<Evidence> ROW = (rs, n) -> new Evidence(
      rs.getLong("id"), rs.getString("incident_id"), rs.getString("name"), rs.getString("source"),
      rs.getString("sm3"), (Long) rs.getObject("size_bytes"), rs.getBoolean("stored"), rs.getString("collected_by"),
      SqlTime.instant(rs, "collected_at"), rs.getString("registered_by"), SqlTime.instant(rs, "registered_at"),
      rs.getString("note"));

  private static final String COLUMNS = "id, incident_id, name, source, sm3, size_bytes, content IS NOT NULL AS stored, "
      + "collected_by, collected_at, registered_by, registered_at, note";

  private final JdbcTemplate jdbc;
  private final AuditChain audit;

  public EvidenceRegister(JdbcTemplate jdbc, AuditChain audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  /** Registers an uploaded file: the server computes its SM3 digest. */
  @Transactional
  public Evidence store(String incidentId, String name, String source, byte[] content, String collectedBy,
      Instant collectedAt, String registeredBy, Instant now, String note) {
    return insert(incidentId, name, source, Sm3.hex(content), (long) content.length, content, collectedBy, collectedAt,
        registeredBy, now, note);
  }

  /** Registers an item kept elsewhere, with the digest its collector computed. */
  @Transactional
  public Evidence register(String incidentId, String name, String source, String sm3, String collectedBy,
      Instant collectedAt, String registeredBy, Instant now, String note) {
    return insert(incidentId, name, source, sm3, null, null, collectedBy, collectedAt, registeredBy, now, note);
  }

  private Evidence insert(String incidentId, String name, String source, String sm3, Long size, byte[] content,
      String collectedBy, Instant collectedAt, String registeredBy, Instant now, String note) {
    Long id = jdbc.queryForObject("""
        INSERT INTO dsf_incident_evidence (incident_id, name, source, sm3, size_bytes, content, collected_by,
            collected_at, registered_by, registered_at, note)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class,
        incidentId, name, source, sm3, size, content, collectedBy, SqlTime.ts(collectedAt), registeredBy,
        SqlTime.ts(now), note);
    Registered detail = new Registered(id, name, source, sm3, size, collectedBy, collectedAt, now,
        enteredFor(registeredBy, collectedBy));
    audit.append("INCIDENT_EVIDENCE_REGISTERED", registeredBy, "incident", incidentId,
        RecordVariables.of(detail, RecordVariables.Times.TEXT));
    return find(incidentId, id).orElseThrow();
  }

  public List<Evidence> of(String incidentId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM dsf_incident_evidence WHERE incident_id = ? ORDER BY id", ROW, incidentId);
  }

  public Optional<Evidence> find(String incidentId, long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM dsf_incident_evidence WHERE incident_id = ? AND id = ?", ROW,
        incidentId, id).stream().findFirst();
  }

  public Optional<byte[]> content(String incidentId, long id) {
    return jdbc.query("SELECT content FROM dsf_incident_evidence WHERE incident_id = ? AND id = ? AND content IS NOT NULL",
        (rs, n) -> rs.getBytes(1), incidentId, id).stream().findFirst();
  }

  public int count(String incidentId) {
    Integer n = jdbc.queryForObject("SELECT count(*) FROM dsf_incident_evidence WHERE incident_id = ?", Integer.class, incidentId);
    return n == null ? 0 : n;
  }
}
