package cn.dsflow.notify;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Group robots of the chat platforms people read ({@code dsflow.chat.robots[n].*}, or
 * {@code DSFLOW_CHAT_ROBOTS_0_URL} and so on). None by default.
 *
 * @param robots each robot: a name (used in the outbox, logs and alarms, never the URL), its platform, its webhook URL
 *     (WeCom's carries its key: a secret too), an optional signing secret (DingTalk 加签, Feishu 签名校验), the dsflow
 *     groups whose events it posts (empty: every group) and the events (empty: every event)
 */
@ConfigurationProperties("dsflow.chat")
public record ChatSettings(List<Robot> robots) {

  public enum Platform { WECOM, DINGTALK, FEISHU }

  public record Robot(String name, Platform platform, String url, String secret, Set<String> groups,
      Set<ChatEvent> events) {

    public Robot {
      groups = groups == null ? Set.of() : Set.copyOf(groups);
      events = events == null ? Set.of() : Set.copyOf(events);
    }

    boolean wants(ChatEvent event, String group) {
      return (events.isEmpty() || events.contains(event)) && (groups.isEmpty() || groups.contains(group));
    }

    boolean signed() {
      return secret != null && !secret.isBlank();
    }

    /** Never the URL or the secret: this is what logs and errors show. */
    @Override
    public String toString() {
      return "robot " + name + " (" + platform + ")";
    }
  }

  public ChatSettings {
    robots = robots == null ? List.of() : List.copyOf(robots);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < robots.size(); i++) {
      Robot r = robots.get(i);
      String where = "dsflow.chat.robots[" + i + "]";
      if (r.name() == null || !r.name().matches("[A-Za-z0-9_-]{1,64}") || !names.add(r.name())) {
        throw new IllegalArgumentException(where + ".name: required, unique, letters, digits, - and _ only");
      }
      if (r.platform() == null) {
        throw new IllegalArgumentException(where + ".platform: one of WECOM, DINGTALK, FEISHU");
      }
      if (!httpUrl(r.url())) {
        throw new IllegalArgumentException(where + ".url: an http(s) webhook URL is required"); // the URL itself is not echoed
      }
    }
  }

  Robot robot(String name) {
    return robots.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
  }

  private static boolean httpUrl(String url) {
    try {
      URI uri = url == null ? null : URI.create(url);
      return uri != null && uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
