package cn.dsflow.identity;

import cn.dsflow.system.ApiException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who is acting, as the process engine knows it: set by the REST authentication filters, the webapp session, or
 * {@code identityService.setAuthentication} in tests and jobs.
 */
@Component
public class CurrentUser {

  private final IdentityService identityService;

  public CurrentUser(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The authenticated user id, or {@code null} when the engine is acting on its own (a job). */
  public String id() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  public List<String> groups() {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getGroupIds() == null) {
      return List.of();
    }
    return authentication.getGroupIds();
  }

  /** Refuses with 403 and the given reason unless the caller is in one of the groups. */
  public void requireAnyOf(String[] groupIds, String reason) {
    if (!isIn(groupIds)) {
      throw ApiException.forbidden(reason);
    }
  }

  public boolean isIn(String... groupIds) {
    List<String> mine = groups();
    for (String g : groupIds) {
      if (mine.contains(g)) {
        return true;
      }
    }
    return false;
  }
}
