package cn.dsflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The webapps receive our Chinese labels at the path they ask for, before anyone has logged in (issue 18). */
@DsflowIntegrationTest
class WebappLocaleIT {

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theLoginPageGetsChineseLabelsWithoutTheEndOfLifeBanner() throws Exception {
    HttpResponse<String> zh = get("/camunda/app/tasklist/locales/zh.json?bust=7.24.0");
    assertThat(zh.statusCode()).isEqualTo(200);
    JsonNode labels = json.readTree(zh.body()).get("labels");
    assertThat(labels.get("PAGE_LOGIN_SIGN_IN_ACTION").asText()).isEqualTo("登录");
    assertThat(labels.get("PROCESS_START_OK").asText()).isEqualTo("流程已发起。");
    assertThat(labels.get("BANNER_CE_EOL_TEXT").asText()).isEmpty();

    JsonNode english = json.readTree(get("/camunda/app/cockpit/locales/en.json").body()).get("labels");
    assertThat(english.get("BANNER_CE_EOL_TEXT").asText()).as("the English screens lose the banner too").isEmpty();
  }

  @Test
  void aLanguageTheWebappsDoNotHaveIsAJsonNotFound() throws Exception {
    HttpResponse<String> fr = get("/camunda/app/tasklist/locales/fr.json");
    assertThat(fr.statusCode()).isEqualTo(404);
    assertThat(json.readTree(fr.body()).get("error").asText()).isEqualTo("not_found");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
