package cn.dsflow.identity;

import cn.dsflow.system.EngineRefusal;
import cn.dsflow.system.RequestBodyInMemory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The request with the JSON body {@link EngineApiGuard} checked, re-serialised, in place of the one sent: the engine
 * parses exactly what was checked (no second parser reading duplicate keys or another charset differently).
 */
class RewrittenJsonRequest extends RequestBodyInMemory {

  private static final String CONTENT_TYPE = "application/json;charset=UTF-8";

  private final int length;

  RewrittenJsonRequest(HttpServletRequest request, byte[] body) {
    super(request, body);
    this.length = body.length;
  }

  /** The request's body as a JSON object (empty when there is none); a body that is not one is refused with 400. */
  static ObjectNode bodyOf(HttpServletRequest request, ObjectMapper json) throws IOException {
    byte[] raw = request.getInputStream().readAllBytes();
    if (raw.length == 0) {
      return json.createObjectNode();
    }
    try {
      JsonNode node = json.readTree(raw);
      if (node != null && node.isObject()) {
        return (ObjectNode) node;
      }
    } catch (JsonProcessingException e) {
      // refused below, as any other body that is not an object
    }
    throw new EngineRefusal(400, "invalid_json", "请求体不是有效的 JSON 对象 (the body is not a valid JSON object)");
  }

  @Override
  public String getContentType() {
    return CONTENT_TYPE;
  }

  @Override
  public String getCharacterEncoding() {
    return StandardCharsets.UTF_8.name();
  }

  @Override
  public String getHeader(String name) {
    if ("content-type".equalsIgnoreCase(name)) {
      return CONTENT_TYPE;
    }
    if ("content-length".equalsIgnoreCase(name)) {
      return Integer.toString(length);
    }
    if ("transfer-encoding".equalsIgnoreCase(name)) {
      return null;
    }
    return super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    if ("content-type".equalsIgnoreCase(name) || "content-length".equalsIgnoreCase(name)
        || "transfer-encoding".equalsIgnoreCase(name)) {
      String value = getHeader(name);
      return value == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(value));
    }
    return super.getHeaders(name);
  }
}
