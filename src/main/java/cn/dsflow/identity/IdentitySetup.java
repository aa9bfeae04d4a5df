package cn.dsflow.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the product's groups and the authorizations each needs, in every mode (users are created by an operator,
 * or by {@link DemoData} in demo mode). Idempotent: several nodes may start at once.
 */
@Component
public class IdentitySetup {

  private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

  /** Processes anyone in the organisation may start (an employee requests, anyone reports an incident or risk). */
  public static final List<String> STARTABLE_PROCESSES =
      List.of("data-operation-approval", "cross-border-transfer", "foreign-data-request", "data-destruction",
          "incident-response", "risk-report");

  /** Officers who watch the processes in Cockpit. */
  static final List<Group> OFFICERS =
      List.of(Group.DSO, Group.DS_DIRECT, Group.DS_FIRST, Group.LEGAL, Group.AUDIT, Group.IRT);

  /** The group ids that may open Cockpit, and so call its plugin API. */
  static final String[] COCKPIT_GROUPS = OFFICERS.stream().map(Group::id).toArray(String[]::new);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;

  public IdentitySetup(IdentityService identityService, AuthorizationService authorizationService) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(10)
  public void createGroupsAndAuthorizations() {
    for (Group group : Group.values()) {
      if (identityService.isReadOnly()) {
        // directory login: the directory owns the groups; a missing one leaves its slots without candidates
        if (identityService.createGroupQuery().groupId(group.id()).count() == 0) {
          LOG.warn("Directory has no group for {} ({}): map one with dsflow.ldap.groups.{}", group.id(),
              group.chineseName(), group.id());
        }
      } else if (identityService.createGroupQuery().groupId(group.id()).count() == 0) {
        org.camunda.bpm.engine.identity.Group g = identityService.newGroup(group.id());
        g.setName(group.chineseName());
        g.setType("WORKFLOW");
        identityService.saveGroup(g);
        LOG.info("Created group {} ({})", group.id(), group.chineseName());
      }
      if (group == Group.EXECUTOR) {
        continue; // a technical account calls the permit gate only: no Tasklist, no process start, no directory reads
      }
      grant(group.id(), Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(group.id(), Resources.USER, "*", Permissions.READ);
      grant(group.id(), Resources.GROUP, "*", Permissions.READ);
      for (String key : STARTABLE_PROCESSES) {
        grant(group.id(), Resources.PROCESS_DEFINITION, key, Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
      }
      grant(group.id(), Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    }
    // change-driven compliance duties (catalogue change, liaison change) are filed by the data-security department
    grant(Group.DSO.id(), Resources.PROCESS_DEFINITION, "compliance-duty", Permissions.READ,
        ProcessDefinitionPermissions.CREATE_INSTANCE);
    for (Group officer : OFFICERS) {
      grant(officer.id(), Resources.APPLICATION, "cockpit", Permissions.ACCESS);
      grant(officer.id(), Resources.PROCESS_DEFINITION, "*", Permissions.READ,
          ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
      grant(officer.id(), Resources.PROCESS_INSTANCE, "*", Permissions.READ);
      grant(officer.id(), Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
      grant(officer.id(), Resources.DEPLOYMENT, "*", Permissions.READ);
    }
  }

  /** Adds the permissions to the group's grant on the resource, creating it if missing. */
  void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization existing =
        authorizationService.createAuthorizationQuery()
            .groupIdIn(groupId)
            .resourceType(resource)
            .resourceId(resourceId)
            .authorizationType(AUTH_TYPE_GRANT)
            .singleResult();
    Authorization authorization = existing;
    boolean changed = false;
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
      changed = true;
    }
    for (Permission p : permissions) {
      if (!authorization.isPermissionGranted(p)) {
        authorization.addPermission(p);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(authorization);
    }
  }
}
