package cn.dsflow.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an oversize request body with 413 before anything parses it: JSON bodies of the APIs are small, and only
 * multipart uploads (evidence) may be larger, up to Spring's multipart limit.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

  static final long MAX_JSON_BYTES = 1_048_576;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType();
    boolean multipart = type != null && type.toLowerCase().startsWith("multipart/");
    if (!multipart && request.getContentLengthLong() > MAX_JSON_BYTES) {
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write("{\"error\":\"payload_too_large\",\"message\":\"请求体超过 1 MB (request body larger than 1 MB)\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}
