package cn.dsflow.apidoc;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI document is checked against the endpoints Spring actually serves, so it cannot fall behind them. */
@DsflowIntegrationTest
class OpenApiIT {

  @Autowired TestRestTemplate http;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
  @Autowired ObjectMapper json;

  @Test
  void everyApiEndpointIsDocumentedWithItsRefusalsInTheErrorFormat() throws Exception {
    JsonNode doc = document();
    List<String> endpoints = apiEndpoints();
    assertThat(endpoints).contains("POST /api/permits/{id}/use", "GET /api/ledger.csv", "GET /api/audit/verify");
    for (String endpoint : endpoints) {
      String[] methodAndPath = endpoint.split(" ", 2);
      JsonNode operation = doc.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase(Locale.ROOT));
      assertThat(operation.isMissingNode()).as(endpoint + " is in the OpenAPI document").isFalse();
      for (String status : List.of("400", "401", "403", "429")) {
        assertThat(operation.path("responses").path(status).path("content").path("application/json").path("schema")
            .path("$ref").asText()).as(endpoint + " " + status).isEqualTo("#/components/schemas/ApiError");
      }
    }
    JsonNode error = doc.path("components").path("schemas").path("ApiError").path("properties");
    assertThat(error.has("error") && error.has("message") && error.has("fields")).as("ApiError schema").isTrue();
  }

  @Test
  void eachEndpointsOwnRefusalsAreDocumentedAndNameAnEndpointThatExists() throws Exception {
    JsonNode doc = document();
    assertThat(apiEndpoints()).as("every entry of ApiAnswers names a served endpoint")
        .containsAll(ApiAnswers.SPECIFIC.keySet());
    JsonNode use = doc.path("paths").path("/api/permits/{id}/use").path("post").path("responses");
    assertThat(use.path("409").path("description").asText()).contains("permit_used", "permit_expired", "permit_revoked");
    assertThat(use.path("422").path("description").asText()).contains("outside_scope");
    assertThat(use.path("403").path("description").asText()).contains("not_executor");
  }

  @Test
  void theDocumentDescribesOnlyDsflowsApiAndNeedsALogin() throws Exception {
    assertThat(http.getForEntity("/api/openapi", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/api/openapi/swagger-config", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    List<String> paths = new ArrayList<>();
    document().path("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths).isNotEmpty().allMatch(p -> p.startsWith("/api/"));
    assertThat(paths).noneMatch(p -> p.startsWith("/api/openapi") || p.startsWith("/api/docs"));
  }

  /**
   * The REST reference people read (docs/rest-api.md) names every endpoint Spring serves under /api, and names no
   * endpoint that is not served. Path variables compare by position, not by name.
   */
  @Test
  void theRestReferenceInTheDocsNamesExactlyTheServedEndpoints() throws Exception {
    String reference = java.nio.file.Files.readString(java.nio.file.Path.of("docs/rest-api.md"));
    Set<String> documented = new java.util.TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("/api/[A-Za-z0-9_./{}-]+").matcher(reference);
    while (m.find()) {
      if (!m.group().startsWith("/api/openapi") && !m.group().startsWith("/api/docs")) { // springdoc's own pages
        documented.add(normalised(m.group()));
      }
    }
    Set<String> served = new java.util.TreeSet<>();
    apiEndpoints().forEach(e -> served.add(normalised(e.split(" ", 2)[1])));
    assertThat(served).as("served endpoints missing from docs/rest-api.md").isSubsetOf(documented);
    assertThat(documented).as("paths in docs/rest-api.md that are not served").isSubsetOf(served);
  }

  private static String normalised(String path) {
    String p = path.replaceAll("\\{[^}]*}", "{}");
    while (p.endsWith(".") || p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private JsonNode document() throws Exception {
    ResponseEntity<String> answer = http.withBasicAuth("zhangsan", "demo").getForEntity("/api/openapi", String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return json.readTree(answer.getBody());
  }

  /** "METHOD path" of every /api handler method of dsflow's own controllers, as Spring maps them. */
  private List<String> apiEndpoints() {
    List<String> endpoints = new ArrayList<>();
    mappings.getHandlerMethods().forEach((RequestMappingInfo info, org.springframework.web.method.HandlerMethod h) -> {
      if (!h.getBeanType().getName().startsWith("cn.dsflow.")) {
        return;
      }
      Set<String> patterns = info.getPathPatternsCondition() != null
          ? info.getPathPatternsCondition().getPatternValues() : info.getPatternValues();
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String pattern : patterns) {
        if (pattern.startsWith("/api/")) {
          for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
            endpoints.add(method.name() + " " + pattern);
          }
        }
      }
    });
    return endpoints;
  }
}
