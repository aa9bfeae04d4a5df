package cn.dsflow.system;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.impl.persistence.entity.TaskManager;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * 待我审批 at scale (issue 16). The engine lists a group's tasks by joining every candidate link and every matching
 * authorization and then removing duplicates; the engine writes one authorization per candidate group of every open
 * task, so both the count and a page of 50 touched every visible task and its grants (6.7 s at 100k open requests,
 * docs/benchmark.md). For the one shape the Tasklist filters use ({@link CandidateTaskListing}) the engine's task
 * manager is given this application's statement instead: per task, does a candidate link and a grant exist — so a
 * page walks the creation-time index and stops after 50 rows.
 *
 * <p>Who may see what is unchanged: the same criteria and the same authorization predicate (user or group, global or
 * grant, READ on the task or READ_TASK on its process definition, by task id, definition key or {@code '*'}), taken
 * from the authorization check the engine itself configured for the query. With REVOKE authorizations, or any other
 * query shape, the engine's own statement runs. Claim and complete are separate engine commands with their own checks,
 * untouched here. Proven against the engine's answer by {@code CandidateTaskListsIT}.
 */
@Component
public class CandidateTaskLists extends AbstractProcessEnginePlugin {

  public static final String LIST = "selectCandidateTasks";
  public static final String COUNT = "selectCandidateTaskCount";
  static final String LINKS = "selectCandidateLinksUpTo";
  static final String MAPPER = "cn/dsflow/system/CandidateTaskList.xml";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineStatements.openManager(configuration, TaskManager.class, GroupTaskManager::new);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    EngineStatements.load(configuration, MAPPER, LIST);
  }

  /** The engine's task manager; only the list and count of a recognised shape run this application's statement. */
  static final class GroupTaskManager extends TaskManager {

    @Override
    @SuppressWarnings("unchecked")
    public List<Task> findTasksByQueryCriteria(TaskQueryImpl query) {
      Optional<CandidateTaskListing> listing = configured(query);
      if (listing.isEmpty()) {
        return super.findTasksByQueryCriteria(query);
      }
      return getDbEntityManager().selectList(LIST,
          new ListQueryParameterObject(listing.get(), query.getFirstResult(), query.getMaxResults()));
    }

    @Override
    public long findTaskCountByQueryCriteria(TaskQueryImpl query) {
      Optional<CandidateTaskListing> listing = configured(query);
      if (listing.isEmpty()) {
        return super.findTaskCountByQueryCriteria(query);
      }
      return (Long) getDbEntityManager().selectOne(COUNT,
          new ListQueryParameterObject(listing.get(), 0, Integer.MAX_VALUE));
    }

    /**
     * The engine configures the query's checks as it would for its own statement (so the REVOKE question and the
     * authorized groups are the engine's answer); configuring twice when it falls back sets the same values again.
     */
    private Optional<CandidateTaskListing> configured(TaskQueryImpl query) {
      configureQuery(query);
      return CandidateTaskListing.of(query, query.isQueryForProcessTasksOnly()).map(listing ->
          listing.fromLinks((Long) getDbEntityManager().selectOne(LINKS, new ListQueryParameterObject(listing, 0, 1))));
    }
  }
}
