package cn.dsflow.identity;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Directory login is off unless {@code dsflow.ldap.enabled=true}: the database identity stays the default. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dsflow.ldap.enabled", havingValue = "true")
class DirectoryLoginConfiguration {

  @Bean
  @ConfigurationProperties("dsflow.ldap")
  DirectoryLogin directoryLogin(LoginThrottle throttle) {
    return new DirectoryLogin(throttle);
  }
}
