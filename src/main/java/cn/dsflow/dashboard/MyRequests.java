package cn.dsflow.dashboard;

import cn.dsflow.system.BeijingTime;
import cn.dsflow.dashboard.ChineseLabels.Person;
import cn.dsflow.process.RequestVariables;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * 我的申请: the requests a person filed, read from dsflow's own register (the requester is the authenticated starter,
 * never a variable), with who must decide (the slots the policy table chose), who has decided and how, what is still
 * open and by when, and the permit. Runs inside {@code SystemCommands}: a requester may read the progress of their own
 * request although Camunda shows them none of its approval tasks; the caller is only ever the row's requester.
 */
@Service
class MyRequests {

  /** A person's list stays readable; older requests remain in the ledger and in Cockpit. */
  static final int LIMIT = 200;

  record Slot(int index, Coded group, Decision decision) {}

  record Decision(Person by, Coded decision, String comment, String decidedAt) {}

  record OpenStep(String taskId, String task, String name, List<Coded> groups, Person assignee, String dueAt,
      boolean overdue) {}

  record Permit(String permitId, Coded status, String validFrom, String validUntil, String usedAt) {}

  record MyRequest(String requestId, Coded process, String requestedAt, Coded status, Coded state,
      Coded operationType, Coded dataLevel, String dataCategory, String purpose, List<Slot> slots,
      List<OpenStep> open, Permit permit) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;
  private final HistoryService historyService;
  private final TaskService taskService;
  private final ChineseLabels labels;

  MyRequests(JdbcTemplate jdbc, HistoryService historyService, TaskService taskService, ChineseLabels labels) {
    this.jdbc = jdbc;
    this.historyService = historyService;
    this.taskService = taskService;
    this.labels = labels;
  }

  List<MyRequest> of(String requester, Instant now) {
    Map<String, Person> people = ChineseLabels.people();
    Map<String, Coded> processes = new HashMap<>();
    return jdbc.query("SELECT request_id, process_key, process_instance_id, requested_at, content, status"
            + " FROM dsf_request WHERE requester = ?"
            // what is still open comes first, so a busy requester's oldest open request never falls off the page
            + " ORDER BY (status = 'SUBMITTED') DESC, requested_at DESC, request_id LIMIT " + LIMIT,
        (rs, i) -> new Row(rs.getString("request_id"), rs.getString("process_key"), rs.getString("process_instance_id"),
            rs.getTimestamp("requested_at").toInstant(), rs.getString("content"), rs.getString("status")),
        requester).stream().map(r -> request(r, now, people, processes)).toList();
  }

  private record Row(String requestId, String processKey, String instanceId, Instant requestedAt, String content,
      String status) {}

  private MyRequest request(Row r, Instant now, Map<String, Person> people, Map<String, Coded> processes) {
    Map<String, Object> content = content(r.content());
    HistoricProcessInstance pi = historyService.createHistoricProcessInstanceQuery().processInstanceId(r.instanceId())
        .singleResult();
    return new MyRequest(r.requestId(), processes.computeIfAbsent(r.processKey(), labels::process),
        BeijingTime.iso(r.requestedAt()), ChineseLabels.requestStatus(r.status()),
        pi == null ? null : ChineseLabels.instanceState(pi.getState()),
        ChineseLabels.operationType(content.get(RequestVariables.OPERATION_TYPE.name())),
        ChineseLabels.dataLevel(content.get(RequestVariables.DATA_LEVEL.name())),
        text(content.get(RequestVariables.DATA_CATEGORY.name())), text(content.get(RequestVariables.PURPOSE.name())),
        slots(r.requestId(), people),
        pi == null || pi.getEndTime() != null ? List.of() : open(r.instanceId(), now, people), permit(r.requestId()));
  }

  /** Each slot with the decision taken on it, matched through the task bound to the slot when it opened. */
  private List<Slot> slots(String requestId, Map<String, Person> people) {
    Map<Integer, Decision> decided = new HashMap<>();
    jdbc.query("SELECT s.slot_index, d.decided_by, d.decision, d.comment, d.decided_at FROM dsf_approval_decision d"
        + " JOIN dsf_slot_task s ON s.task_id = d.task_id WHERE d.request_id = ?", rs -> {
          decided.put(rs.getInt("slot_index"), new Decision(labels.person(rs.getString("decided_by"), people),
              ChineseLabels.decision(rs.getString("decision")), rs.getString("comment"),
              BeijingTime.iso(rs.getTimestamp("decided_at").toInstant())));
        }, requestId);
    return jdbc.query("SELECT slot_index, slot_group FROM dsf_request_slot WHERE request_id = ? ORDER BY slot_index",
        (rs, i) -> new Slot(rs.getInt("slot_index"), ChineseLabels.group(rs.getString("slot_group")),
            decided.get(rs.getInt("slot_index"))), requestId);
  }

  private List<OpenStep> open(String instanceId, Instant now, Map<String, Person> people) {
    List<String> tree = new ArrayList<>(historyService.createHistoricProcessInstanceQuery()
        .rootProcessInstanceId(instanceId).unfinished().list().stream().map(HistoricProcessInstance::getId).toList());
    if (!tree.contains(instanceId)) {
      tree.add(instanceId);
    }
    List<OpenStep> open = new ArrayList<>();
    for (Task t : taskService.createTaskQuery().processInstanceIdIn(tree.toArray(String[]::new)).orderByTaskCreateTime()
        .asc().list()) {
      List<Coded> groups = taskService.getIdentityLinksForTask(t.getId()).stream()
          .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
          .map(IdentityLink::getGroupId).map(ChineseLabels::group).toList();
      IncidentClocks.Clock c = IncidentClocks.clock(t, now);
      open.add(new OpenStep(t.getId(), t.getTaskDefinitionKey(), t.getName(), groups,
          labels.person(t.getAssignee(), people), c.dueAt(), c.overdue()));
    }
    return open;
  }

  private Permit permit(String requestId) {
    return jdbc.query("SELECT id, status, valid_from, valid_until, used_at FROM dsf_permit WHERE request_id = ?",
        (rs, i) -> new Permit(rs.getString("id"), ChineseLabels.permitStatus(rs.getString("status")),
            BeijingTime.iso(rs.getTimestamp("valid_from").toInstant()),
            BeijingTime.iso(rs.getTimestamp("valid_until").toInstant()),
            rs.getTimestamp("used_at") == null ? null : BeijingTime.iso(rs.getTimestamp("used_at").toInstant())),
        requestId).stream().findFirst().orElse(null);
  }

  private static Map<String, Object> content(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (java.io.IOException e) {
      throw new IllegalStateException("dsf_request.content is not a JSON object", e); // written by dsflow: a real fault
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
