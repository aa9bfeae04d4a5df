package cn.dsflow.incident;

import cn.dsflow.system.EngineRefusal;
import cn.dsflow.system.SqlTime;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the grading tables proposed for an incident, kept by {@link GradingProposal} in the engine's transaction (V18
 * {@code dsf_grading_proposal}) and read by {@link GradingConfirmation}. Whether the lead overrode the tables, whether
 * that is a downgrade needing a second person, and whether an hour boundary needs a reason are decided against this
 * row: the variables {@code proposedMiitLevel}, {@code proposedCacLevel} and {@code gradingBoundary} only show it, and
 * whoever may write a variable could otherwise turn a downgrade into a mere confirmation (trust model).
 */
@Component
public class GradingProposals {

  /** The tables' levels on both scales, and whether the MIIT level sat on an hour boundary. */
  public record Proposed(IncidentLevel miit, IncidentLevel cac, boolean boundary) {}

  private final JdbcTemplate jdbc;

  public GradingProposals(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void record(DelegateExecution execution, Proposed proposed, Instant at) {
    jdbc.update("""
        INSERT INTO dsf_grading_proposal (process_instance_id, miit_level, cac_level, boundary, proposed_at)
        VALUES (?, ?, ?, ?, ?)""", IncidentInstances.incidentOf(execution), proposed.miit().name(), proposed.cac().name(),
        proposed.boundary(), SqlTime.ts(at));
  }

  /**
   * The latest proposal of the incident (a re-grading supersedes the first grading). Rows are filed under the incident,
   * the root instance: the first grading runs in incident-response, a re-grading in the emergency response it calls.
   */
  Proposed latest(String incidentId) {
    return find(incidentId).orElseThrow(GradingProposals::notProposed);
  }

  private Optional<Proposed> find(String processInstanceId) {
    return jdbc.query("""
        SELECT miit_level, cac_level, boundary FROM dsf_grading_proposal
        WHERE process_instance_id = ? ORDER BY id DESC LIMIT 1""",
        (rs, i) -> new Proposed(IncidentLevel.valueOf(rs.getString(1)), IncidentLevel.valueOf(rs.getString(2)),
            rs.getBoolean(3)), processInstanceId).stream().findFirst();
  }

  private static EngineRefusal notProposed() {
    return EngineRefusal.forbidden("grading_not_proposed",
        "分级表尚未形成分级建议，不能确认定级 (the grading tables have proposed nothing for this incident)");
  }
}
