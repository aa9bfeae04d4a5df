package cn.dsflow.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/**
 * dsflow's own SQL statements inside the engine's MyBatis configuration, for the engine plugins that answer a statement
 * of the engine's differently (AuthorizedGroupIdsLookup, CandidateTaskLists, HistoryRetentionFromRequestEnd).
 */
final class EngineStatements {

  private EngineStatements() {
  }

  /** Parses a mapper file into the engine's configuration, once: a second engine in the JVM finds it there. */
  static void load(ProcessEngineConfigurationImpl configuration, String mapper, String oneOfItsStatements) {
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    if (mybatis.hasStatement(oneOfItsStatements)) {
      return;
    }
    try (InputStream xml = EngineStatements.class.getClassLoader().getResourceAsStream(mapper)) {
      new XMLMapperBuilder(xml, mybatis, mapper, mybatis.getSqlFragments()).parse();
    } catch (IOException e) {
      throw new ProcessEngineException("could not read " + mapper, e);
    }
  }

  /**
   * Opens dsflow's manager wherever the engine opens its own of that type (a custom session factory replaces the
   * engine's for the type).
   */
  static <T extends Session> void openManager(ProcessEngineConfigurationImpl configuration, Class<T> type,
      Supplier<? extends T> manager) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return type;
      }

      @Override
      public Session openSession() {
        return manager.get();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  /** Runs dsflow's statement wherever the engine names one of its own (engine id → dsflow id). */
  static void replace(ProcessEngineConfigurationImpl configuration, Map<String, String> engineToDsflow) {
    // the engine's statement mappings for PostgreSQL are shared by every engine in the JVM: extend a copy
    DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
    Map<String, String> mappings = sessions.getStatementMappings() == null
        ? new HashMap<>() : new HashMap<>(sessions.getStatementMappings());
    mappings.putAll(engineToDsflow);
    sessions.setStatementMappings(mappings);
  }
}
