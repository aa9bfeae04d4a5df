package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.identity.WebappCsrf;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The 1 MB body limit counts the bytes that arrive, whatever the framing: a chunked body declares no length, and it is
 * refused all the same (issue 13). Sent through a real HTTP client that streams the body in chunks.
 */
@DsflowIntegrationTest
class RequestSizeLimitIT {

  @Autowired HistoryService historyService;
  @Autowired TestRestTemplate rest;
  @LocalServerPort int port;

  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Posts the body without a Content-Length: the client sends it as chunks. */
  HttpResponse<String> postChunked(String path, byte[] body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("zhangsan:demo".getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aChunkedThreeMegabyteStartIsRefusedWith413AndNothingIsStored() throws Exception {
    String marker = "chunked-" + UUID.randomUUID();
    String start = "{\"variables\":{\"dataCategory\":{\"value\":\"" + marker + "\"},"
        + "\"dataDescription\":{\"value\":\"" + "x".repeat(3_000_000) + "\"}}}";

    HttpResponse<String> answer =
        postChunked("/engine-rest/process-definition/key/data-operation-approval/start", start.getBytes(StandardCharsets.UTF_8));

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.body()).contains("payload_too_large");
    assertThat(historyService.createHistoricVariableInstanceQuery().variableName("dataCategory").list())
        .noneMatch(v -> marker.equals(v.getValue()));
  }

  @Test
  void aChunkedBodyOfExactlyOneMegabytePassesAndOneByteMoreIsRefused() throws Exception {
    String json = "{\"operator\":\"etl\",\"recordCount\":1,\"recipient\":\"r\"}";
    String path = "/api/permits/no-such-permit/use";

    HttpResponse<String> atLimit = postChunked(path, padded(json, RequestSizeLimitFilter.MAX_JSON_BYTES));
    HttpResponse<String> overLimit = postChunked(path, padded(json, RequestSizeLimitFilter.MAX_JSON_BYTES + 1));

    // at the limit the body reaches the gate, which refuses the unknown permit
    assertThat(atLimit.statusCode()).as(atLimit.body()).isEqualTo(403);
    assertThat(atLimit.body()).contains("no_approved_permit");
    assertThat(overLimit.statusCode()).isEqualTo(413);
  }

  @Test
  void aChunkedThreeMegabyteWebappLoginFormIsRefusedWith413() throws Exception {
    WebappCsrf browser = WebappCsrf.open(rest);
    byte[] form = ("username=zhangsan&password=" + "x".repeat(3_000_000)).getBytes(StandardCharsets.US_ASCII);
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", browser.cookies())
        .header("X-XSRF-TOKEN", browser.csrfToken())
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form)))
        .build();

    HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
  }

  /** The JSON followed by spaces up to exactly {@code size} bytes: still one valid document. */
  static byte[] padded(String json, int size) {
    byte[] out = new byte[size];
    byte[] text = json.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(text, 0, out, 0, text.length);
    java.util.Arrays.fill(out, text.length, size, (byte) ' ');
    return out;
  }
}
