package cn.dsflow.identity;

import cn.dsflow.system.SystemCommands;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;

/** Who calls the engine API: the user and groups of the HTTP Basic login, or of the webapp session for that engine. */
record EngineApiCaller(String userId, List<String> groups, String api) {

  boolean admin() {
    return groups.contains(Group.ADMIN);
  }

  boolean in(String... groupIds) {
    return List.of(groupIds).stream().anyMatch(groups::contains);
  }

  /** {@code /engine-rest}: Camunda's authentication filter has set the engine's current authentication. */
  static EngineApiCaller ofBasicLogin(IdentityService identityService) {
    Authentication a = identityService.getCurrentAuthentication();
    if (a == null || a.getUserId() == null) {
      return null;
    }
    return new EngineApiCaller(a.getUserId(), a.getGroupIds() == null ? List.of() : a.getGroupIds(), "engine-rest");
  }

  /**
   * {@code /camunda/api/engine/engine/{name}}: the webapp session's login for that engine, with the groups as the
   * identity service knows them now rather than as cached in the session.
   */
  static EngineApiCaller ofSession(HttpServletRequest request, String engine, IdentityService identityService,
      SystemCommands system) {
    HttpSession session = request.getSession(false);
    if (session == null || !carriesSessionCsrfToken(request, session)) {
      return null; // Camunda's own filters refuse it; nothing is recorded in the name of a user who did not send it
    }
    org.camunda.bpm.webapp.impl.security.auth.Authentication a =
        AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engine);
    if (a == null || a.getIdentityId() == null) {
      return null;
    }
    String userId = a.getIdentityId();
    List<String> groups = system.run(() ->
        identityService.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList());
    return new EngineApiCaller(userId, groups, "webapp");
  }

  /**
   * A write from another site rides on the user's session cookie but cannot know the session's CSRF token; it must
   * not leave a refusal in the audit chain under that user's name.
   */
  private static boolean carriesSessionCsrfToken(HttpServletRequest request, HttpSession session) {
    if (List.of("GET", "HEAD", "OPTIONS").contains(request.getMethod())) {
      return true;
    }
    Object expected = session.getAttribute("CAMUNDA_CSRF_TOKEN");
    return expected != null && expected.toString().equals(request.getHeader("X-XSRF-TOKEN"));
  }
}
