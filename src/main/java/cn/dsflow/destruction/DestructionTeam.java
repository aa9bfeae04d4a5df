package cn.dsflow.destruction;

import cn.dsflow.identity.Group;
import cn.dsflow.system.SystemCommands;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/** Checks a destruction team ({@link TeamRule}) against Camunda's users and the audit group. */
@Component
public class DestructionTeam {

  private final IdentityService identityService;
  private final SystemCommands system;

  public DestructionTeam(IdentityService identityService, SystemCommands system) {
    this.identityService = identityService;
    this.system = system;
  }

  public TeamRule.Team check(List<String> operatorIds, String supervisor, String requester, String recordedBy) {
    return TeamRule.check(operatorIds, supervisor, requester, recordedBy, new TeamRule.Directory() {
      @Override
      public boolean exists(String userId) {
        return system.run(() -> identityService.createUserQuery().userId(userId).count()) > 0;
      }

      @Override
      public boolean inAudit(String userId) {
        return system.run(() -> identityService.createGroupQuery().groupMember(userId).groupId(Group.AUDIT.id()).count()) > 0;
      }
    });
  }
}
