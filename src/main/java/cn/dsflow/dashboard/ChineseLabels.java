package cn.dsflow.dashboard;

import cn.dsflow.approval.DataLevel;
import cn.dsflow.approval.OperationType;
import cn.dsflow.approval.RequestRegister;
import cn.dsflow.identity.Group;
import cn.dsflow.incident.IncidentLevel;
import cn.dsflow.ledgerview.LedgerStatus;
import cn.dsflow.system.ChineseLabel;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The words people read for the codes the pages show (DESIGN.md: every code a person sees has its Chinese label). A code
 * with an enum takes the label the enum carries ({@link ChineseLabel}), the ledger's too; only the codes no enum names
 * (request and instance states, decisions) are worded here.
 */
@Component
public class ChineseLabels {

  private static final Map<String, String> REQUEST_STATUS = Map.of(
      RequestRegister.Status.SUBMITTED.name(), "审批中",
      RequestRegister.Status.CHECKS_FAILED.name(), "准备检查未通过",
      RequestRegister.Status.REJECTED.name(), "已驳回",
      RequestRegister.Status.APPROVED.name(), "已批准",
      RequestRegister.Status.NOT_ISSUED.name(), "未发放授权（路径已变化）");


  private static final Map<String, String> INSTANCE_STATE = Map.of(
      "ACTIVE", "进行中", "SUSPENDED", "已挂起", "COMPLETED", "已结束",
      "EXTERNALLY_TERMINATED", "已终止", "INTERNALLY_TERMINATED", "已终止");

  private static final Map<String, String> DECISION = Map.of("APPROVE", "同意", "REJECT", "驳回");

  private final RepositoryService repositoryService;
  private final IdentityService identityService;

  public ChineseLabels(RepositoryService repositoryService, IdentityService identityService) {
    this.repositoryService = repositoryService;
    this.identityService = identityService;
  }

  static Coded requestStatus(String code) {
    return Coded.of(code, REQUEST_STATUS.get(code));
  }

  static Coded permitStatus(String code) {
    // a permit that is used, expired or revoked reads as its ledger entry does; only the live permit has its own words
    return Coded.of(code, "LIVE".equals(code) ? "有效，未使用" : ChineseLabel.constant(LedgerStatus.class, code)
        .map(LedgerStatus::chineseName).orElse(null));
  }

  static Coded instanceState(String code) {
    return Coded.of(code, INSTANCE_STATE.get(code));
  }

  static Coded decision(String code) {
    return Coded.of(code, DECISION.get(code));
  }

  static Coded group(String id) {
    return Coded.of(id, Group.ADMIN.equals(id) ? "系统管理员" : Group.byId(id).map(Group::chineseName).orElse(id));
  }

  static Coded dataLevel(Object code) {
    return code instanceof String s ? Coded.of(s, ChineseLabel.of(DataLevel.class, s)) : null;
  }

  static Coded operationType(Object code) {
    return code instanceof String s ? Coded.of(s, ChineseLabel.of(OperationType.class, s)) : null;
  }

  static Coded incidentLevel(String code) {
    return Coded.of(code, ChineseLabel.constant(IncidentLevel.class, code).map(IncidentLevel::label).orElse(code));
  }

  /** The Chinese part of the deployed process name, e.g. 数据出境 for {@code cross-border-transfer}. */
  Coded process(String key) {
    var definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
        .singleResult();
    String name = definition == null || definition.getName() == null ? key : definition.getName();
    int english = name.indexOf(" (");
    return Coded.of(key, english > 0 ? name.substring(0, english) : name);
  }

  /** People, in Chinese order (family name first, no space), with their account id beside the name. */
  Person person(String userId, Map<String, Person> seen) {
    if (userId == null) {
      return null;
    }
    return seen.computeIfAbsent(userId, id -> {
      User user = identityService.createUserQuery().userId(id).singleResult();
      return new Person(id, ChineseLabel.person(user, id));
    });
  }

  static Map<String, Person> people() {
    return new HashMap<>();
  }

  public record Person(String id, String name) {}
}
