package cn.dsflow.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdminPasswordPolicyTest {

  @Test
  void refusesToStartWithoutAPasswordOutsideDemoMode() {
    assertThatThrownBy(() -> AdminPasswordPolicy.check(false, ""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CAMUNDA_BPM_ADMINUSER_PASSWORD");
    assertThatThrownBy(() -> AdminPasswordPolicy.check(false, null)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesWellKnownDefaultsAndShortPasswords() {
    assertThatThrownBy(() -> AdminPasswordPolicy.check(false, "admin")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AdminPasswordPolicy.check(false, "Demo")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AdminPasswordPolicy.check(false, "elevenchars")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void acceptsAStrongPasswordAndAnythingInDemoMode() {
    assertThatCode(() -> AdminPasswordPolicy.check(false, "twelve-chars")).doesNotThrowAnyException();
    assertThatCode(() -> AdminPasswordPolicy.check(true, "demo-admin")).doesNotThrowAnyException();
  }
}
