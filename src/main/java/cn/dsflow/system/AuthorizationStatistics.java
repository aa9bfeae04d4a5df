package cn.dsflow.system;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every task list run with authorization checks (待我审批 and every Tasklist filter) joins the user's authorizations,
 * selected by {@code PERMS_ & n = n}. PostgreSQL has no statistics for that expression and guesses 0.5 % of the rows;
 * the engine writes one authorization per candidate group of every open task, so the guess was 50 rows where there
 * were 10,000, and the planner compared every task with every authorization: 70 s for one count at 10k open requests
 * (issue 16, docs/benchmark.md). Expression statistics for the two permissions the task list asks (READ on the task,
 * READ_TASK on the process definition) give it the real number, and it looks each task's authorizations up by index.
 *
 * <p>Created here rather than by Flyway because the engine creates its own tables when it starts, after migrations
 * run on an empty database. Statistics change plans, never results: who may see what is decided by the same SQL.
 * They only help where the planner sees the values, which is why a query that checks authorizations is planned with
 * its own parameters ({@link CustomPlansForAuthorizedQueries}).
 */
@Component
public class AuthorizationStatistics extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationStatistics.class);

  /** Camunda's READ (on a task) and READ_TASK (on a process definition): the task list's two permission checks. */
  static final int[] TASK_LIST_PERMISSIONS = {2, 64};

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    PlanAids.make(engine, LOG, "task lists may be planned badly", (s, prefix) -> {
      String table = prefix + "ACT_RU_AUTHORIZATION";
      boolean created = false;
      for (int permission : TASK_LIST_PERMISSIONS) {
        String name = "dsf_auth_perms_" + permission;
        try (var rs = s.executeQuery("SELECT 1 FROM pg_statistic_ext WHERE stxname = '" + name + "'")) {
          if (rs.next()) {
            continue;
          }
        }
        s.execute("CREATE STATISTICS IF NOT EXISTS " + name + " ON (PERMS_ & " + permission + ") FROM " + table);
        created = true;
      }
      if (created) {
        s.execute("ANALYZE " + table);
      }
    });
  }
}
