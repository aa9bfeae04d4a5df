package cn.dsflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser's session in Tasklist: logs in the way the login page does (CSRF token from the cookie, sent back as a
 * header) and calls the webapps' engine API {@code /camunda/api/engine/engine/default/…} with the session cookie.
 */
public final class TasklistSession {

  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;

  private TasklistSession(int port) {
    this.base = "http://localhost:" + port;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Logs in to Tasklist; fails the test when the login is refused. */
  public static TasklistSession login(int port, String user, String password) {
    TasklistSession session = new TasklistSession(port);
    session.exchange("GET", "/camunda/app/tasklist/default/", null, null);
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> login = session.exchange("POST", "/camunda/api/admin/auth/user/default/login/tasklist", form,
        "application/x-www-form-urlencoded");
    if (login.statusCode() != 200) {
      throw new AssertionError("Tasklist login of " + user + " refused: " + login.statusCode() + " " + login.body());
    }
    // the login starts a new session (against fixation); its CSRF token comes with the next read, as in the browser
    session.exchange("GET", "/camunda/api/admin/auth/user/default", null, null);
    return session;
  }

  /** A call to the engine API as Tasklist makes it; {@code path} is relative to the engine, e.g. {@code task/1/claim}. */
  public HttpResponse<String> engine(String method, String path, String json) {
    return exchange(method, "/camunda/api/engine/engine/default/" + path, json, json == null ? null : "application/json");
  }

  /** The same call as another site would forge it: the session cookie rides along, the CSRF token is unknown. */
  public HttpResponse<String> forgedFromAnotherSite(String method, String path, String json) {
    return send(method, "/camunda/api/engine/engine/default/" + path, json, "application/json", "forged");
  }

  public HttpResponse<String> exchange(String method, String path, String body, String contentType) {
    return send(method, path, body, contentType, xsrfToken());
  }

  /** A read with the headers a browser adds on its own, e.g. {@code "Sec-Fetch-Site", "cross-site"}. */
  public HttpResponse<String> readWithBrowserHeaders(String path, String... namesAndValues) {
    return send("GET", path, null, null, xsrfToken(), namesAndValues);
  }

  private HttpResponse<String> send(String method, String path, String body, String contentType, String token,
      String... namesAndValues) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Accept", "application/json, text/plain, */*")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("X-XSRF-TOKEN", token);
    }
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      request.header(namesAndValues[i], namesAndValues[i + 1]);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A cookie of this session by name, e.g. {@code JSESSIONID} for a browser that should share the sign-in. */
  public HttpCookie cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> name.equals(c.getName())).findFirst()
        .orElseThrow(() -> new AssertionError("no cookie " + name + " in this session"));
  }

  private String xsrfToken() {
    return cookies.getCookieStore().getCookies().stream().filter(c -> "XSRF-TOKEN".equals(c.getName()))
        .map(HttpCookie::getValue).findFirst().orElse(null);
  }
}
