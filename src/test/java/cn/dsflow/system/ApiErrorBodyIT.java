package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * DESIGN.md: every error under {@code /api} is JSON {@code {error, message}} with a fitting 4xx. Also the ones no dsflow
 * controller sees: a method the path does not take, a path nobody serves, and requests Tomcat refuses itself. Sent as
 * raw HTTP, since a client library would refuse to send the malformed ones.
 */
@DsflowIntegrationTest
class ApiErrorBodyIT {

  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();

  record Answer(int status, String contentType, String body) {}

  Answer raw(String method, String target, String accept, String contentType, String body) throws IOException {
    return raw("zhengshi:demo", method, target, accept, contentType, body);
  }

  Answer raw(String credentials, String method, String target, String accept, String contentType, String body)
      throws IOException {
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    return raw(credentials, method, target, accept, contentType, "Content-Length: " + payload.length, payload);
  }

  /** The request line is sent byte for byte as given (ISO-8859-1), {@code framing} is the body's length header. */
  Answer raw(String credentials, String method, String target, String accept, String contentType, String framing,
      byte[] payload) throws IOException {
    return raw("HTTP/1.1", credentials, method, target, accept, contentType, framing, payload);
  }

  Answer raw(String version, String credentials, String method, String target, String accept, String contentType,
      String framing, byte[] payload) throws IOException {
    String auth = Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    StringBuilder request = new StringBuilder()
        .append(method).append(' ').append(target).append(' ').append(version).append("\r\n")
        .append("Host: localhost:").append(port).append("\r\n")
        .append("Authorization: Basic ").append(auth).append("\r\n")
        .append("Accept: ").append(accept).append("\r\n")
        .append("Connection: close\r\n");
    if (contentType != null) {
      request.append("Content-Type: ").append(contentType).append("\r\n");
    }
    request.append(framing).append("\r\n\r\n");
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      try {
        out.write(payload);
        out.flush();
      } catch (IOException refusedMidBody) {
        // the server may answer and close before reading an over-long body: its answer is still there to read
      }
      InputStream in = socket.getInputStream();
      byte[] all = in.readAllBytes();
      int headEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
      String head = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1);
      byte[] rest = java.util.Arrays.copyOfRange(all, headEnd + 4, all.length);
      if (head.toLowerCase().contains("transfer-encoding: chunked")) {
        rest = unchunk(rest);
      }
      int status = Integer.parseInt(head.split(" ")[1]);
      String type = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:")).findFirst()
          .map(l -> l.substring(13).trim()).orElse("");
      return new Answer(status, type, new String(rest, StandardCharsets.UTF_8));
    }
  }

  static int indexOf(byte[] data, byte[] what, int from) {
    outer:
    for (int i = from; i <= data.length - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (data[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static byte[] unchunk(byte[] chunked) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int at = 0;
    byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
    while (true) {
      int eol = indexOf(chunked, crlf, at);
      int size = Integer.parseInt(new String(chunked, at, eol - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
      if (size == 0) {
        return body.toByteArray();
      }
      body.write(chunked, eol + 2, size);
      at = eol + 2 + size + 2;
    }
  }

  void assertDsflowError(Answer a, int status, String code) throws IOException {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.contentType()).as(a.body()).startsWith("application/json");
    JsonNode body = json.readTree(a.body());
    assertThat(body.path("error").asText()).isEqualTo(code);
    assertThat(body.path("message").asText()).isNotBlank();
    assertThat(a.body()).doesNotContain("timestamp", "trace", "Exception", "<html");
  }

  @Test
  void aMethodThePathDoesNotTakeIs405JsonEvenForABrowser() throws IOException {
    assertDsflowError(raw("DELETE", "/api/dashboard", "application/json", null, null), 405, "method_not_allowed");
    assertDsflowError(raw("PUT", "/api/ledger", "text/html", "application/json", "{}"), 405, "method_not_allowed");
  }

  @Test
  void aPathNobodyServesIs404Json() throws IOException {
    assertDsflowError(raw("GET", "/api/no-such-thing", "text/html", null, null), 404, "not_found");
  }

  @Test
  void badJsonAndBadParametersAre400Json() throws IOException {
    assertDsflowError(raw("POST", "/api/permits/PMT-x/use", "application/json", "application/json", "{not json"), 400,
        "malformed_request");
    assertDsflowError(raw("GET", "/api/calendar/deadline?from=yesterday&workingDays=many", "application/json", null, null),
        400, "invalid_input");
    assertDsflowError(raw("GET", "/api/calendar/deadline", "application/json", null, null), 400, "invalid_input");
  }

  @Test
  void aMalformedAddressThatTomcatRefusesIs400Json() throws IOException {
    assertDsflowError(raw("GET", "/api/calendar/working-days/%zz", "application/json", null, null), 400, "malformed_request");
    assertDsflowError(raw("GET", "/api/calendar/working-days/%2e%2e%2f%2e%2e", "application/json", null, null), 400,
        "malformed_request");
  }

  /** Spring's own text names Java types ("Failed to convert value of type 'java.lang.String'"); ours does not. */
  @Test
  void aParameterOfTheWrongTypeIsNamedWithoutJavaInternals() throws IOException {
    Answer a = raw("GET", "/api/calendar/deadline?from=2026-12-01T10:00:00%2B08:00&workingDays=many", "application/json",
        null, null);
    assertDsflowError(a, 400, "invalid_input");
    assertThat(a.body()).contains("workingDays").doesNotContain("java.", "convert");
  }

  /** Found by the attack: a multipart body without its end was a 500 with a stack trace in the log. */
  @Test
  void aBrokenUploadIs400Json() throws IOException {
    assertDsflowError(raw("POST", "/api/incidents/x/evidence", "application/json", "multipart/form-data; boundary=XX",
        "--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nabc"), 400, "malformed_request");
    assertDsflowError(raw("POST", "/api/incidents/x/evidence", "application/json", "multipart/form-data", "abc"), 400,
        "malformed_request");
  }

  /** A count is a whole number: 100.9 records is refused, not rounded down to 100 (found by the attack). */
  @Test
  void aFractionalRecordCountIsRefusedNotRounded() throws IOException {
    assertDsflowError(raw("POST", "/api/permits/PMT-x/use", "application/json", "application/json",
        "{\"operator\":\"etl\",\"recordCount\":100.9}"), 400, "malformed_request");
  }

  /**
   * Requests Tomcat's connector refuses before any mapping (found by the attack: HTML 400 pages, empty 405 and 413, a
   * 501 answered as internal_error). A request line that cannot be parsed has no path to tell /api from the webapps,
   * so it is answered as the API answers.
   */
  @Test
  void requestsTheConnectorRefusesAreJsonToo() throws IOException {
    assertDsflowError(raw("GE(T", "/api/ledger", "application/json", null, null), 400, "malformed_request");
    assertDsflowError(raw("GET", "/api/ledger/\u00e9t\u00e9", "application/json", null, null), 400, "malformed_request");
    assertDsflowError(raw("GET", "/api/" + "a".repeat(20_000), "application/json", null, null), 400, "malformed_request");
    assertDsflowError(raw("TRACE", "/api/ledger", "application/json", null, null), 405, "method_not_allowed");
    assertDsflowError(raw("zhengshi:demo", "POST", "/api/permits/PMT-x/use", "application/json", "application/json",
        "Transfer-Encoding: gzip", "{}".getBytes(StandardCharsets.UTF_8)), 501, "not_implemented");
    for (String version : new String[] {"HTTP/2.0", "HTTP/3.0", "HTTP/9.9"}) {
      assertDsflowError(raw(version, "zhengshi:demo", "GET", "/api/permits", "application/json", null,
          "Content-Length: 0", new byte[0]), 505, "http_version_not_supported");
    }
    byte[] twentyMegabytes = new byte[20 * 1024 * 1024];
    assertDsflowError(raw("zhengshi:demo", "POST", "/api/incidents/x/evidence", "application/json",
        "multipart/form-data; boundary=XX", "Content-Length: " + twentyMegabytes.length, twentyMegabytes), 413,
        "payload_too_large");
  }

  /** A NUL in the login name (PostgreSQL cannot compare it) is a failed login on every door, not a 500. */
  @Test
  void aLoginNameWithANulIsRefusedAsAFailedLogin() throws IOException {
    Answer api = raw("zh\u0000angsan:demo", "GET", "/api/my/requests", "application/json", null, null);
    assertThat(api.status()).as(api.body()).isEqualTo(401);
    Answer engine = raw("zh\u0000angsan:demo", "GET", "/engine-rest/task", "application/json", null, null);
    assertThat(engine.status()).as(engine.body()).isEqualTo(401);
  }

  /** Outside /api nothing changes: the webapps and actuator keep Spring Boot's own error answer. */
  @Test
  void outsideTheApiSpringBootsErrorAnswerStays() throws IOException {
    Answer a = raw("DELETE", "/actuator/health", "application/json", null, null);
    assertThat(a.status()).isEqualTo(405);
    assertThat(a.body()).doesNotContain("method_not_allowed");
  }
}
