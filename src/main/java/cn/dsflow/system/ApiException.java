package cn.dsflow.system;

import org.springframework.http.HttpStatus;

/** A refusal with a stable error code, a human message and, where one field is at fault, its name. */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final String field;

  public ApiException(HttpStatus status, String code, String message) {
    this(status, code, message, null);
  }

  public ApiException(HttpStatus status, String code, String message, String field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static ApiException badRequest(String field, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, "invalid_input", message, field);
  }

  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, "not_found", message);
  }

  /**
   * A refusal of the engine told to an {@code /api} caller exactly as the engine door ({@code /engine-rest}) tells it:
   * its status and code, the message that names the field by the label the person's form shows, and the field's key
   * for a client to mark.
   */
  public static ApiException refused(EngineRefusal refusal) {
    return new ApiException(HttpStatus.valueOf(refusal.status()), refusal.code(), refusal.getMessage(), refusal.field());
  }

  public static ApiException forbidden(String message) {
    return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
