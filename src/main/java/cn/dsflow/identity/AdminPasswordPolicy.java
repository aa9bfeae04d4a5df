package cn.dsflow.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Outside demo mode the administrator's password must come from {@code CAMUNDA_BPM_ADMINUSER_PASSWORD} and must not be
 * a well-known default: the engine refuses to start otherwise (before the admin user is created).
 */
@Component
public class AdminPasswordPolicy extends AbstractProcessEnginePlugin {

  static final Set<String> WELL_KNOWN =
      Set.of("", "admin", "demo", "demo-admin", "password", "camunda", "changeme", "123456", "12345678", "admin123",
          "password123", "qwerty", "secret");
  static final int MIN_LENGTH = 12;

  private final Environment environment;
  private final String password;

  public AdminPasswordPolicy(Environment environment, @Value("${camunda.bpm.admin-user.password:}") String password) {
    this.environment = environment;
    this.password = password;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (environment.getProperty("dsflow.ldap.enabled", Boolean.class, false)) {
      return; // directory login: the administrator is a directory user with the directory's password policy
    }
    check(environment.acceptsProfiles(Profiles.of("demo")), password);
  }

  /** @throws IllegalStateException with the reason when the password is not acceptable outside demo mode */
  static void check(boolean demoMode, String password) {
    if (demoMode) {
      return;
    }
    String p = password == null ? "" : password;
    if (WELL_KNOWN.contains(p.toLowerCase(Locale.ROOT)) || p.length() < MIN_LENGTH) {
      throw new IllegalStateException(
          "Refusing to start: set CAMUNDA_BPM_ADMINUSER_PASSWORD to a password of at least " + MIN_LENGTH
              + " characters that is not a well-known default (known defaults: "
              + Arrays.toString(WELL_KNOWN.stream().filter(s -> !s.isEmpty()).sorted().toArray()) + ")."
              + " For a local trial run with demo users use the profile 'demo'.");
    }
  }
}
