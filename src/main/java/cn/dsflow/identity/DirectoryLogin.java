package cn.dsflow.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;

/**
 * Camunda's LDAP plugin (users, groups and passwords from the company directory, read only), bound to
 * {@code dsflow.ldap.*}, with the directory's groups mapped to dsflow's ({@code dsflow.ldap.groups.<dsflowGroup>}) and
 * the login throttle of issue 13 kept. Authorizations stay in dsflow's database, set up by {@link IdentitySetup}.
 */
public class DirectoryLogin extends LdapIdentityProviderPlugin {

  private final LoginThrottle throttle;
  private Map<String, String> groups = new LinkedHashMap<>();

  DirectoryLogin(LoginThrottle throttle) {
    this.throttle = throttle;
    // the directory decides who may read whom through our own authorizations (IdentitySetup grants USER/GROUP READ)
    setAuthorizationCheckEnabled(true);
    // a wrong password is a failed login, counted by the throttle, not an exception (a 500) at the door
    setPasswordCheckCatchAuthenticationException(true);
  }

  public Map<String, String> getGroups() {
    return groups;
  }

  public void setGroups(Map<String, String> groups) {
    this.groups = groups;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (getServerUrl() == null || getServerUrl().isBlank()) {
      throw new IllegalStateException("dsflow.ldap.enabled=true needs dsflow.ldap.server-url (DSFLOW_LDAP_SERVERURL)");
    }
    DirectoryGroups mapping = new DirectoryGroups(groups); // refuses to start on a wrong mapping
    super.preInit(configuration);
    configuration.setIdentityProviderSessionFactory(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return ReadOnlyIdentityProvider.class;
      }

      @Override
      public Session openSession() {
        return new DirectoryIdentityProvider(DirectoryLogin.this, throttle, mapping);
      }
    });
  }
}
