package cn.dsflow.identity;

import cn.dsflow.system.BeijingTime;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic against Camunda's identity service for {@code /api/**} (or, for reads, the webapp session): the caller
 * becomes the engine's current authentication for the request, so our services and the engine's authorization checks
 * see the same person.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");
  private static final Pattern EVIDENCE_UPLOAD = Pattern.compile("/api/incidents/[^/]+/evidence");

  private final IdentityService identityService;
  private final LoginThrottle throttle;

  public ApiAuthenticationFilter(IdentityService identityService, LoginThrottle throttle) {
    this.identityService = identityService;
    this.throttle = throttle;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String[] credentials = basicCredentials(request.getHeader("Authorization"));
    Optional<Instant> locked =
        credentials == null ? Optional.empty() : throttle.lockedUntil(ClientAddress.current(), credentials[0]);
    if (locked.isPresent()) {
      // the caller is told why and until when, so the owner sharing an address with a guesser is not left guessing
      long seconds = Math.max(1, Duration.between(ClockUtil.getCurrentTime().toInstant(), locked.get()).toSeconds());
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(seconds));
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write("{\"error\":\"login_throttled\",\"message\":\"此地址登录失败次数过多，请于 "
          + BeijingTime.second(locked.get())
          + "（北京时间）后再试 (too many failed logins from this address for this account)\"}");
      return;
    }
    String sessionUser = credentials == null ? webappSessionUser(request) : null;
    if (sessionUser != null) {
      authenticateAndContinue(sessionUser, request, response, chain);
      return;
    }
    if (credentials == null || !identityService.checkPassword(credentials[0], credentials[1])) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
        // a page's own script shows its sign-in hint instead of the browser's Basic dialog
        response.setHeader("WWW-Authenticate", "Basic realm=\"dsflow\", charset=\"UTF-8\"");
      }
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"需要登录 (HTTP Basic authentication required)\"}");
      return;
    }
    authenticateAndContinue(credentials[0], request, response, chain);
  }

  private void authenticateAndContinue(String userId, HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    List<String> groups =
        identityService.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
    List<String> tenants =
        identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
            .map(Tenant::getId)
            .toList();
    identityService.setAuthentication(userId, groups, tenants);
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /**
   * The user signed in to the webapps (Tasklist, Cockpit) in this browser session: the dsflow pages (我的申请, the
   * officers' dashboard) read {@code /api} with the session cookie. The one write a person makes from a webapp page,
   * the evidence upload in Tasklist's first-response form, also uses it, and must carry the webapps' own CSRF token
   * (the one Camunda's filter guards {@code /camunda/api} with), so a forged cross-site request, which carries the
   * cookie but cannot read the token, changes nothing. Every other write still needs HTTP Basic. Groups are read
   * fresh from the identity service, not from the session's cache; a user deleted since signing in is not let in.
   */
  private String webappSessionUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    if (!SAFE_METHODS.contains(request.getMethod())
        && !(isEvidenceUpload(request) && carriesSessionCsrfToken(request, session))) {
      return null;
    }
    org.camunda.bpm.webapp.impl.security.auth.Authentication signedIn =
        AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine("default");
    if (signedIn == null || signedIn.getIdentityId() == null) {
      return null;
    }
    String userId = signedIn.getIdentityId();
    return identityService.createUserQuery().userId(userId).count() == 1 ? userId : null;
  }

  private static boolean isEvidenceUpload(HttpServletRequest request) {
    return "POST".equals(request.getMethod()) && EVIDENCE_UPLOAD.matcher(request.getRequestURI()).matches();
  }

  private static boolean carriesSessionCsrfToken(HttpServletRequest request, HttpSession session) {
    Object expected = session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
    return expected instanceof String token && !token.isEmpty() && sent != null
        && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }

  static String[] basicCredentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || LoginThrottle.impossibleUserId(decoded.substring(0, colon))) {
      return null;
    }
    return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }
}
