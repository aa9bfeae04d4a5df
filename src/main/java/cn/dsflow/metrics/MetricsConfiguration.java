package cn.dsflow.metrics;

import cn.dsflow.identity.ApiAuthenticationFilter;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.LoginThrottle;
import cn.dsflow.ledger.AuditChain;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * {@code /actuator/prometheus} on the application port, behind the same HTTP Basic login (and login throttle) as
 * {@code /api}, then {@link MetricsAccess}. Chosen over a separate management port: one port to protect, and the
 * scraper is a named account whose reads are attributable, rather than anyone who can reach an internal port.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

  static final String[] PATHS = {"/actuator/prometheus", "/actuator/prometheus/*", "/actuator/metrics",
      "/actuator/metrics/*"};

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> metricsAuthentication(IdentityService identityService,
      LoginThrottle throttle) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService, throttle));
    registration.addUrlPatterns(PATHS);
    registration.setName("metricsAuthentication");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  @Bean
  FilterRegistrationBean<MetricsAccess> metricsAccess(CurrentUser currentUser, ComplianceMetrics metrics,
      AuditChain audit, @Value("${dsflow.metrics.scrapers:}") Set<String> scrapers) {
    FilterRegistrationBean<MetricsAccess> registration =
        new FilterRegistrationBean<>(new MetricsAccess(currentUser, metrics, audit, Set.copyOf(scrapers)));
    registration.addUrlPatterns(PATHS);
    registration.setName("metricsAccess");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 40);
    return registration;
  }
}
