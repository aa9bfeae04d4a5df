package cn.dsflow.risk;

import static cn.dsflow.process.RiskVariables.*;

import cn.dsflow.system.SqlTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** 风险信息台账: what the period summary (002 annex 2) counts. */
@Repository
public class RiskRegister {

  /** One risk as the summary sees it. */
  public record Risk(String id, Instant reportedAt, String title, String source, String category, String riskLevel,
      String dataTypes, String dataLevel, String regions, String units, String industries, String riskUnit,
      String reportingUnit, Instant reportedToRegulatorAt, Instant disposedAt, String disposal) {}

  private final JdbcTemplate jdbc;

  public RiskRegister(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(String id, Instant reportedAt, Map<String, Object> v) {
    jdbc.update("""
        INSERT INTO dsf_risk (id, reported_at, title, source, category, risk_level, data_types, data_level, regions,
            units, industries, risk_unit, reporting_unit)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        id, SqlTime.ts(reportedAt), v.get(TITLE.name()), v.get(SOURCE.name()), v.get(CATEGORY.name()),
        v.get(RISK_LEVEL.name()), v.get(DATA_TYPES.name()), v.get(DATA_LEVEL.name()), v.get(AFFECTED_REGIONS.name()),
        v.get(AFFECTED_UNITS.name()), v.get(AFFECTED_INDUSTRIES.name()), v.get(RISK_UNIT.name()),
        v.get(REPORTING_UNIT.name()));
  }

  public void markReportedToRegulator(String id, Instant at) {
    jdbc.update("UPDATE dsf_risk SET reported_to_regulator_at = ? WHERE id = ?", SqlTime.ts(at), id);
  }

  public void markDisposed(String id, Instant at, String disposal) {
    jdbc.update("UPDATE dsf_risk SET disposed_at = ?, disposal = ? WHERE id = ?", SqlTime.ts(at), disposal, id);
  }

  /** Risks reported in [from, to). */
  public List<Risk> reportedBetween(Instant from, Instant to) {
    return jdbc.query("SELECT * FROM dsf_risk WHERE reported_at >= ? AND reported_at < ? ORDER BY reported_at, id",
        (rs, n) -> new Risk(rs.getString("id"), SqlTime.instant(rs, "reported_at"), rs.getString("title"),
            rs.getString("source"), rs.getString("category"), rs.getString("risk_level"), rs.getString("data_types"),
            rs.getString("data_level"), rs.getString("regions"), rs.getString("units"), rs.getString("industries"),
            rs.getString("risk_unit"), rs.getString("reporting_unit"), SqlTime.instant(rs, "reported_to_regulator_at"),
            SqlTime.instant(rs, "disposed_at"), rs.getString("disposal")),
        SqlTime.ts(from), SqlTime.ts(to));
  }

  /** The case a caller's key opened before, if any (a retried alert). */
  public java.util.Optional<String> caseForKey(String caller, String key) {
    return jdbc.query("SELECT risk_id FROM dsf_risk_intake_key WHERE caller = ? AND intake_key = ?",
        (rs, n) -> rs.getString(1), caller, key).stream().findFirst();
  }

  public void rememberKey(String caller, String key, String riskId, Instant now) {
    jdbc.update("INSERT INTO dsf_risk_intake_key (caller, intake_key, risk_id, created_at) VALUES (?, ?, ?, ?)",
        caller, key, riskId, SqlTime.ts(now));
  }
}
