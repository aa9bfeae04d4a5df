package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The task list's authorization join is planned from what PostgreSQL believes about {@code PERMS_ & n = n} (issue 16:
 * a guess of 0.5 % made one 待我审批 count at 10k open requests take 70 s). These check the two things the plan
 * depends on: the estimate follows the table, and a query that checks authorizations is planned with its real
 * parameters (CustomPlansForAuthorizedQueries) while every other statement keeps its cached plan.
 */
@DsflowIntegrationTest
class AuthorizationStatisticsIT {

  private static final Pattern ESTIMATE = Pattern.compile("rows=(\\d+)");

  @Autowired JdbcTemplate jdbc;

  @Test
  void thePlannerKnowsHowManyAuthorizationsGrantEachTaskListPermission() {
    jdbc.execute("ANALYZE act_ru_authorization");
    for (int permission : AuthorizationStatistics.TASK_LIST_PERMISSIONS) {
      long actual = jdbc.queryForObject(
          "SELECT count(*) FROM act_ru_authorization WHERE perms_ & " + permission + " = " + permission, Long.class);
      String plan = jdbc.queryForList(
          "EXPLAIN SELECT * FROM act_ru_authorization WHERE perms_ & " + permission + " = " + permission, String.class).get(0);
      Matcher m = ESTIMATE.matcher(plan);
      assertThat(m.find()).isTrue();
      long estimated = Long.parseLong(m.group(1));
      // without the statistics the estimate is 0.5 % of the table whatever the data: far below the real count
      assertThat(actual).isGreaterThan(20);
      assertThat(estimated).as("estimate for PERMS_ & %d, actual %d", permission, actual)
          .isBetween(actual / 2, actual * 2);
    }
  }

  @Test
  void aQueryThatChecksAuthorizationsIsPlannedWithItsParametersForTheRestOfItsTransaction() {
    assertThat(jdbc.queryForObject("SHOW plan_cache_mode", String.class)).as("a pooled connection").isEqualTo("auto");
    assertThat(planModeAfter(null)).as("a query for nobody: no check").isEqualTo("auto");
    assertThat(planModeAfter("wangwu")).as("a query for a signed-in user: checked").isEqualTo("force_custom_plan");
    // SET LOCAL ends with the transaction: the next command on the pool starts from the default again
    assertThat(planModeAfter(null)).isEqualTo("auto");
  }

  /** Runs a task query inside one engine command (as the user, or nobody) and reads the mode on its connection. */
  String planModeAfter(String user) {
    if (user == null) {
      identityService.clearAuthentication();
    } else {
      identityService.setAuthentication(user, java.util.List.of("deptHead"));
    }
    try {
      return engine.getCommandExecutorTxRequired().execute(context -> {
        new org.camunda.bpm.engine.impl.TaskQueryImpl(engine.getCommandExecutorTxRequired())
            .taskCandidateGroup("deptHead").taskUnassigned().list();
        try (java.sql.Statement s = context.getDbSqlSession().getSqlSession().getConnection().createStatement();
            java.sql.ResultSet rs = s.executeQuery("SHOW plan_cache_mode")) {
          rs.next();
          return rs.getString(1);
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
    } finally {
      identityService.clearAuthentication();
    }
  }

  @Autowired org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engine;
  @Autowired org.camunda.bpm.engine.IdentityService identityService;
}
