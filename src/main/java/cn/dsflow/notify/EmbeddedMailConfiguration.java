package cn.dsflow.notify;

import java.util.Properties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Without SPRING_MAIL_HOST the app runs its own SMTP server and sends to it; with it, Spring Boot's sender is used. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
class EmbeddedMailConfiguration {

  @Bean(initMethod = "start", destroyMethod = "stop")
  EmbeddedMailServer embeddedMailServer(@Value("${dsflow.mail.embedded.smtp-port:0}") int port) {
    return new EmbeddedMailServer(port);
  }

  @Bean
  JavaMailSender javaMailSender(EmbeddedMailServer server) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(server.port());
    sender.setDefaultEncoding("UTF-8");
    Properties properties = new Properties();
    properties.put("mail.smtp.connectiontimeout", "5000");
    properties.put("mail.smtp.timeout", "5000");
    properties.put("mail.smtp.writetimeout", "5000");
    sender.setJavaMailProperties(properties);
    return sender;
  }
}
