package cn.dsflow.destruction;

import cn.dsflow.identity.Group;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.system.SystemCommands;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * 000 §4.7.2(1): important and core data are destroyed in multi-person mode under a supervisor. The team is at least
 * two operators and one supervisor from audit, all different people, none of them the requester; whoever records the
 * execution is one of the operators.
 */
@Component
public class DestructionTeam {

  /** A checked team. */
  public record Team(List<String> operators, String supervisor) {}

  private final IdentityService identityService;
  private final SystemCommands system;

  public DestructionTeam(IdentityService identityService, SystemCommands system) {
    this.identityService = identityService;
    this.system = system;
  }

  public Team check(List<String> operatorIds, String supervisor, String requester, String recordedBy) {
    List<String> operators = new ArrayList<>();
    for (String id : operatorIds) {
      if (id != null && !id.isBlank()) {
        operators.add(id.strip());
      }
    }
    if (operators.size() < 2) {
      throw refuse("operators_too_few", "operator2", "至少须两名执行人员 (at least two operators)");
    }
    Set<String> distinct = new LinkedHashSet<>(operators);
    if (distinct.size() != operators.size()) {
      throw refuse("operators_not_distinct", "operator2", "执行人员须为不同的人 (the operators must be different people)");
    }
    for (String operator : operators) {
      if (!exists(operator)) {
        throw refuse("unknown_user", "operators", "没有这个用户 (no such user): " + operator);
      }
      if (operator.equals(requester)) {
        throw refuse("requester_executes", "operators", "申请人不能担任执行人员 (the requester cannot be an operator)");
      }
    }
    if (supervisor == null || supervisor.isBlank()) {
      throw EngineRefusal.invalid("destructionSupervisor", "必填 (required)");
    }
    String sup = supervisor.strip();
    if (distinct.contains(sup)) {
      throw refuse("supervisor_is_operator", "destructionSupervisor", "监督人不能同时是执行人员 (the supervisor cannot be an operator)");
    }
    if (sup.equals(requester)) {
      throw refuse("requester_supervises", "destructionSupervisor", "申请人不能担任监督人 (the requester cannot supervise)");
    }
    if (!inAudit(sup)) {
      throw refuse("supervisor_not_audit", "destructionSupervisor", "监督人须为审计/监督组成员 (the supervisor must be from audit)");
    }
    if (recordedBy != null && !distinct.contains(recordedBy)) {
      throw refuse("recorder_not_operator", "operators", "登记人须为执行人员之一 (only an operator records the execution)");
    }
    return new Team(List.copyOf(distinct), sup);
  }

  private boolean exists(String userId) {
    return system.run(() -> identityService.createUserQuery().userId(userId).count()) > 0;
  }

  private boolean inAudit(String userId) {
    return system.run(() -> identityService.createGroupQuery().groupMember(userId).groupId(Group.AUDIT.id()).count()) > 0;
  }

  private static EngineRefusal refuse(String code, String field, String reason) {
    return new EngineRefusal(403, code, field + ": " + reason);
  }
}
