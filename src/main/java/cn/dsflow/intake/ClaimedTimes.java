package cn.dsflow.intake;

import cn.dsflow.form.FormContract;
import cn.dsflow.form.SubmittedFields;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.process.ComplianceVariables;
import cn.dsflow.process.CrossBorderVariables;
import cn.dsflow.process.DestructionVariables;
import cn.dsflow.process.ForeignRequestVariables;
import cn.dsflow.process.IncidentVariables;
import cn.dsflow.process.RiskVariables;
import cn.dsflow.process.Var;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.system.SystemCommands;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Applies {@link ClaimedTime} to every time a person declares on a task form, and pairs each accepted claim with the
 * server's receipt time and the authenticated user who entered it (填报人 / 填报时间), so a reader of the record or of
 * a Word document sees both. The case's start is read from what the server recorded, never from a process variable:
 * an incident's discovery from its intake event in the audit chain, any other case's start from the engine's history.
 */
@Component
public class ClaimedTimes {

  /** Variables beside a claimed field: {@code <field>EnteredBy}, {@code <field>ReceivedAt}. */
  public static final String ENTERED_BY = "EnteredBy";
  public static final String RECEIVED_AT = "ReceivedAt";

  /** Past times declared on task forms that cannot precede their case. */
  static final Set<String> AFTER_CASE_START = names(
      // incident reports and their evidence (214号文, CAC Measures art. 6–9)
      IncidentVariables.WARN_SUBMITTED_AT, IncidentVariables.REG_SUBMITTED_AT, IncidentVariables.CAC_SUBMITTED_AT,
      IncidentVariables.CII_AUTH_SUBMITTED_AT, IncidentVariables.CII_POLICE_SUBMITTED_AT,
      IncidentVariables.CAC_SUPPLEMENT_SUBMITTED_AT, IncidentVariables.SUM_SUBMITTED_AT,
      IncidentVariables.CAC_SUM_SUBMITTED_AT, IncidentVariables.POLICE_REPORTED_AT, IncidentVariables.AFFECTED_NOTIFIED_AT,
      IncidentVariables.EV_COLLECTED_AT, IncidentVariables.RESPONSE_ENDED_AT,
      // cross-border filings and results (000 §8.1, §8.2)
      CrossBorderVariables.CAC_SUBMITTED_DATE, CrossBorderVariables.CAC_RESULT_DATE,
      CrossBorderVariables.SUPPLEMENT_SUBMITTED_DATE, CrossBorderVariables.RENEWAL_SUBMITTED_DATE,
      CrossBorderVariables.CONTRACT_EFFECTIVE_DATE, CrossBorderVariables.FILING_SUBMITTED_DATE,
      CrossBorderVariables.SUPPLEMENT_REQUESTED_DATE, CrossBorderVariables.FILING_SUPPLEMENT_SUBMITTED_DATE,
      // foreign authority requests (000 §8.7), destruction (§4.7), risk reports (002)
      ForeignRequestVariables.DECISION_RECEIVED_AT, ForeignRequestVariables.PROVIDED_AT,
      ForeignRequestVariables.REPORTED_AT, DestructionVariables.DESTROYED_AT, DestructionVariables.REWORK_AT,
      RiskVariables.RISK_REPORTED_AT, RiskVariables.FEEDBACK_SUBMITTED_AT, RiskVariables.REMEDIATION_DONE_AT);

  /** Past times that may rightly precede the case (a licence or assessment held before the request, a duty done early). */
  static final Set<String> NOT_IN_FUTURE = names(CrossBorderVariables.EXPORT_LICENCE_DATE,
      CrossBorderVariables.PIA_COMPLETED_DATE, ComplianceVariables.DUTY_COMPLETED_AT);

  private static final String INCIDENT_PROCESS = "incident-response";

  private final JdbcTemplate jdbc;
  private final HistoryService historyService;
  private final SystemCommands system;
  private final CurrentUser currentUser;
  private final Duration grace;

  private final FormContract forms;

  public ClaimedTimes(JdbcTemplate jdbc, HistoryService historyService, SystemCommands system, CurrentUser currentUser,
      FormContract forms, @Value("${dsflow.claimed-time-grace:PT5M}") Duration grace) {
    this.forms = forms;
    this.jdbc = jdbc;
    this.historyService = historyService;
    this.system = system;
    this.currentUser = currentUser;
    this.grace = grace;
  }

  public Duration grace() {
    return grace;
  }

