package cn.dsflow.system;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceManager;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Component;

/**
 * The variables beside a Tasklist list — a filter can name variables to show beside each task (an administrator sets
 * them in the filter's settings; the benchmark's 待我审批 shows the request's summary, data level and due date) — asked
 * per variable instead of joined with every grant of the user. The engine answers the REST filter list's variable query by
 * joining each variable row with all of the user's matching authorizations and removing the duplicates; with one
 * authorization per open task that is every grant of the user for every row (50 ms of a 100 ms list at 100k open
 * requests, docs/benchmark.md). For that one shape ({@link TaskListVariableListing}) the engine's variable manager runs
 * this application's statement: per variable row, does a grant exist, by index on the resource id.
 *
 * <p>Who may see what is unchanged: the same criteria and the same authorization predicate, taken from the check the
 * engine configured for the query (a grant counts when its resource id is the variable's process instance, its
 * process definition key, its task or {@code '*'}). With REVOKE authorizations, or any other shape, the engine's own
 * statement runs. Proven against the engine's answer by {@code TaskListVariablesIT}.
 */
@Component
public class TaskListVariables extends AbstractProcessEnginePlugin {

  public static final String LIST = "selectTaskListVariables";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineStatements.openManager(configuration, VariableInstanceManager.class, TaskListVariableManager::new);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    EngineStatements.load(configuration, CandidateTaskLists.MAPPER, CandidateTaskLists.LIST);
  }

  /** The engine's variable manager; only the recognised shape runs this application's statement. */
  static final class TaskListVariableManager extends VariableInstanceManager {

    @Override
    @SuppressWarnings("unchecked")
    public List<VariableInstance> findVariableInstanceByQueryCriteria(VariableInstanceQueryImpl query, Page page) {
      configureQuery(query);
      Optional<TaskListVariableListing> listing = TaskListVariableListing.of(query);
      if (listing.isEmpty()) {
        return super.findVariableInstanceByQueryCriteria(query, page); // configures the same values again
      }
      int first = page == null ? query.getFirstResult() : page.getFirstResult();
      int max = page == null ? query.getMaxResults() : page.getMaxResults();
      return getDbEntityManager().selectList(LIST, new ListQueryParameterObject(listing.get(), first, max));
    }
  }
}
