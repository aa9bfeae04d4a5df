package cn.dsflow.system;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An index from a candidate group to its tasks that answers without reading the table: 待我审批 for a user whose
 * groups have few candidate links starts from those links ({@link CandidateTaskListing#fewLinks}), three times per
 * list (how many, the count, the page). The engine's own index on {@code GROUP_ID_} needs a table read per link to see
 * the link's type and task (about 1,000 reads for 1 % of 100k open requests, docs/benchmark.md); this one carries both.
 * Made as {@link PlanAids} are.
 */
@Component
public class CandidateLinkIndex extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(CandidateLinkIndex.class);
  static final String NAME = "dsf_idx_candidate_group_task";

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    PlanAids.make(engine, LOG, "group task lists read the table per link", (s, prefix) -> s.execute(
        "CREATE INDEX IF NOT EXISTS " + NAME + " ON " + prefix + "ACT_RU_IDENTITYLINK (GROUP_ID_, TYPE_) INCLUDE (TASK_ID_)"));
  }
}
