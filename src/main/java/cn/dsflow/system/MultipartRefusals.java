package cn.dsflow.system;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A multipart body is parsed before any controller is chosen, so {@link ApiExceptionHandler} (bound to dsflow's
 * controllers) never sees its failure, and the container answered a body without its boundary or its end with a 500
 * and a stack trace (found by the attack). This advice is bound to no controller: a broken upload is the caller's
 * mistake, 400 JSON, and an upload over the limit 413.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MultipartRefusals {

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
    return ApiExceptionHandler.json(HttpStatus.PAYLOAD_TOO_LARGE.value())
        .body(ApiError.of("payload_too_large", "上传内容过大 (upload larger than allowed)"));
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ApiError> malformed(MultipartException e) {
    return ApiExceptionHandler.json(HttpStatus.BAD_REQUEST.value())
        .body(ApiError.of("malformed_request", "上传内容不是完整的 multipart/form-data (malformed multipart body)"));
  }
}
