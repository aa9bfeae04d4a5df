package cn.dsflow.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;

/**
 * Statistics and indexes on the engine's tables that help PostgreSQL plan dsflow's task lists
 * ({@link AuthorizationStatistics}, {@link CandidateLinkIndex}). Made when the engine has built its tables, not by
 * Flyway (migrations run before the engine creates its tables on an empty database). They change plans, never
 * results, so a database user that may not make them gets a warning, not a failed start.
 */
final class PlanAids {

  interface Work {
    void run(Statement statement, String tablePrefix) throws SQLException;
  }

  private PlanAids() {
  }

  static void make(ProcessEngine engine, Logger log, String withoutIt, Work work) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    try (Connection c = configuration.getDataSource().getConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      work.run(s, configuration.getDatabaseTablePrefix());
    } catch (SQLException e) {
      log.warn("could not make a plan aid ({}): {}", withoutIt, e.getMessage());
    }
  }
}
