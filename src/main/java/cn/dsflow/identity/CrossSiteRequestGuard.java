package cn.dsflow.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a call to dsflow's APIs that another site made the browser send. The browser attaches the webapp session
 * cookie (and cached HTTP Basic credentials) to an {@code <img>} or link on any page; a refused read such as the
 * officers' dashboard writes an audit row under the signed-in user's name, so a hostile page could fill the audit
 * chain with acts its victim never did. Runs before authentication, so the refusal writes nothing attributed to
 * anyone: it is one INFO line naming the foreign origin.
 *
 * <p>A browser that sends {@code Sec-Fetch-Site} is believed: only {@code same-origin} and {@code none} (typed or
 * bookmarked) pass. An older browser is judged by {@code Origin}, else {@code Referer}, against the host it called.
 * Programs (executing systems, scripts) send none of these headers and are not affected.
 */
public class CrossSiteRequestGuard extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(CrossSiteRequestGuard.class);

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String foreign = foreignSite(request);
    if (foreign == null) {
      chain.doFilter(request, response);
      return;
    }
    LOG.info("refused 403 cross_site_refused: {} {} sent by {}", request.getMethod(), request.getRequestURI(), foreign);
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"error\":\"cross_site_refused\",\"message\":\"不接受由其他网站发起的请求，请在 dsflow 页面内操作"
        + " (a request another site made the browser send is refused)\"}");
  }

  /** What gave the request away as another site's, or null when it is dsflow's own page or not a browser. */
  static String foreignSite(HttpServletRequest request) {
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if (fetchSite != null) {
      String site = fetchSite.strip().toLowerCase(Locale.ROOT);
      return site.equals("same-origin") || site.equals("none") ? null : "Sec-Fetch-Site " + site;
    }
    String origin = request.getHeader("Origin");
    if (origin != null) {
      return sameHost(origin, request) ? null : "Origin " + origin;
    }
    String referer = request.getHeader("Referer");
    if (referer != null) {
      return sameHost(referer, request) ? null : "Referer " + referer;
    }
    return null;
  }

  private static boolean sameHost(String url, HttpServletRequest request) {
    try {
      URI uri = URI.create(url.strip());
      if (uri.getHost() == null) {
        return false; // "Origin: null" from a sandboxed frame or a data: page
      }
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      return uri.getHost().equalsIgnoreCase(request.getServerName()) && port == request.getServerPort();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
