package cn.dsflow.notify;

import cn.dsflow.system.SystemCommands;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Queues a notification mail in the caller's transaction. The mail itself is sent by the asynchronous process
 * {@code dsflow-notification}: an SMTP outage never rolls back the user's action, failed sends are retried by the job
 * executor, and when retries run out the job becomes an incident in Cockpit.
 */
@Service
public class Notifier {

  public static final String PROCESS_KEY = "dsflow-notification";
  static final String SUBJECT_PREFIX = "【数据安全合规】";

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final SystemCommands system;
  private final String publicUrl;

  public Notifier(
      RuntimeService runtimeService,
      IdentityService identityService,
      SystemCommands system,
      @Value("${dsflow.public-url}") String publicUrl) {
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.system = system;
    this.publicUrl = publicUrl;
  }

  /** Mails every member of the group (e.g. the candidates of a newly opened approval slot). */
  public void toGroup(String groupId, String subject, String body, String path) {
    toGroupExcept(groupId, Set.of(), subject, body, path);
  }

  /**
   * Mails every member of the group but the excluded users: an approval slot's mail is not sent to the request's own
   * requester, who may be in the approving group but may not decide on their own request (职责分离, 000 §3.4.2).
   */
  public void toGroupExcept(String groupId, Collection<String> excluded, String subject, String body, String path) {
    Set<String> addresses = new LinkedHashSet<>();
    Set<String> recipients = new LinkedHashSet<>();
    system.run(() -> identityService.createUserQuery().memberOfGroup(groupId).list()).stream()
        .filter(u -> !excluded.contains(u.getId()))
        .forEach(u -> addIfPresent(addresses, recipients, u));
    send(addresses, recipients, subject, body, path, "group " + groupId);
  }

  public void toUsers(Collection<String> userIds, String subject, String body, String path) {
    Set<String> addresses = new LinkedHashSet<>();
    Set<String> recipients = new LinkedHashSet<>();
    for (String id : userIds) {
      if (id == null) {
        continue;
      }
      User u = system.run(() -> identityService.createUserQuery().userId(id).singleResult());
      addIfPresent(addresses, recipients, u);
    }
    send(addresses, recipients, subject, body, path, "users " + userIds);
  }

  public String taskLink(String taskId) {
    return "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  private void send(Set<String> addresses, Set<String> recipients, String subject, String body, String path,
      String audience) {
    if (addresses.isEmpty()) {
      LOG.warn("No mail address for {}: notification '{}' not sent", audience, subject);
      return;
    }
    String fullBody = path == null ? body : body + "\n\n办理链接 (link): " + publicUrl + path;
    system.run(() -> runtimeService.startProcessInstanceByKey(
        PROCESS_KEY,
        Map.of("mailTo", String.join(",", addresses), MailDelivery.RECIPIENT_USERS, String.join(",", recipients),
            "mailSubject", SUBJECT_PREFIX + subject, "mailBody", fullBody)));
  }

  private static void addIfPresent(Set<String> addresses, Set<String> recipients, User u) {
    if (u != null && u.getEmail() != null && !u.getEmail().isBlank()) {
      addresses.add(u.getEmail());
      recipients.add(u.getId());
    }
  }
}
