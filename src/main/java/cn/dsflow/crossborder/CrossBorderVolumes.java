package cn.dsflow.crossborder;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.SqlTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The persons whose personal information the company has sent abroad this calendar year (000 §8.1.1(3)–(4), §8.2.1,
 * §8.5(5): 自当年1月1日起累计). Kept by the system from every approved transfer, so splitting a transfer cannot dodge a
 * threshold; an officer may correct the total, and the correction is a row of its own with a reason, audited.
 */
@Repository
public class CrossBorderVolumes {

  /** The running totals of one year. */
  public record Totals(int year, long personsNonSensitive, long personsSensitive) {}

  /** One row behind a total: an approved transfer or a correction. */
  public record Entry(long id, int year, String kind, String requestId, long personsNonSensitive, long personsSensitive,
      String recordedBy, Instant recordedAt, String reason) {}

  private final JdbcTemplate jdbc;
  private final AuditChain audit;

  public CrossBorderVolumes(JdbcTemplate jdbc, AuditChain audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  /**
   * Serialises everything that reads a year's total to decide a route and then adds to it, across nodes: held until
   * the caller's transaction ends.
   */
  public void lockYear(int year) {
    jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('dsf_cross_border_volume'), ?)", Object.class, year);
  }

  public Totals totals(int year) {
    return jdbc.queryForObject("""
        SELECT COALESCE(SUM(persons_non_sensitive), 0), COALESCE(SUM(persons_sensitive), 0)
        FROM dsf_cross_border_volume WHERE year = ?""",
        (rs, n) -> new Totals(year, Math.max(0, rs.getLong(1)), Math.max(0, rs.getLong(2))), year);
  }

  public void recordTransfer(int year, String requestId, long nonSensitive, long sensitive, Instant now) {
    jdbc.update("""
        INSERT INTO dsf_cross_border_volume (year, kind, request_id, persons_non_sensitive, persons_sensitive, recorded_at)
        VALUES (?, 'TRANSFER', ?, ?, ?, ?)""", year, requestId, nonSensitive, sensitive, SqlTime.ts(now));
    audit.append("CROSS_BORDER_VOLUME_COUNTED", null, "request", requestId,
        Map.of("year", year, "personsNonSensitive", nonSensitive, "personsSensitive", sensitive));
  }

  public Totals correct(int year, long nonSensitiveDelta, long sensitiveDelta, String officer, String reason, Instant now) {
    lockYear(year);
    Totals before = totals(year);
    if (before.personsNonSensitive() + nonSensitiveDelta < 0 || before.personsSensitive() + sensitiveDelta < 0) {
      throw new IllegalArgumentException("a correction cannot make a total negative");
    }
    jdbc.update("""
        INSERT INTO dsf_cross_border_volume (year, kind, persons_non_sensitive, persons_sensitive, recorded_by, recorded_at, reason)
        VALUES (?, 'CORRECTION', ?, ?, ?, ?, ?)""", year, nonSensitiveDelta, sensitiveDelta, officer, SqlTime.ts(now), reason);
    Totals after = totals(year);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("year", year);
    detail.put("before", Map.of("personsNonSensitive", before.personsNonSensitive(), "personsSensitive", before.personsSensitive()));
    detail.put("after", Map.of("personsNonSensitive", after.personsNonSensitive(), "personsSensitive", after.personsSensitive()));
    detail.put("reason", reason);
    audit.append("CROSS_BORDER_VOLUME_CORRECTED", officer, "cross-border-volume", String.valueOf(year), detail);
    return after;
  }

  public List<Entry> entries(int year) {
    return jdbc.query("SELECT * FROM dsf_cross_border_volume WHERE year = ? ORDER BY id", (rs, n) -> new Entry(
        rs.getLong("id"), rs.getInt("year"), rs.getString("kind"), rs.getString("request_id"),
        rs.getLong("persons_non_sensitive"), rs.getLong("persons_sensitive"), rs.getString("recorded_by"),
        SqlTime.instant(rs, "recorded_at"), rs.getString("reason")), year);
  }
}
