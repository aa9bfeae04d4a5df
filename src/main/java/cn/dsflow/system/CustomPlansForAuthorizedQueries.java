package cn.dsflow.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.springframework.stereotype.Component;

/**
 * Plans a query that checks authorizations with its own parameters, and every other statement once.
 *
 * <p>After five runs of one statement on one connection PostgreSQL may switch to a generic plan that cannot see the
 * parameters. For the engine's queries with authorization checks that plan compares every open task with every
 * authorization (minutes at 10k open requests, docs/benchmark.md "待我审批 at scale"), so every pooled connection used to
 * plan every statement anew ({@code plan_cache_mode = force_custom_plan}). That cost the whole engine: planning each of
 * the 600 statements of an approval flow again, about a third of its time (issue 16, docs/benchmark.md). Now only the
 * queries that need it are planned with their parameters: before the engine (or dsflow's own task list statements)
 * runs a query for a signed-in user whose authorizations it checks, this sets {@code plan_cache_mode} for the rest of
 * that transaction; inserts, updates, lookups by key and unchecked queries keep their cached plans.
 */
@Component
public class CustomPlansForAuthorizedQueries extends AbstractProcessEnginePlugin {

  static final String FOR_THIS_TRANSACTION = "SET LOCAL plan_cache_mode = force_custom_plan";
  static final String FOR_THIS_CONNECTION = "SET plan_cache_mode = force_custom_plan";

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    org.apache.ibatis.session.Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    // the MyBatis configuration may be shared by a second engine in the JVM: one interceptor is enough
    if (mybatis.getInterceptors().stream().noneMatch(CustomPlans.class::isInstance)) {
      mybatis.addInterceptor(new CustomPlans());
    }
  }

  /** Whether a query parameter asks for authorization checks for a signed-in user. */
  static boolean checksAuthorizations(Object parameter) {
    // a single permission check (isAuthorized) looks rows up by resource id: any plan of it is a good one
    if (!(parameter instanceof ListQueryParameterObject query)) {
      return false;
    }
    if (CheckedAccess.isChecked(query.getAuthCheck())) {
      return true;
    }
    Object listing = query.getParameter();
    return (listing instanceof CandidateTaskListing tasks && tasks.getAccess().getAuthUserId() != null)
        || (listing instanceof TaskListVariableListing variables && variables.getAccess().getAuthUserId() != null);
  }

  /** Sets the plan mode on the query's own connection just before the query runs. */
  @Intercepts(@Signature(type = Executor.class, method = "query",
      args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}))
  static final class CustomPlans implements Interceptor {
    @Override
    public Object intercept(Invocation invocation) throws Throwable {
      // how many candidate links a user's groups have checks nothing: any plan of it is a good one
      if (checksAuthorizations(invocation.getArgs()[1])
          && !((MappedStatement) invocation.getArgs()[0]).getId().endsWith(CandidateTaskLists.LINKS)) {
        planWithParameters(((Executor) invocation.getTarget()).getTransaction().getConnection());
      }
      return invocation.proceed();
    }

    private static void planWithParameters(Connection connection) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        // outside a transaction SET LOCAL would do nothing: then the connection keeps custom plans, as it used to
        statement.execute(connection.getAutoCommit() ? FOR_THIS_CONNECTION : FOR_THIS_TRANSACTION);
      }
    }
  }
}
