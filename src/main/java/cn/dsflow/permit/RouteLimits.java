package cn.dsflow.permit;

import cn.dsflow.system.SqlTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The limits a cross-border route puts on its permit's validity, kept where the delegates that computed them wrote
 * them (V18 {@code dsf_route_limit}), in the engine's transaction. The permit reads them from here: the variable
 * {@code routeValidUntil} only mirrors them for the forms, and whoever may write a variable (the administrator's
 * {@code PUT /process-instance/{id}/variables}) could otherwise lengthen a permit past its assessment (trust model).
 */
@Component
public class RouteLimits {

  public enum Source { ASSESSMENT_VALIDITY, TRANSFER_YEAR }

  private final JdbcTemplate jdbc;

  public RouteLimits(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String requestId, Source source, Instant validUntil, Instant now) {
    jdbc.update("INSERT INTO dsf_route_limit (request_id, source, valid_until, recorded_at) VALUES (?, ?, ?, ?)",
        requestId, source.name(), SqlTime.ts(validUntil), SqlTime.ts(now));
  }

  /** The earliest of each source's latest limit: a later assessment replaces the earlier, a year never lengthens it. */
  public Optional<Instant> earliest(String requestId) {
    List<Instant> latest = jdbc.query("""
        SELECT DISTINCT ON (source) valid_until FROM dsf_route_limit WHERE request_id = ? ORDER BY source, id DESC""",
        (rs, i) -> rs.getTimestamp(1).toInstant(), requestId);
    return latest.stream().min(Instant::compareTo);
  }
}
