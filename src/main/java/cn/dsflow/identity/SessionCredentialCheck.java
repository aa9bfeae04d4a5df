package cn.dsflow.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A new password ends the account's other sessions. A password is reset because someone else may know it: a session
 * signed in with the old one (the webapps, and {@code /api} reads through the same cookie) must not outlive the reset.
 *
 * <p>Each signed-in session carries a fingerprint of the password it signed in with (a digest of the stored hash and
 * salt, so the session holds nothing a guesser can use). Every call compares it with the database: after a change
 * through Admin, {@code /engine-rest/user/{id}/credentials} or any node of a cluster, the next call of every other
 * session is 401 and the session is gone. The session through which the user changed their own password is re-stamped,
 * so it stays signed in. Sessions of directory (LDAP) accounts have no stored hash and are not affected.
 */
public class SessionCredentialCheck extends OncePerRequestFilter {

  static final String FINGERPRINT = "dsflow.credentialFingerprint";
  private static final Logger LOG = LoggerFactory.getLogger(SessionCredentialCheck.class);
  private static final Pattern OWN_CREDENTIALS =
      Pattern.compile("/camunda/api/engine/engine/[^/]+/user/([^/]+)/credentials");

  private final JdbcTemplate jdbc;

  public SessionCredentialCheck(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    String user = session == null ? null : signedIn(session);
    if (user != null) {
      String current = fingerprint(user);
      Object stamped = session.getAttribute(FINGERPRINT);
      if (stamped != null && !stamped.equals(current)) {
        session.invalidate();
        LOG.info("refused 401 session_ended: a session of {} signed in before its password changed", user);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"session_ended\",\"message\":\"密码已更改，请重新登录"
            + " (the password changed since this session signed in)\"}");
        return;
      }
      if (stamped == null) {
        session.setAttribute(FINGERPRINT, current);
      }
    }
    chain.doFilter(request, response);
    restamp(request, response);
  }

  /** A sign-in, or the user's own password change through this session: the session now holds the new password. */
  private void restamp(HttpServletRequest request, HttpServletResponse response) {
    if (response.getStatus() >= 300) {
      return;
    }
    HttpSession session = request.getSession(false);
    String user = session == null ? null : signedIn(session);
    if (user == null) {
      return;
    }
    Matcher credentials = OWN_CREDENTIALS.matcher(request.getRequestURI());
    boolean ownChange = "PUT".equals(request.getMethod()) && credentials.matches() && credentials.group(1).equals(user);
    if (ownChange || session.getAttribute(FINGERPRINT) == null) {
      session.setAttribute(FINGERPRINT, fingerprint(user));
    }
  }

  private static String signedIn(HttpSession session) {
    Authentication auth = AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine("default");
    return auth == null ? null : auth.getIdentityId();
  }

  /** The user and a digest of their stored password hash and salt; "-" when no hash is stored (directory, deleted). */
  String fingerprint(String user) {
    List<Map<String, Object>> rows = jdbc.queryForList("SELECT pwd_, salt_ FROM act_id_user WHERE id_ = ?", user);
    if (rows.isEmpty() || rows.get(0).get("pwd_") == null) {
      return user + ":-";
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(String.valueOf(rows.get(0).get("pwd_")).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(String.valueOf(rows.get(0).get("salt_")).getBytes(StandardCharsets.UTF_8));
      return user + ":" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
