package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine decides which of a user's groups take part in an authorization check from the groups that hold any
 * authorization (issue 16 moved that lookup onto the group index). A group missing from the answer would lose its
 * candidates' tasks; a group kept after its last grant is gone must not matter, but the answer must follow the table.
 */
@DsflowIntegrationTest
class AuthorizedGroupIdsLookupIT {

  @Autowired ProcessEngineConfigurationImpl engine;
  @Autowired AuthorizationService authorizationService;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theEngineAsksTheGroupIndexNotEveryAuthorizationRow() {
    assertThat(engine.getDbSqlSessionFactory().mapStatement(AuthorizedGroupIdsLookup.ENGINE_STATEMENT))
        .isEqualTo(AuthorizedGroupIdsLookup.BY_INDEX);
  }

  @Test
  void aGroupCountsExactlyWhileItHoldsAnAuthorization() {
    String group = "probe-" + UUID.randomUUID();
    assertThat(engineAnswer()).isEqualTo(everyRowAnswer()).doesNotContain(group);

    Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(group);
    grant.setResource(Resources.TASK);
    grant.setResourceId(UUID.randomUUID().toString());
    grant.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(grant);
    assertThat(engineAnswer()).isEqualTo(everyRowAnswer()).contains(group);

    authorizationService.deleteAuthorization(grant.getId());
    assertThat(engineAnswer()).isEqualTo(everyRowAnswer()).doesNotContain(group);
  }

  /** What the engine's own authorization manager gets when it asks (through the statement mapping). */
  @SuppressWarnings("unchecked")
  List<String> engineAnswer() {
    return engine.getCommandExecutorTxRequired().execute(context ->
        ((List<String>) context.getDbEntityManager().selectList(AuthorizedGroupIdsLookup.ENGINE_STATEMENT))
            .stream().sorted().toList());
  }

  /** The engine's original statement, without the NULL group of user authorizations that the engine drops. */
  List<String> everyRowAnswer() {
    return jdbc.queryForList("SELECT DISTINCT group_id_ FROM act_ru_authorization WHERE group_id_ IS NOT NULL", String.class)
        .stream().sorted().toList();
  }
}
