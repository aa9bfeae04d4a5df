package cn.dsflow.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * What a statement-equivalence test makes in the engine — its own process deployments and authorizations (grant,
 * global grant, REVOKE) — removed again after it (other tests walk every deployed process), and signing in as a user
 * with groups (or as nobody) for the query under test. One per test instance (prototype).
 */
@org.springframework.stereotype.Component
@org.springframework.context.annotation.Scope(org.springframework.beans.factory.config.ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class OwnEngineData {

  private final AuthorizationService authorizations;
  private final IdentityService identity;
  private final RepositoryService repository;
  private final List<String> grants = new ArrayList<>();
  private final List<String> deployments = new ArrayList<>();

  public OwnEngineData(AuthorizationService authorizations, IdentityService identity, RepositoryService repository) {
    this.authorizations = authorizations;
    this.identity = identity;
    this.repository = repository;
  }

  /** Deploys one process of this test's own. */
  void deploy(String key, BpmnModelInstance process) {
    deployments.add(repository.createDeployment().addModelInstance(key + ".bpmn", process).deploy().getId());
  }

  /** A grant or REVOKE to a user or group, or a global grant (user and group null), of one permission. */
  void grant(int type, String user, String group, Resources resource, String resourceId, Permission permission) {
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
    grants.add(authorizations.saveAuthorization(a).getId());
  }

  /** Signs out and removes every grant and deployment (with its instances) this test made. */
  void removeAll() {
    identity.clearAuthentication();
    grants.forEach(authorizations::deleteAuthorization);
    grants.clear();
    deployments.forEach(id -> repository.deleteDeployment(id, true));
    deployments.clear();
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
