package cn.dsflow.identity;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A Tasklist browser session: the login form, its session cookie and the CSRF token the webapps require. */
final class WebappSession {

  private final TestRestTemplate http;
  private final List<String> cookies;
  private final String csrf;

  private WebappSession(TestRestTemplate http, List<String> cookies, String csrf) {
    this.http = http;
    this.cookies = cookies;
    this.csrf = csrf;
  }

  static WebappSession login(TestRestTemplate http, String user) {
    ResponseEntity<String> page = http.getForEntity("/camunda/app/tasklist/default/", String.class);
    List<String> cookies = new ArrayList<>(cookieValues(page.getHeaders()));
    String csrf = page.getHeaders().getFirst("X-XSRF-TOKEN");
    if (csrf == null) {
      csrf = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).map(c -> c.substring("XSRF-TOKEN=".length()))
          .findFirst().orElseThrow(() -> new AssertionError("no CSRF token from the webapp"));
    }
    HttpHeaders headers = headers(cookies, csrf);
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> login = http.exchange("/camunda/api/admin/auth/user/default/login/tasklist", HttpMethod.POST,
        new HttpEntity<>("username=" + user + "&password=demo", headers), String.class);
    if (login.getStatusCode() != HttpStatus.OK) {
      throw new AssertionError("login failed: " + login.getStatusCode() + " " + login.getBody());
    }
    List<String> after = new ArrayList<>(cookies);
    for (String c : cookieValues(login.getHeaders())) {
      String name = c.substring(0, c.indexOf('='));
      after.removeIf(old -> old.startsWith(name + "="));
      after.add(c);
    }
    // the session changed at login, and with it the token: fetch the new one as the browser does
    ResponseEntity<String> again = http.exchange("/camunda/app/tasklist/default/", HttpMethod.GET,
        new HttpEntity<>(headers(after, csrf)), String.class);
    for (String c : cookieValues(again.getHeaders())) {
      String name = c.substring(0, c.indexOf('='));
      after.removeIf(old -> old.startsWith(name + "="));
      after.add(c);
    }
    String token = again.getHeaders().getFirst("X-XSRF-TOKEN");
    if (token == null) {
      token = after.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).map(c -> c.substring("XSRF-TOKEN=".length()))
          .findFirst().orElse(csrf);
    }
    return new WebappSession(http, after, token);
  }

  ResponseEntity<String> postJson(String path, String json) {
    HttpHeaders headers = headers(cookies, csrf);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers), String.class);
  }

  ResponseEntity<String> delete(String path) {
    return http.exchange(path, HttpMethod.DELETE, new HttpEntity<>(headers(cookies, csrf)), String.class);
  }

  private static HttpHeaders headers(List<String> cookies, String csrf) {
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, String.join("; ", cookies));
    headers.add("X-XSRF-TOKEN", csrf);
    return headers;
  }

  private static List<String> cookieValues(HttpHeaders headers) {
    List<String> set = headers.get(HttpHeaders.SET_COOKIE);
    return set == null ? List.of() : set.stream().map(c -> c.split(";", 2)[0]).toList();
  }
}
