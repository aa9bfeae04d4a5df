package cn.dsflow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Camunda's REST layer (both {@code /engine-rest} and the webapps' {@code /camunda/api/engine}) answers 500 for any
 * exception a listener throws. When the cause is one of our refusals, this turns it into the status it means (400,
 * 403, 409 …) with a clean message, so Tasklist and REST clients see "申请人不得审批自己的申请", not a stack of wrappers.
 */
public class EngineRefusalResponseFilter extends OncePerRequestFilter {

  private final ObjectMapper mapper = new ObjectMapper();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, wrapper);
    } finally {
      if (wrapper.getStatus() == HttpServletResponse.SC_INTERNAL_SERVER_ERROR) {
        EngineRefusal refusal =
            EngineRefusal.parse(new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8).replace("\\u0027", "'"));
        if (refusal != null) {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("type", "EngineRefusal");
          body.put("error", refusal.code());
          body.put("message", refusal.reason());
          wrapper.resetBuffer();
          wrapper.setStatus(refusal.status());
          wrapper.setContentType(MediaType.APPLICATION_JSON_VALUE);
          wrapper.setCharacterEncoding(StandardCharsets.UTF_8.name());
          wrapper.getOutputStream().write(mapper.writeValueAsBytes(body));
        }
      }
      wrapper.copyBodyToResponse();
    }
  }
}
