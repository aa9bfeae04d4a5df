package cn.dsflow.system;

import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Every engine command that checks authorizations first asks which groups hold any authorization at all
 * ({@code selectAuthorizedGroupIds}: {@code SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION}) and keeps only those
 * of the signed-in user's groups. The engine writes one authorization row per candidate group of every open task, so
 * that statement read the whole table — 100k rows at 100k open requests — once per command, three times for one
 * 待我审批 page (issue 16; the engine's own issue camunda-bpm-platform#5485). Here the same statement is answered from
 * the engine's index on {@code GROUP_ID_}, one probe per distinct group (a handful), so its cost no longer grows with
 * the number of open tasks.
 *
 * <p>Who may see, claim or complete what is unchanged: the answer is the same set of group ids (only {@code NULL}, the
 * user authorizations' empty group, is left out, and the engine drops it anyway), and every authorization check still
 * runs the engine's own SQL. PostgreSQL only, like the rest of the project.
 */
@Component
public class AuthorizedGroupIdsLookup extends AbstractProcessEnginePlugin {

  public static final String ENGINE_STATEMENT = "selectAuthorizedGroupIds";
  public static final String BY_INDEX = "selectAuthorizedGroupIdsByIndex";
  private static final String MAPPER = "cn/dsflow/system/AuthorizedGroupIds.xml";

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    EngineStatements.load(configuration, MAPPER, BY_INDEX);
    EngineStatements.replace(configuration, Map.of(ENGINE_STATEMENT, BY_INDEX));
  }
}
