package cn.dsflow.destruction;

import cn.dsflow.process.DestructionVariables;
import cn.dsflow.system.EngineRefusal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * 000 §4.7.2(1): important and core data are destroyed in multi-person mode under a supervisor. The team is at least
 * two operators ("至少两名": two is enough) and one supervisor from audit, all different people, none of them the
 * requester; whoever records the execution is one of the operators. A plain rule over a {@link Directory}, so it is
 * tested without the engine ({@code TeamRuleTest}); {@link DestructionTeam} gives it Camunda's users and groups.
 */
public final class TeamRule {

  /** The least number of operators of a multi-person destruction. */
  public static final int MIN_OPERATORS = 2;

  /** Who exists and who belongs to audit. */
  public interface Directory {
    boolean exists(String userId);

    boolean inAudit(String userId);
  }

  /** A checked team. */
  public record Team(List<String> operators, String supervisor) {}

  private TeamRule() {}

  /** The team, or a refusal naming the first rule it breaks. */
  public static Team check(List<String> operatorIds, String supervisor, String requester, String recordedBy,
      Directory directory) {
    List<String> operators = new ArrayList<>();
    for (String id : operatorIds) {
      if (id != null && !id.isBlank()) {
        operators.add(id.strip());
      }
    }
    if (operators.size() < MIN_OPERATORS) {
      throw refuse("operators_too_few", "operator2", "至少须两名执行人员 (at least two operators)");
    }
    Set<String> distinct = new LinkedHashSet<>(operators);
    if (distinct.size() != operators.size()) {
      throw refuse("operators_not_distinct", "operator2", "执行人员须为不同的人 (the operators must be different people)");
    }
    for (String operator : operators) {
      if (!directory.exists(operator)) {
        throw refuse("unknown_user", "operators", "没有这个用户 (no such user): " + operator);
      }
      if (operator.equals(requester)) {
        throw refuse("requester_executes", "operators", "申请人不能担任执行人员 (the requester cannot be an operator)");
      }
    }
    if (supervisor == null || supervisor.isBlank()) {
      throw EngineRefusal.invalid(DestructionVariables.DESTRUCTION_SUPERVISOR.name(), "必填 (required)");
    }
    String sup = supervisor.strip();
    if (distinct.contains(sup)) {
      throw refuse("supervisor_is_operator", "destructionSupervisor", "监督人不能同时是执行人员 (the supervisor cannot be an operator)");
    }
    if (sup.equals(requester)) {
      throw refuse("requester_supervises", "destructionSupervisor", "申请人不能担任监督人 (the requester cannot supervise)");
    }
    if (!directory.inAudit(sup)) {
      throw refuse("supervisor_not_audit", "destructionSupervisor", "监督人须为审计/监督组成员 (the supervisor must be from audit)");
    }
    if (recordedBy != null && !distinct.contains(recordedBy)) {
      throw refuse("recorder_not_operator", "operators", "登记人须为执行人员之一 (only an operator records the execution)");
    }
    return new Team(List.copyOf(distinct), sup);
  }

  private static EngineRefusal refuse(String code, String field, String reason) {
    return new EngineRefusal(403, code, field + ": " + reason);
  }
}
