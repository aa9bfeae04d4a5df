package cn.dsflow.destruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.system.EngineRefusal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 000 §4.7.2(1): who may destroy important or core data, and who must watch. */
class TeamRuleTest {

  static final Set<String> USERS = Set.of("zhangsan", "lisi", "wangwu", "zhaoliu", "auditor", "auditor2");
  static final Set<String> AUDIT = Set.of("auditor", "auditor2");
  static final TeamRule.Directory DIRECTORY = new TeamRule.Directory() {
    @Override
    public boolean exists(String userId) {
      return USERS.contains(userId);
    }

    @Override
    public boolean inAudit(String userId) {
      return AUDIT.contains(userId);
    }
  };

  static TeamRule.Team check(List<String> operators, String supervisor, String recordedBy) {
    return TeamRule.check(operators, supervisor, "zhangsan", recordedBy, DIRECTORY);
  }

  static void refused(Runnable act, String code) {
    assertThatThrownBy(act::run).isInstanceOfSatisfying(EngineRefusal.class, r -> {
      assertThat(r.code()).isEqualTo(code);
      assertThat(r.status()).isIn(400, 403);
    });
  }

  @Test
  void oneOperatorIsTooFew_twoAreEnough() {
    refused(() -> check(List.of("lisi"), "auditor", "lisi"), "operators_too_few");
    refused(() -> check(Arrays.asList("lisi", " ", null), "auditor", "lisi"), "operators_too_few");
    TeamRule.Team team = check(List.of("lisi", " wangwu "), "auditor", "lisi");
    assertThat(team.operators()).containsExactly("lisi", "wangwu");
    assertThat(team.supervisor()).isEqualTo("auditor");
    assertThat(check(List.of("lisi", "wangwu", "zhaoliu"), "auditor", "zhaoliu").operators()).hasSize(3);
  }

  @Test
  void theSamePersonTwiceIsOneOperator() {
    refused(() -> check(List.of("lisi", "lisi"), "auditor", "lisi"), "operators_not_distinct");
  }

  @Test
  void everyOperatorIsAKnownUserAndNotTheRequester() {
    refused(() -> check(List.of("lisi", "ghost"), "auditor", "lisi"), "unknown_user");
    refused(() -> check(List.of("lisi", "zhangsan"), "auditor", "lisi"), "requester_executes");
  }

  @Test
  void theSupervisorIsFromAuditAndIsNeitherAnOperatorNorTheRequester() {
    refused(() -> check(List.of("lisi", "wangwu"), " ", "lisi"), "invalid_input");
    refused(() -> check(List.of("lisi", "wangwu"), "wangwu", "lisi"), "supervisor_is_operator");
    refused(() -> check(List.of("lisi", "wangwu"), "zhangsan", "lisi"), "requester_supervises");
    refused(() -> check(List.of("lisi", "wangwu"), "zhaoliu", "lisi"), "supervisor_not_audit");
    assertThat(check(List.of("lisi", "wangwu"), " auditor2 ", "lisi").supervisor()).isEqualTo("auditor2");
  }

  @Test
  void onlyAnOperatorRecordsTheExecution() {
    refused(() -> check(List.of("lisi", "wangwu"), "auditor", "zhaoliu"), "recorder_not_operator");
    refused(() -> check(List.of("lisi", "wangwu"), "auditor", "auditor"), "recorder_not_operator");
    assertThat(check(List.of("lisi", "wangwu"), "auditor", "wangwu")).isNotNull();
    // the team can be checked before anyone records (recordedBy unknown)
    assertThat(check(List.of("lisi", "wangwu"), "auditor", null)).isNotNull();
  }
}
