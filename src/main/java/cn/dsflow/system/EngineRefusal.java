package cn.dsflow.system;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A rule refused an action (a listener, a delegate or a guard): the engine rolls the action back. It travels as an
 * object, never as text: {@link RefusalChannel} lifts it out of the engine's wrappers so the command ends with the
 * refusal itself, and hands it to {@link EngineRefusalResponseFilter}, which answers REST callers with its status and
 * a clean {@code {error, message}}.
 *
 * <p>It is a {@link BadUserRequestException} because that is what it is to the engine: a request the user may not make.
 * The engine then logs it at DEBUG instead of ERROR with a stack trace (quiet logs, issue 18), and Camunda's REST layer
 * answers 400 rather than 500 even where nothing else intervenes. Its Camunda error code (the custom range 20000–39999
 * of Camunda 7.20+) is {@code 20000 + status}, so a client that reads only Camunda's own {@code code} field still sees
 * 20403 for a forbidden act.
 */
public class EngineRefusal extends BadUserRequestException {

  /** Camunda's first custom error code (ExceptionCodeInterceptor.MIN_CUSTOM_CODE); codes below it are reserved. */
  static final int CODE_BASE = 20_000;

  private final int status;
  private final String code;
  private final String reason;
  /** The refused field's variable key ({@code invalid_input}), else null. */
  private final String field;
  /** What the refusal says about the field, without naming it. */
  private final String detail;
  /** The label the person's form shows for the field, once known; a person reads this, never the key. */
  private final String label;
  /** Set once the refusal is logged, so that a refusal passed on by a guard is one line, not two. */
  boolean logged;

  public EngineRefusal(int status, String code, String reason) {
    this(status, code, reason, null, null, null);
  }

  private EngineRefusal(int status, String code, String reason, String field, String detail, String label) {
    super(label == null ? reason : "「" + label + "」：" + detail);
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("a refusal answers 4xx, not " + status);
    }
    this.status = status;
    this.code = code;
    this.reason = reason;
    this.field = field;
    this.detail = detail;
    this.label = label;
    setCode(CODE_BASE + status);
  }

  public static EngineRefusal invalid(String field, String reason) {
    return new EngineRefusal(400, "invalid_input", field + ": " + reason, field, reason, null);
  }

  /**
   * The same refusal told by the label the person's form shows for the field ({@code 时效：截止日期}, not
   * {@code validUntil}); {@link #reason()} keeps the key for logs and code, the REST answer carries it as
   * {@code field}.
   */
  public EngineRefusal labelled(String fieldLabel) {
    if (field == null || fieldLabel == null || fieldLabel.isBlank() || label != null) {
      return this;
    }
    EngineRefusal named = new EngineRefusal(status, code, reason, field, detail, fieldLabel.strip());
    named.logged = logged;
    return named;
  }

  /** The refused field's variable key, or null when the refusal is not about one field. */
  public String field() {
    return field;
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

  /**
   * What a REST caller reads: {@code {type, error, message}} (DESIGN.md: errors are {@code {error, message}}), and
   * {@code field}, the refused field's key, so a client can mark it while the message names it as the form does.
   */
  public Map<String, Object> answer() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "EngineRefusal");
    body.put("error", code);
    body.put("message", getMessage());
    if (field != null) {
      body.put("field", field);
    }
    return body;
  }

  /** Our refusal among an exception's causes, or null when the exception is a real fault. */
  public static EngineRefusal in(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof EngineRefusal r) {
        return r;
      }
    }
    return null;
  }
}
