package cn.dsflow.incident;

import static cn.dsflow.incident.IncidentLevel.I;
import static cn.dsflow.incident.IncidentLevel.II;
import static cn.dsflow.incident.IncidentLevel.III;
import static cn.dsflow.incident.IncidentLevel.IV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.system.EngineRefusal;
import org.junit.jupiter.api.Test;

/** The incident lead's grading against the tables: reasons, upgrades at once, downgrades only with a second person. */
class GradingRuleTest {

  static void refusedForWantOfAReason(Runnable act) {
    assertThatThrownBy(act::run).isInstanceOfSatisfying(EngineRefusal.class,
        r -> assertThat(r.reason()).startsWith("gradingReason"));
  }

  @Test
  void confirmingTheTablesNeedsNoReason() {
    GradingRule g = GradingRule.decide(II, III, II, III, null, false);
    assertThat(g.overridden()).isFalse();
    assertThat(g.downgrade()).isFalse();
    assertThat(g.miit()).isEqualTo(II);
    assertThat(g.cac()).isEqualTo(III);
  }

  @Test
  void anOverrideNeedsAReasonOfFiveCharacters_fourAreNotEnough() {
    refusedForWantOfAReason(() -> GradingRule.decide(III, III, II, III, null, false));
    refusedForWantOfAReason(() -> GradingRule.decide(III, III, III, II, "损失扩大", false));
    refusedForWantOfAReason(() -> GradingRule.decide(III, III, III, II, "  损失扩大  ", false));
    assertThat(GradingRule.decide(III, III, III, II, "损失仍扩大", false).overridden()).isTrue();
  }

  @Test
  void anUpgradeTakesEffectAtOnce() {
    GradingRule g = GradingRule.decide(III, IV, I, II, "损失仍在扩大，预计超过一亿元", false);
    assertThat(g.miit()).isEqualTo(I);
    assertThat(g.cac()).isEqualTo(II);
    assertThat(g.downgrade()).isFalse();
  }

  @Test
  void aDowngradeOnEitherScaleLeavesTheTablesLevelInForceUntilASecondPersonDecides() {
    GradingRule miitLower = GradingRule.decide(II, II, III, II, "影响范围已核实较小", false);
    assertThat(miitLower.downgrade()).isTrue();
    assertThat(miitLower.miit()).isEqualTo(II);
    GradingRule cacLower = GradingRule.decide(II, II, II, IV, "影响范围已核实较小", false);
    assertThat(cacLower.downgrade()).isTrue();
    assertThat(cacLower.cac()).isEqualTo(II);
    // one scale up, the other down: the higher of each stands, and the downgrade still goes to review
    GradingRule mixed = GradingRule.decide(III, II, II, III, "一升一降，均有核实依据", false);
    assertThat(mixed.downgrade()).isTrue();
    assertThat(mixed.miit()).isEqualTo(II);
    assertThat(mixed.cac()).isEqualTo(II);
  }

  @Test
  void atAnHourBoundaryConfirmingTheHigherLevelNeedsTheReviewWrittenDown() {
    refusedForWantOfAReason(() -> GradingRule.decide(II, II, II, II, null, true));
    assertThat(GradingRule.decide(II, II, II, II, "已复核，按较高级别", true).overridden()).isFalse();
    assertThat(GradingRule.decide(II, II, II, II, null, false).overridden()).isFalse();
  }
}
