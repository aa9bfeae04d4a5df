package cn.dsflow.approval;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.process.CrossBorderVariables;
import cn.dsflow.process.EngineVariables;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.system.EngineRefusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The approver slots of a request (000 §3.4.2(1) 多人审批), kept in dsflow's tables: chosen once by the approval-policy
 * table from the registered content, each approval task bound to its slot when it opens, and the approval complete
 * only when every slot has an APPROVE row and nobody rejected. A candidate who writes {@code approverGroups} or
 * {@code approverGroup} changes a mirror, not a slot.
 */
@Component("approvalSlots")
public class ApprovalSlots {

  public record Slot(int index, String group) {}

  private final JdbcTemplate jdbc;
  private final RequestRegister register;
  private final DecisionService decisionService;
  private final AuditChain audit;
  private final CurrentUser currentUser;

  public ApprovalSlots(JdbcTemplate jdbc, RequestRegister register, DecisionService decisionService, AuditChain audit,
      CurrentUser currentUser) {
    this.jdbc = jdbc;
    this.register = register;
    this.decisionService = decisionService;
    this.audit = audit;
    this.currentUser = currentUser;
  }

  /**
   * End listener of 确定审批岗位: asks the approval-policy table with the registered content (not the variables, which
   * tasks before this point could have rewritten) and writes the slots once; {@code approverGroups} becomes their mirror.
   */
  public void recordSlots(DelegateExecution execution) {
    RequestRegister.Registered request = required(execution);
    if (!slots(request.requestId()).isEmpty()) {
      throw refused(request.requestId(), EngineRefusal.forbidden("slots_already_chosen",
          "审批岗位已在受理时确定，不能重新确定 (the approver slots were chosen at intake)"));
    }
    Map<String, Object> inputs = new java.util.HashMap<>();
    inputs.put(RequestVariables.OPERATION_TYPE.name(), request.operationType());
    inputs.put(RequestVariables.DATA_LEVEL.name(), request.dataLevel());
    // a cross-border transfer's route as the route table answered at intake (V20), not the crossBorderRoute variable:
    // a route lowered there would win fewer slots; other requests have no row and no route
    List<String> route = jdbc.queryForList("SELECT route FROM dsf_route_decision WHERE request_id = ?", String.class,
        request.requestId());
    inputs.put(CrossBorderVariables.CROSS_BORDER_ROUTE.name(), route.isEmpty() ? null : route.get(0));
    List<String> groups = decisionService.evaluateDecisionByKey("approval-policy").variables(inputs)
        .evaluate().collectEntries("slotGroup");
    for (int i = 0; i < groups.size(); i++) {
      jdbc.update("INSERT INTO dsf_request_slot (request_id, slot_index, slot_group) VALUES (?, ?, ?)",
          request.requestId(), i, groups.get(i));
    }
    RequestVariables.APPROVER_GROUPS.set(execution, new ArrayList<>(groups));
  }

  /** {@code ${approvalSlots.groups(execution)}}: the multi-instance collection of 审批, one element per slot. */
  public List<String> groups(DelegateExecution execution) {
    List<String> groups = slots(required(execution).requestId()).stream().map(Slot::group).toList();
    if (groups.isEmpty()) {
      throw EngineRefusal.forbidden("no_approver_slots", "审批岗位尚未确定 (no approver slots were chosen for this request)");
    }
    return new ArrayList<>(groups);
  }

  public List<Slot> slots(String requestId) {
    return jdbc.query("SELECT slot_index, slot_group FROM dsf_request_slot WHERE request_id = ? ORDER BY slot_index",
        (rs, i) -> new Slot(rs.getInt("slot_index"), rs.getString("slot_group")), requestId);
  }

  /**
   * Create listener: binds the new task to its slot by the engine's own loop counter, so the task's group is known
   * from the table for as long as it is open.
   */
  public Slot bind(DelegateTask task) {
    RequestRegister.Registered request = required(task.getExecution());
    Object counter = EngineVariables.LOOP_COUNTER.getLocal(task.getExecution());
    if (!(counter instanceof Integer index)) {
      throw EngineRefusal.forbidden("no_slot", "审批任务不属于任何审批岗位 (the approval task has no slot)");
    }
    Slot slot = slots(request.requestId()).stream().filter(s -> s.index() == index).findFirst()
        .orElseThrow(() -> EngineRefusal.forbidden("no_slot", "审批任务不属于任何审批岗位 (the approval task has no slot)"));
    jdbc.update("INSERT INTO dsf_slot_task (task_id, request_id, slot_index, slot_group, opened_at) VALUES (?, ?, ?, ?, ?)",
        task.getId(), request.requestId(), slot.index(), slot.group(), java.sql.Timestamp.from(now()));
    return slot;
  }

  /**
   * The request an approval task was bound to when it opened: read from the binding, not by walking the engine's
   * execution tree, which a concurrent completion of the same task may already have ended.
   */
  public Optional<RequestRegister.Registered> requestOf(String taskId) {
    return jdbc.queryForList("SELECT request_id FROM dsf_slot_task WHERE task_id = ?", String.class, taskId).stream()
        .findFirst().flatMap(register::find);
  }

  /** The slot an approval task was bound to when it opened. */
  public Optional<Slot> slotOf(String taskId) {
    return jdbc.query("SELECT slot_index, slot_group FROM dsf_slot_task WHERE task_id = ?",
        (rs, i) -> new Slot(rs.getInt("slot_index"), rs.getString("slot_group")), taskId).stream().findFirst();
  }

  /**
   * Whether the approval is complete: every slot chosen at intake has an APPROVE row taken on its own task by a
   * distinct person who is not the requester, and nobody rejected. Returns what is missing, or null.
   */
  public String incomplete(RequestRegister.Registered request) {
    List<Slot> slots = slots(request.requestId());
    if (slots.isEmpty()) {
      return "no approver slots were chosen at intake";
    }
    List<Map<String, Object>> rows = jdbc.queryForList(
        "SELECT d.decision, d.decided_by, d.request_hash, t.slot_index FROM dsf_approval_decision d"
            + " LEFT JOIN dsf_slot_task t ON t.task_id = d.task_id AND t.request_id = d.request_id WHERE d.request_id = ?",
        request.requestId());
    List<String> deciders = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      if (!"APPROVE".equals(row.get("decision"))) {
        return "a slot rejected the request";
      }
      if (request.requester().equals(row.get("decided_by")) || deciders.contains((String) row.get("decided_by"))) {
        return "a decision by the requester or a second decision by one person";
      }
      deciders.add((String) row.get("decided_by"));
    }
    for (Slot slot : slots) {
      boolean approved = rows.stream().anyMatch(r -> r.get("slot_index") != null && ((Number) r.get("slot_index")).intValue() == slot.index());
      if (!approved) {
        return "slot " + slot.index() + " (" + slot.group() + ") has no approval";
      }
    }
    return null;
  }

  private RequestRegister.Registered required(DelegateExecution execution) {
    try {
      return register.required(execution);
    } catch (EngineRefusal refusal) {
      throw refused("-", refusal);
    }
  }

  private EngineRefusal refused(String requestId, EngineRefusal refusal) {
    return audit.refused("APPROVAL_REFUSED", currentUser.id(), "request", requestId, refusal);
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
