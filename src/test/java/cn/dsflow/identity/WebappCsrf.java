package cn.dsflow.identity;

import java.util.List;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * A browser's session with the webapps as far as their CSRF protection cares: the session cookie and the token that
 * come with the first page, to be sent back with every changing request.
 */
public record WebappCsrf(String cookies, String csrfToken) {

  public static WebappCsrf open(TestRestTemplate http) {
    ResponseEntity<String> page = http.getForEntity("/camunda/app/tasklist/default/", String.class);
    List<String> setCookies = page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
    return new WebappCsrf(String.join("; ", setCookies.stream().map(c -> c.split(";", 2)[0]).toList()),
        page.getHeaders().getFirst("X-XSRF-TOKEN"));
  }

  public void addTo(HttpHeaders headers) {
    headers.set(HttpHeaders.COOKIE, cookies);
    headers.set("X-XSRF-TOKEN", csrfToken);
  }
}
