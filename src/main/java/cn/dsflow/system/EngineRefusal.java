package cn.dsflow.system;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule refused an action inside the engine (a listener or delegate): the engine rolls the action back. The message
 * carries a marker so that {@link EngineRefusalResponseFilter} can give REST callers the right status and a clean
 * message, since the engine wraps listener exceptions into HTTP 500.
 */
public class EngineRefusal extends RuntimeException {

  static final Pattern MARKER = Pattern.compile("\\[DSFLOW:(\\d{3}):([a-z_]+)] (.*?)(?:'|\\\\\"|\"|$)", Pattern.DOTALL);

  private final int status;
  private final String code;
  private final String reason;

  public EngineRefusal(int status, String code, String reason) {
    super("[DSFLOW:" + status + ":" + code + "] " + reason);
    this.status = status;
    this.code = code;
    this.reason = reason;
  }

  public static EngineRefusal invalid(String field, String reason) {
    return new EngineRefusal(400, "invalid_input", field + ": " + reason);
  }

  public static EngineRefusal forbidden(String code, String reason) {
    return new EngineRefusal(403, code, reason);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  /** Finds our refusal in an engine exception's causes, or in a message that quotes it. */
  public static EngineRefusal in(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof EngineRefusal r) {
        return r;
      }
    }
    return t == null ? null : parse(t.getMessage());
  }

  static EngineRefusal parse(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = MARKER.matcher(text);
    return m.find() ? new EngineRefusal(Integer.parseInt(m.group(1)), m.group(2), m.group(3)) : null;
  }
}
