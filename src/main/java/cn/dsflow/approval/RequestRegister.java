package cn.dsflow.approval;

import static cn.dsflow.system.SqlTime.instant;
import static cn.dsflow.system.SqlTime.ts;

import cn.dsflow.ledger.CanonicalJson;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.system.EngineRefusal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * 申请登记 (000 §3.4.2(2)) as dsflow's own record, the source every guard reads (DESIGN.md trust model): who asked (the
 * authenticated starter), what was asked and its hash, who may execute it, what each preparatory check found. Written
 * once by dsflow code in the engine's transaction; process variables only mirror it, so changing a variable changes
 * nothing that decides whether an act may happen.
 */
@Repository
public class RequestRegister {

  public enum Status { SUBMITTED, CHECKS_FAILED, REJECTED, APPROVED, NOT_ISSUED }

  public record Registered(
      String requestId, String processKey, String processInstanceId, String requester, Instant requestedAt,
      Map<String, Object> content, Map<String, Object> facts, String contentHash, Status status) {

    /** The registered content, read back as the request it was validated as. */
    public DataOperationRequest request(Duration maxValidity) {
      return DataOperationRequest.asSubmitted(content, Instant.EPOCH, maxValidity);
    }

    public String operationType() {
      return (String) content.get(RequestVariables.OPERATION_TYPE.name());
    }

    public String dataLevel() {
      return (String) content.get(RequestVariables.DATA_LEVEL.name());
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;
  private final DecisionService decisionService;

  public RequestRegister(JdbcTemplate jdbc, DecisionService decisionService) {
    this.jdbc = jdbc;
    this.decisionService = decisionService;
  }

  public void register(String processKey, String processInstanceId, String requester, Instant requestedAt,
      DataOperationRequest request, Map<String, Object> facts, List<String> executors) {
    jdbc.update(
        "INSERT INTO dsf_request (request_id, process_key, process_instance_id, requester, requested_at, content,"
            + " content_hash, intake_facts, status) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, 'SUBMITTED')",
        processInstanceId, processKey, processInstanceId, requester, ts(requestedAt), CanonicalJson.of(request.content()),
        request.contentHash(), CanonicalJson.of(facts));
    for (String executor : executors) {
      jdbc.update("INSERT INTO dsf_request_executor (request_id, user_id) VALUES (?, ?)", processInstanceId, executor);
    }
  }

  public Optional<Registered> find(String requestId) {
    return jdbc.query("SELECT * FROM dsf_request WHERE request_id = ?", RequestRegister::map, requestId).stream().findFirst();
  }

  /**
   * The request an execution works on: the one registered for the top-level process instance it runs in, found
   * through the engine's own call hierarchy, never through a {@code requestId} variable.
   */
  public Optional<Registered> of(DelegateExecution execution) {
    return jdbc.query("SELECT * FROM dsf_request WHERE process_instance_id = ?", RequestRegister::map,
        rootInstanceId(execution)).stream().findFirst();
  }

  /** {@link #of}, or a 403 refusal for an execution no registered request stands behind (a start in mid-process). */
  public Registered required(DelegateExecution execution) {
    return of(execution).orElseThrow(() -> EngineRefusal.forbidden("no_registered_request",
        "没有登记的申请：流程实例 " + rootInstanceId(execution) + " 未经提交和校验 (no registered request behind this process instance)"));
  }

  static String rootInstanceId(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    while (instance.getSuperExecution() != null) {
      instance = instance.getSuperExecution().getProcessInstance();
    }
    return instance.getId();
  }

  /** Who may use the permit at the gate besides nobody: the named executors, or else the requester alone. */
  public List<String> executors(String requestId) {
    return jdbc.queryForList("SELECT user_id FROM dsf_request_executor WHERE request_id = ? ORDER BY user_id", String.class,
        requestId);
  }

  /** Moves the request on; a closed request (rejected, failed, issued) never reopens. */
  public void close(String requestId, Status status) {
    jdbc.update("UPDATE dsf_request SET status = ? WHERE request_id = ? AND status = 'SUBMITTED'", status.name(), requestId);
  }

  public void recordCheck(String requestId, String checkKey, String taskId, boolean passed, String checkedBy, Instant at,
      String findings) {
    jdbc.update("INSERT INTO dsf_check_outcome (request_id, check_key, task_id, passed, checked_by, checked_at, findings)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)", requestId, checkKey, taskId, passed, checkedBy, ts(at), findings);
  }

  /**
   * End listener of 确定准备检查: the approval-checks table asked with the registered content, its answer kept with the
   * request (written once) so that no permit issues unless each of these checks passed; {@code checks} mirrors it.
   */
  public void recordRequiredChecks(DelegateExecution execution) {
    Registered request = required(execution);
    List<String> checks = decisionService.evaluateDecisionByKey("approval-checks")
        .variables(Map.of(RequestVariables.OPERATION_TYPE.name(), request.operationType(),
            RequestVariables.DATA_LEVEL.name(), request.dataLevel()))
        .evaluate().collectEntries("checkKey");
    List<String> required = checks.stream().filter(CHECK_TASKS::containsKey).toList(); // "none" is no check
    int n = jdbc.update("UPDATE dsf_request SET required_checks = ?::jsonb WHERE request_id = ? AND required_checks = '[]'::jsonb",
        CanonicalJson.of(required), request.requestId());
    if (n != 1 && !required.isEmpty()) {
      throw EngineRefusal.forbidden("checks_already_chosen", "准备检查已在受理时确定 (the preparatory checks were chosen at intake)");
    }
    RequestVariables.CHECKS.set(execution, new java.util.ArrayList<>(checks));
  }

  /** The checks chosen at intake (approval-checks keys) that have no passing outcome yet. */
  public List<String> checksNotPassed(String requestId) {
    List<String> required = jdbc.queryForList(
        "SELECT c.key FROM dsf_request r, jsonb_array_elements_text(r.required_checks) AS c(key) WHERE r.request_id = ?",
        String.class, requestId);
    List<String> passed = jdbc.queryForList("SELECT check_key FROM dsf_check_outcome WHERE request_id = ? AND passed",
        String.class, requestId);
    return required.stream().filter(key -> !passed.contains(CHECK_TASKS.getOrDefault(key, key))).toList();
  }

  /** approval-checks answer → the user task of data-operation-approval that carries it out (its sequence-flow conditions). */
  static final Map<String, String> CHECK_TASKS = Map.of(
      "necessityAssessment", "assessNecessity",
      "recipientCapabilityReview", "reviewRecipientCapability",
      "securityAgreement", "checkSecurityAgreement",
      "coreDataRiskAssessment", "assessCoreDataRisk",
      "disclosureRiskAssessment", "assessDisclosureRisk");

  public boolean anyCheckFailed(String requestId) {
    Integer n = jdbc.queryForObject("SELECT count(*) FROM dsf_check_outcome WHERE request_id = ? AND NOT passed",
        Integer.class, requestId);
    return n != null && n > 0;
  }

  // Gateway conditions: read the register, not the variables a candidate could have overwritten.

  /** {@code ${requestRegister.checksFailed(execution)}}: one failed check stops the request, whoever answers next. */
  public boolean checksFailed(DelegateExecution execution) {
    return anyCheckFailed(required(execution).requestId());
  }

  /** {@code ${requestRegister.rejected(execution)}}: any REJECT row on the request ends the approval. */
  public boolean rejected(DelegateExecution execution) {
    Integer n = jdbc.queryForObject(
        "SELECT count(*) FROM dsf_approval_decision WHERE request_id = ? AND decision = 'REJECT'", Integer.class,
        required(execution).requestId());
    return n != null && n > 0;
  }

  /** {@code ${requestRegister.changesCatalogue(execution)}}: 000 §2.6(3), transfer of important or core data. */
  public boolean changesCatalogue(DelegateExecution execution) {
    Registered r = required(execution);
    return "TRANSFER".equals(r.operationType()) && !"GENERAL".equals(r.dataLevel());
  }

  static Registered map(ResultSet rs, int row) throws SQLException {
    return new Registered(rs.getString("request_id"), rs.getString("process_key"), rs.getString("process_instance_id"),
        rs.getString("requester"), instant(rs, "requested_at"), json(rs.getString("content")),
        json(rs.getString("intake_facts")), rs.getString("content_hash"), Status.valueOf(rs.getString("status")));
  }

  private static Map<String, Object> json(String text) {
    try {
      return JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable register row", e);
    }
  }
}
