package cn.dsflow.system;

import cn.dsflow.system.ApiError.FieldProblem;
import jakarta.validation.ConstraintViolationException;
import java.sql.SQLException;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps every refusal of our own REST API to a JSON body and a fitting 4xx status. */
@RestControllerAdvice(basePackages = "cn.dsflow")
public class ApiExceptionHandler {

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> refused(ApiException e) {
    List<FieldProblem> fields =
        e.field() == null ? List.of() : List.of(new FieldProblem(e.field(), e.getMessage()));
    return json(e.status().value()).body(new ApiError(e.code(), e.getMessage(), fields));
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e) {
    List<FieldProblem> fields =
        e.getBindingResult().getFieldErrors().stream()
            .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage()))
            .toList();
    String message =
        fields.stream().map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b).orElse("invalid input");
    return json(HttpStatus.BAD_REQUEST.value()).body(new ApiError("invalid_input", message, fields));
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ApiError> invalidParameter(ConstraintViolationException e) {
    return json(HttpStatus.BAD_REQUEST.value()).body(ApiError.of("invalid_input", e.getMessage()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    return json(HttpStatus.BAD_REQUEST.value())
        .body(ApiError.of("malformed_request", "请求体不是有效的 JSON 或字段类型不符 (body is not valid JSON for this endpoint)"));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
    return json(HttpStatus.BAD_REQUEST.value()).body(new ApiError("invalid_input",
        "缺少参数 " + e.getParameterName() + " (parameter required)", List.of(new FieldProblem(e.getParameterName(), "必填 (required)"))));
  }

  /** A fixed text: Spring's own names Java types ("Failed to convert value of type 'java.lang.String' …"). */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e) {
    return json(HttpStatus.BAD_REQUEST.value()).body(new ApiError("invalid_input",
        "参数 " + e.getName() + " 的值无效 (invalid value)", List.of(new FieldProblem(e.getName(), "值无效 (invalid value)"))));
  }

  /**
   * Text PostgreSQL refuses to store (SQLSTATE 22021, a NUL character): the input was unusable, so 400 rather than a
   * 500; the transaction it came in has already rolled back, nothing half-written stays.
   */
  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<ApiError> unstorable(DataIntegrityViolationException e) {
    if (e.getMostSpecificCause() instanceof SQLException sql && "22021".equals(sql.getSQLState())) {
      return json(HttpStatus.BAD_REQUEST.value())
          .body(ApiError.of("invalid_input", "输入含有空字符（U+0000）或无效字符，不能保存 (input holds a character that cannot be stored)"));
    }
    throw e;
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
    return json(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value())
        .body(ApiError.of("unsupported_media_type", "Content-Type must be application/json"));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
    return json(HttpStatus.METHOD_NOT_ALLOWED.value()).body(ApiError.of("method_not_allowed", e.getMessage()));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> noResource(NoResourceFoundException e) {
    return json(HttpStatus.NOT_FOUND.value()).body(ApiError.of("not_found", e.getMessage()));
  }

  /**
   * The refusal is JSON whatever the caller's Accept header says: with the type preset, Spring writes it without
   * content negotiation, so {@code Accept: text/html} gets the 4xx JSON rather than a 500 (found by the attack).
   */
  static ResponseEntity.BodyBuilder json(int status) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
  }
}
