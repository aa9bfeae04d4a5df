package cn.dsflow.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resources;

/**
 * The authorizations a statement-equivalence test makes (grant, global grant, REVOKE), removed again after it, and
 * signing in as a user with groups (or as nobody) for the query under test. One per test instance (prototype).
 */
@org.springframework.stereotype.Component
@org.springframework.context.annotation.Scope(org.springframework.beans.factory.config.ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class Grants {

  private final AuthorizationService authorizations;
  private final IdentityService identity;
  private final List<String> made = new ArrayList<>();

  public Grants(AuthorizationService authorizations, IdentityService identity) {
    this.authorizations = authorizations;
    this.identity = identity;
  }

  /** A grant or REVOKE to a user or group, or a global grant (user and group null), of one permission. */
  void add(int type, String user, String group, Resources resource, String resourceId, Permission permission) {
    Authorization a = authorizations.createNewAuthorization(type);
    if (type == Authorization.AUTH_TYPE_GLOBAL) {
      a.setUserId(Authorization.ANY);
    } else if (user != null) {
      a.setUserId(user);
    } else {
      a.setGroupId(group);
    }
    a.setResource(resource);
    a.setResourceId(resourceId);
    if (type == Authorization.AUTH_TYPE_REVOKE) {
      a.removePermission(permission);
    } else {
      a.addPermission(permission);
    }
    made.add(authorizations.saveAuthorization(a).getId());
  }

  void removeAll() {
    made.forEach(authorizations::deleteAuthorization);
    made.clear();
  }

  /** Signs in as the user with these groups, or signs out for a null user. */
  void signIn(String user, List<String> groups) {
    if (user == null) {
      identity.clearAuthentication();
    } else {
      identity.setAuthentication(user, groups);
    }
  }
}
