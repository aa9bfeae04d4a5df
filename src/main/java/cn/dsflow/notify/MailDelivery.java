package cn.dsflow.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends a queued mail: one UTF-8 message over SMTP. A failure is thrown to the worker, which retries. */
@Component
public class MailDelivery {

  /** The user ids a mail is for, in the mail itself, so the viewer files it by user without a second source (issue 12 C). */
  public static final String RECIPIENTS_HEADER = "X-Dsflow-Recipients";

  private final JavaMailSender sender;
  private final String from;

  public MailDelivery(JavaMailSender sender, @Value("${dsflow.mail.from}") String from) {
    this.sender = sender;
    this.from = from;
  }

  void deliver(OutboxMessage mail) throws MessagingException {
    MimeMessage message = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
    helper.setFrom(from);
    helper.setTo(mail.destination().split(","));
    helper.setSubject(mail.subject());
    helper.setText(mail.body());
    if (mail.recipientUsers() != null) {
      message.setHeader(RECIPIENTS_HEADER, mail.recipientUsers());
    }
    sender.send(message);
  }
}
