package cn.dsflow.apidoc;

import cn.dsflow.system.ApiError;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of dsflow's own {@code /api} (springdoc, at {@code /api/openapi}, behind the same HTTP Basic login
 * as the API it describes). Camunda's {@code /engine-rest} has its own reference and is not in it. Every operation
 * lists the refusals all endpoints share and its own ({@link ApiAnswers}), each with the body
 * {@code {"error", "message", "fields"}}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

  static final String ERROR_SCHEMA = "ApiError";

  @Bean
  OpenAPI dsflowOpenApi() {
    return new OpenAPI()
        .info(new Info().title("dsflow API").version("1")
            .description("数据安全合规工作流 REST API. Times are ISO-8601; dates and times shown to people are Beijing "
                + "time (+08:00). Every refusal is JSON {\"error\": code, \"message\": text, \"fields\": [...]}."))
        .components(new Components().addSecuritySchemes("basic",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }

  @Bean
  OpenApiCustomizer refusalsOfEveryOperation() {
    return openApi -> {
      Map<String, Schema> schemas = ModelConverters.getInstance().read(ApiError.class);
      schemas.forEach((name, schema) -> openApi.getComponents().addSchemas(name, schema));
      openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
          addRefusals(method + " " + path, method, path, operation)));
    };
  }

  private static void addRefusals(String key, PathItem.HttpMethod method, String path, Operation operation) {
    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    responses.remove("default");
    put(responses, 400, "invalid_input, malformed_request …: the input was refused; `fields` names"
        + " each field at fault. Nothing was written.");
    put(responses, 401, "unauthorized: HTTP Basic login required (WWW-Authenticate: Basic)");
    put(responses, 403, "forbidden: the caller's groups may not do this; refusals that matter are in the audit chain");
    put(responses, 429, "login_throttled: too many wrong passwords from this address for this account; Retry-After"
        + " gives the seconds, the message the time in Beijing time");
    if (path.contains("{")) {
      put(responses, 404, "not_found: no such item, or not visible to the caller");
    }
    if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
      put(responses, 413, "payload_too_large: the body is over 1 MB");
      put(responses, 415, "unsupported_media_type");
    }
    for (ApiAnswers.Answer answer : ApiAnswers.SPECIFIC.getOrDefault(key, List.of())) {
      put(responses, answer.status(), answer.codes());
    }
    operation.setResponses(responses);
  }

  private static void put(ApiResponses responses, int status, String description) {
    responses.addApiResponse(Integer.toString(status), new ApiResponse().description(description)
        .content(new Content().addMediaType("application/json",
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA)))));
  }
}
