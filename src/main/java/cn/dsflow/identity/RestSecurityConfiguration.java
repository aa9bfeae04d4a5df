package cn.dsflow.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Camunda's REST API is open by default. Both {@code /engine-rest} and our {@code /api} require HTTP Basic against
 * the Camunda identity service; the webapps keep their own session login with CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
class RestSecurityConfiguration {

  @Bean
  FilterRegistrationBean<cn.dsflow.system.RequestSizeLimitFilter> requestSizeLimit() {
    FilterRegistrationBean<cn.dsflow.system.RequestSizeLimitFilter> registration =
        new FilterRegistrationBean<>(new cn.dsflow.system.RequestSizeLimitFilter());
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
    registration.setOrder(Integer.MIN_VALUE + 10);
    return registration;
  }

  /** Before every authentication, so that a refused cross-site call is attributed to nobody and audits nothing. */
  @Bean
  FilterRegistrationBean<CrossSiteRequestGuard> crossSiteRequestGuard() {
    FilterRegistrationBean<CrossSiteRequestGuard> registration = new FilterRegistrationBean<>(new CrossSiteRequestGuard());
    // /actuator too: the metrics accept the webapp session and audit a refusal (METRICS_REFUSED) in its user's name
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*", "/actuator/*");
    registration.setName("crossSiteRequestGuard");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  /** Before the session is trusted by /api reads or Camunda's webapp filters: a session older than a new password ends. */
  @Bean
  FilterRegistrationBean<SessionCredentialCheck> sessionCredentialCheck(org.springframework.jdbc.core.JdbcTemplate jdbc) {
    FilterRegistrationBean<SessionCredentialCheck> registration =
        new FilterRegistrationBean<>(new SessionCredentialCheck(jdbc));
    registration.addUrlPatterns("/api/*", "/camunda/api/*", "/actuator/*");
    registration.setName("sessionCredentialCheck");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 18);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.setName("engineRestAuthentication");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** Runs outside the authentication filters so it sees the final response of the engine's REST layer. */
  @Bean
  FilterRegistrationBean<EngineRefusalResponseFilter> engineRefusalStatus(TaskConflicts conflicts,
      cn.dsflow.ledger.AuditChain audit, cn.dsflow.form.FormContract forms, org.camunda.bpm.engine.TaskService tasks,
      cn.dsflow.system.SystemCommands system) {
    FilterRegistrationBean<EngineRefusalResponseFilter> registration =
        new FilterRegistrationBean<>(new EngineRefusalResponseFilter(conflicts, audit, forms, tasks, system));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setName("engineRefusalStatus");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /**
   * Inside the authentication filters, so it knows the caller; before Camunda's REST layer, so a refused call never
   * reaches the engine (issue 12 B/C, issue 20: a refused job execution must not count as a failed run).
   */
  @Bean
  FilterRegistrationBean<EngineApiGuard> engineApiGuard(IdentityService identityService,
      org.camunda.bpm.engine.RepositoryService repositoryService, org.camunda.bpm.engine.FormService formService,
      org.camunda.bpm.engine.TaskService taskService, cn.dsflow.system.SystemCommands system,
      cn.dsflow.form.DeclaredInput declaredInput, cn.dsflow.ledger.AuditChain audit) {
    FilterRegistrationBean<EngineApiGuard> registration = new FilterRegistrationBean<>(new EngineApiGuard(
        identityService, repositoryService, formService, taskService, system, declaredInput, audit));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*", "/camunda/api/cockpit/*");
    registration.setName("engineApiGuard");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identityService,
      LoginThrottle throttle) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService, throttle));
    registration.addUrlPatterns("/api/*");
    registration.setName("apiAuthentication");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
