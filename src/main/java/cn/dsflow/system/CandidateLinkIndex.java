package cn.dsflow.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An index from a candidate group to its tasks that answers without reading the table: 待我审批 for a user whose
 * groups have few candidate links starts from those links ({@link CandidateTaskListing#fewLinks}), three times per
 * list (how many, the count, the page). The engine's own index on {@code GROUP_ID_} needs a table read per link to see
 * the link's type and task (about 1,000 reads for 1 % of 100k open requests, docs/benchmark.md); this one carries both.
 *
 * <p>Created here rather than by Flyway because the engine creates its own tables when it starts, after migrations
 * run on an empty database. An index changes plans, never results.
 */
@Component
public class CandidateLinkIndex extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(CandidateLinkIndex.class);
  static final String NAME = "dsf_idx_candidate_group_task";

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    String table = configuration.getDatabaseTablePrefix() + "ACT_RU_IDENTITYLINK";
    try (Connection c = configuration.getDataSource().getConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("CREATE INDEX IF NOT EXISTS " + NAME + " ON " + table + " (GROUP_ID_, TYPE_) INCLUDE (TASK_ID_)");
    } catch (SQLException e) {
      // a plan aid, not a control: without it the same statements run, reading the table per link
      LOG.warn("could not create the candidate link index (group task lists read more): {}", e.getMessage());
    }
  }
}
