package cn.dsflow.identity;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires {@link LoginThrottle} into the engine's password check and tells it where each request came from. */
@Configuration(proxyBeanMethods = false)
class LoginThrottleConfiguration {

  /** First of all filters, so every authentication filter after it knows the address. */
  @Bean
  FilterRegistrationBean<ClientAddress> clientAddress() {
    FilterRegistrationBean<ClientAddress> registration = new FilterRegistrationBean<>(new ClientAddress());
    registration.addUrlPatterns("/*");
    registration.setName("clientAddress");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** With directory login ({@link DirectoryLogin}) the directory's provider carries the throttle instead. */
  @Bean
  @ConditionalOnProperty(name = "dsflow.ldap.enabled", havingValue = "false", matchIfMissing = true)
  ProcessEnginePlugin throttledPasswordCheck(LoginThrottle throttle) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new SessionFactory() {
          @Override
          public Class<?> getSessionType() {
            return ThrottledIdentityProvider.class;
          }

          @Override
          public Session openSession() {
            return new ThrottledIdentityProvider(throttle);
          }
        });
      }
    };
  }
}
