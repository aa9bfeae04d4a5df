package cn.dsflow.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** The send step of {@code dsflow-notification}: one UTF-8 mail over SMTP. A failure fails the job, which retries. */
@Component("sendMail")
public class MailDelivery implements JavaDelegate {

  private final JavaMailSender sender;
  private final String from;

  public MailDelivery(JavaMailSender sender, @Value("${dsflow.mail.from}") String from) {
    this.sender = sender;
    this.from = from;
  }

  @Override
  public void execute(DelegateExecution execution) throws MessagingException {
    MimeMessage message = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
    helper.setFrom(from);
    helper.setTo(((String) execution.getVariable("mailTo")).split(","));
    helper.setSubject((String) execution.getVariable("mailSubject"));
    helper.setText((String) execution.getVariable("mailBody"));
    sender.send(message);
  }
}
