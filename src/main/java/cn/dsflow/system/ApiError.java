package cn.dsflow.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The JSON body of every refusal under /api: {@code { "error": code, "message": text }}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String error, String message, List<FieldProblem> fields) {

  public record FieldProblem(String field, String message) {}

  public static ApiError of(String error, String message) {
    return new ApiError(error, message, List.of());
  }
}
