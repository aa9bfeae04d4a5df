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

  /** Process variable with the user ids a notification is for (the mail viewer shows mail by user, issue 12 C). */
  public static final String RECIPIENT_USERS = "mailToUsers";
  /** The same ids in the mail itself, so the viewer needs no second source. */
  public static final String RECIPIENTS_HEADER = "X-Dsflow-Recipients";

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
    Object recipients = execution.getVariable(RECIPIENT_USERS);
    if (recipients != null) {
      message.setHeader(RECIPIENTS_HEADER, recipients.toString());
    }
    sender.send(message);
  }
}
