package cn.dsflow.notify;

import cn.dsflow.system.SystemCommands;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Queues a notification mail in the caller's transaction ({@link Outbox}); {@link OutboxWorker} sends it afterwards:
 * an SMTP outage never rolls back the user's action, failed sends are retried, and when retries run out the officers
 * get an alarm.
 */
@Service
public class Notifier {

  static final String SUBJECT_PREFIX = "【数据安全合规】";

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

  private final Outbox outbox;
  private final IdentityService identityService;
  private final SystemCommands system;
  private final String publicUrl;

  public Notifier(
      Outbox outbox,
      IdentityService identityService,
      SystemCommands system,
      @Value("${dsflow.public-url}") String publicUrl) {
    this.outbox = outbox;
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
    outbox.mail(String.join(",", addresses), String.join(",", recipients), SUBJECT_PREFIX + subject, fullBody);
  }

  private static void addIfPresent(Set<String> addresses, Set<String> recipients, User u) {
    if (u != null && u.getEmail() != null && !u.getEmail().isBlank()) {
      addresses.add(u.getEmail());
      recipients.add(u.getId());
    }
  }
}
