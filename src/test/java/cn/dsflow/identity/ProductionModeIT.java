package cn.dsflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Outside demo mode: the groups exist, the administrator's password comes from the environment, no demo users. */
// its engine has a name of its own: engines register JVM-wide by name, and a second "default" would take over the
// /engine-rest of the suite's shared context for every test that runs after this one
@SpringBootTest(
    properties = {"camunda.bpm.admin-user.password=a-strong-operator-secret", "camunda.bpm.process-engine-name=production"})
@ActiveProfiles("test")
class ProductionModeIT {

  @Autowired IdentityService identityService;
  @Autowired FilterService filterService;

  @Test
  void demoUsersExistOnlyInDemoMode() {
    for (DemoData.DemoUser demo : DemoData.USERS) {
      assertThat(identityService.createUserQuery().userId(demo.id()).count()).as(demo.id()).isZero();
    }
    assertThat(filterService.createFilterQuery().filterName("待我审批").count()).isZero();
  }

  @Test
  void everyGroupExistsWithItsChineseName() {
    for (Group g : Group.values()) {
      assertThat(identityService.createGroupQuery().groupId(g.id()).singleResult().getName()).isEqualTo(g.chineseName());
    }
  }

  @Test
  void theAdministratorUsesThePasswordFromTheEnvironment() {
    assertThat(identityService.checkPassword("admin", "a-strong-operator-secret")).isTrue();
    assertThat(identityService.checkPassword("admin", "admin")).isFalse();
  }
}
