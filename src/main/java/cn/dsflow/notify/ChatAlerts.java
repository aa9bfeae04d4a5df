package cn.dsflow.notify;

import cn.dsflow.identity.Group;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Posts an event to the chat robots that subscribed to it for this dsflow group, through the outbox: queued in the
 * caller's transaction, delivered with the same retries and the same alarm as mail. Officers read their chat group
 * within minutes; a 4-hour report clock cannot wait for e-mail (issue 19).
 */
@Component
public class ChatAlerts {

  private final ChatSettings settings;
  private final Outbox outbox;
  private final String publicUrl;

  public ChatAlerts(ChatSettings settings, Outbox outbox, @Value("${dsflow.public-url}") String publicUrl) {
    this.settings = settings;
    this.outbox = outbox;
    this.publicUrl = publicUrl;
  }

  /**
   * @param group the dsflow group the event is for (a slot's group, a duty's owner, the escalation's target)
   * @param title a short line (e.g. the request summary); user text in it is shown, never interpreted as Markdown
   * @param text the message, plain text
   * @param path the task or page in dsflow, or {@code null}
   */
  public void post(ChatEvent event, String group, String title, String text, String path) {
    post(event, List.of(group), title, text, path);
  }

  /** One message per robot however many of these groups it follows (an escalation to 直接责任人 and 第一责任人). */
  public void post(ChatEvent event, List<String> groups, String title, String text, String path) {
    for (ChatSettings.Robot robot : settings.robots()) {
      List<String> followed = groups.stream().filter(g -> robot.wants(event, g)).toList();
      if (!followed.isEmpty()) {
        String heading = "【数据安全合规】" + event.label() + "：" + plain(title);
        outbox.chat(robot.name(), event, heading, markdown(heading, followed, text, path), path == null ? null : publicUrl + path);
      }
    }
  }

  /** Whether any robot follows one of these events: scans that only feed chat skip their query otherwise. */
  public boolean anyRobotFollows(ChatEvent... events) {
    return settings.robots().stream().anyMatch(r -> r.events().isEmpty() || List.of(events).stream().anyMatch(r.events()::contains));
  }

  private String markdown(String heading, List<String> groups, String text, String path) {
    StringBuilder md = new StringBuilder("**").append(heading).append("**\n\n").append(plain(text)).append("\n\n")
        .append("> 岗位：").append(String.join("、", groups.stream().map(g -> Group.byId(g).map(Group::chineseName).orElse(plain(g))).toList())).append("\n\n")
        .append("> 时间：").append(DeadlineChaser.beijing(ClockUtil.getCurrentTime()));
    if (path != null) {
      md.append("\n\n[打开办理页面](").append(publicUrl).append(path).append(")");
    }
    return md.toString();
  }

  /**
   * Text from requests (summaries are typed by the requester) shown as it is: the Markdown characters become their
   * full-width twins, so a summary cannot plant a link, a mention or a heading in an approver's chat group. Parentheses
   * stay: without brackets they make no link, and the times read "(北京时间)" as everywhere else.
   */
  static String plain(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      out.append(switch (c) {
        case '[' -> '［';
        case ']' -> '］';
        case '*' -> '＊';
        case '_' -> '＿';
        case '`' -> '｀';
        case '#' -> '＃';
        case '>' -> '＞';
        case '<' -> '＜';
        case '!' -> '！';
        case '@' -> '＠';
        case '~' -> '～';
        case '|' -> '｜';
        default -> c;
      });
    }
    return out.toString();
  }
}
