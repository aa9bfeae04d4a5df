package cn.dsflow.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
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
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    if (!mybatis.hasStatement(BY_INDEX)) {
      try (InputStream xml = AuthorizedGroupIdsLookup.class.getClassLoader().getResourceAsStream(MAPPER)) {
        new XMLMapperBuilder(xml, mybatis, MAPPER, mybatis.getSqlFragments()).parse();
      } catch (IOException e) {
        throw new ProcessEngineException("could not read " + MAPPER, e);
      }
    }
    // the engine's statement mappings for PostgreSQL are shared by every engine in the JVM: extend a copy
    DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
    Map<String, String> mappings = sessions.getStatementMappings() == null
        ? new HashMap<>() : new HashMap<>(sessions.getStatementMappings());
    mappings.put(ENGINE_STATEMENT, BY_INDEX);
    sessions.setStatementMappings(mappings);
  }
}