  /**
   * Checks every claimed time in the submission and records who entered it and when the server received it; the
   * pairs are added to {@code variables} and returned for the audit record.
   */
  public List<Map<String, Object>> checkAndRecord(DelegateTask task, List<String> formFields, Map<String, Object> variables) {
    List<Map<String, Object>> claims = new ArrayList<>();
    ClaimedTime.Bounds bounds = null;
    Instant now = ClockUtil.getCurrentTime().toInstant();
    for (String field : formFields) {
      boolean afterStart = AFTER_CASE_START.contains(field);
      if (!afterStart && !NOT_IN_FUTURE.contains(field)) {
        continue;
      }
      Object raw = variables.get(field);
      if (raw == null || raw.toString().isBlank()) {
        continue;
      }
      if (bounds == null) {
        bounds = boundsOf(task, now);
      }
      Instant claimed = new SubmittedFields(variables).instant(field, false);
      boolean dateOnly = raw instanceof String s && s.strip().length() == 10;
      if (dateOnly && forms.asksForATime(field)) {
        // a report's time is judged to the minute: a bare day would let it claim the first second of that day, before
        // the incident it reports was even discovered
        throw EngineRefusal.invalid(field, "应填写具体时间，而不只是日期 (the form asks for a date and a time, not only a day)");
      }
      ClaimedTime.check(field, claimed, dateOnly,
          afterStart ? bounds : new ClaimedTime.Bounds(null, bounds.caseStartLabel(), now, grace));
      String user = currentUser.id();
      Date receivedAt = Date.from(now);
      task.setVariable(field + ENTERED_BY, user);
      task.setVariable(field + RECEIVED_AT, receivedAt);
      variables.put(field + ENTERED_BY, user);
      variables.put(field + RECEIVED_AT, receivedAt);
      Map<String, Object> claim = new LinkedHashMap<>();
      claim.put("field", field);
      claim.put("claimed", claimed.toString());
      claim.put("receivedAt", now.toString());
      claim.put("enteredBy", user);
      claims.add(claim);
    }
    return claims;
  }

  /** Label and text of the line a document prints under a declared time: who entered it and when it was received. */
  public static final String RECEIPT_LABEL = "填报人 / 填报时间 (entered by / received)";

  public static java.util.Optional<String> receipt(Map<String, Object> variables, String field) {
    return variables.get(field + RECEIVED_AT) instanceof Date received
        ? java.util.Optional.of(variables.get(field + ENTERED_BY) + " / " + ClaimedTime.beijing(received.toInstant()) + " (北京时间)")
        : java.util.Optional.empty();
  }

  /** The bounds of a claim made on a task of this case. */
  public ClaimedTime.Bounds boundsOf(DelegateTask task, Instant now) {
    ExecutionEntity instance = ((ExecutionEntity) task.getExecution()).getProcessInstance();
    String rootId = instance.getRootProcessInstanceId();
    for (ExecutionEntity pi = instance; pi != null;
        pi = pi.getSuperExecution() == null ? null : pi.getSuperExecution().getProcessInstance()) {
      if (INCIDENT_PROCESS.equals(pi.getProcessDefinition().getKey())) {
        Instant discovered = incidentDiscovery(pi.getId());
        if (discovered != null) {
          return new ClaimedTime.Bounds(discovered, "事件发现时间 (discovery)", now, grace);
        }
      }
    }
    HistoricProcessInstance root = system.run(
        () -> historyService.createHistoricProcessInstanceQuery().processInstanceId(rootId).singleResult());
    Instant start = root == null || root.getStartTime() == null ? null : root.getStartTime().toInstant();
    return new ClaimedTime.Bounds(start, "案件登记时间 (case start)", now, grace);
  }

  /** The discovery time the server accepted at intake, as the audit chain holds it. */
  public Instant incidentDiscovery(String incidentId) {
    List<String> found = jdbc.queryForList("""
        SELECT detail::jsonb ->> 'discoveredAt' FROM dsf_audit_event
        WHERE subject_type = 'incident' AND subject_id = ?
          AND event_type IN ('INCIDENT_REPORTED', 'INCIDENT_WARNING_REPORTED')
        ORDER BY seq LIMIT 1""", String.class, incidentId);
    return found.isEmpty() || found.get(0) == null ? null : OffsetDateTime.parse(found.get(0)).toInstant();
  }

  private static Set<String> names(Var<?>... fields) {
    return Stream.of(fields).map(Var::name).collect(Collectors.toUnmodifiableSet());
  }
}
