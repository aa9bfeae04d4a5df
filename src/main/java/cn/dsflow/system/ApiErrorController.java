package cn.dsflow.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors that never reach a dsflow controller — a method the path does not take (405), a path nobody serves, a request
 * Tomcat itself refused before Spring saw it — are forwarded by the container to {@code /error}. Under {@code /api}
 * they are answered like every other refusal there, {@code {error, message}} as JSON whatever the Accept header
 * (DESIGN.md contract), never Spring's or Tomcat's own page. Everything else keeps Spring Boot's error handling.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ApiErrorController extends BasicErrorController {

  public ApiErrorController(ErrorAttributes errorAttributes, ServerProperties server,
      ObjectProvider<ErrorViewResolver> resolvers) {
    super(errorAttributes, server.getError(), resolvers.orderedStream().toList());
  }

  @Override
  public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
    if (!fromApi(request)) {
      return super.errorHtml(request, response);
    }
    Map<String, Object> body = body(request);
    response.setStatus(statusOf(request));
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    try {
      response.getWriter().write("{\"error\":\"" + body.get("error") + "\",\"message\":\"" + body.get("message") + "\"}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return null; // answered here: no view
  }

  @Override
  public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    if (!fromApi(request)) {
      return super.error(request);
    }
    return ResponseEntity.status(statusOf(request)).contentType(MediaType.APPLICATION_JSON).body(body(request));
  }

  static boolean fromApi(HttpServletRequest request) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri == null ? null : uri.toString().substring(request.getContextPath().length());
    return path != null && (path.equals("/api") || path.startsWith("/api/"));
  }

  private static int statusOf(HttpServletRequest request) {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    return status instanceof Integer s && s >= 400 ? s : 500;
  }

  /** Fixed texts only (no exception message, which may carry internals); both are JSON-safe as written. */
  static Map<String, Object> body(HttpServletRequest request) {
    return answer(statusOf(request), request.getMethod());
  }

  static Map<String, Object> answer(int status, String method) {
    String[] answer = switch (status) {
      case 400 -> new String[] {"malformed_request", "请求格式有误（地址、参数或请求体）(the request is malformed)"};
      case 401 -> new String[] {"unauthorized", "需要登录 (authentication required)"};
      case 403 -> new String[] {"forbidden", "无权执行此操作 (forbidden)"};
      case 404 -> new String[] {"not_found", "没有这个地址 (no such resource)"};
      case 405 -> new String[] {"method_not_allowed", "此地址不接受 " + safe(method) + " 请求 (method not allowed here)"};
      case 406 -> new String[] {"not_acceptable", "只提供 JSON 或文中所述格式 (the requested format is not offered)"};
      case 413 -> new String[] {"payload_too_large", "请求体过大 (request body too large)"};
      case 415 -> new String[] {"unsupported_media_type", "Content-Type 须为 application/json (unsupported content type)"};
      // Tomcat's answer to a transfer coding it does not implement (Transfer-Encoding: gzip): the client's choice, not a fault
      case 501 -> new String[] {"not_implemented", "不支持请求所用的传输编码或方式 (the request's transfer coding is not implemented)"};
      // Tomcat's answer to a request line naming an HTTP version it does not speak (HTTP/3.0): the client's, not a fault
      case 505 -> new String[] {"http_version_not_supported", "不支持请求所用的 HTTP 版本，请使用 HTTP/1.1 (HTTP version not supported)"};
      default -> status < 500
          ? new String[] {"request_refused", "请求被拒绝 (HTTP " + status + ")"}
          : new String[] {"internal_error", "服务器内部错误，已记录 (internal error; it was logged)"};
    };
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", answer[0]);
    body.put("message", answer[1]);
    return body;
  }

  /** A method name is a token of letters; anything else (a forged method) is not echoed. */
  private static String safe(String method) {
    return method != null && method.matches("[A-Za-z]{1,20}") ? method : "该";
  }
}
