package cn.dsflow.incident;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.process.IncidentVariables;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import cn.dsflow.system.SystemCommands;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Four eyes on a downgrade. A level below the grading tables' proposal can drop regulator reports, so it takes effect
 * only when a second person approves it: the direct responsible person (dsDirect), or the first responsible person
 * (dsFirst) when the tables proposed 重大 or worse on either scale. Until then, and if nobody decides before the first
 * report clock runs out, the tables' level stands with all its duties. Who asked and who may decide are read from the
 * audit chain, which no REST client can write, never from process variables.
 */
@Component("downgradeReview")
public class DowngradeReview {

  static final String REQUESTED = "INCIDENT_DOWNGRADE_REQUESTED";

  private final AuditChain audit;
  private final CurrentUser currentUser;
  private final IdentityService identityService;
  private final SystemCommands system;
  private final ObjectMapper json;

  public DowngradeReview(AuditChain audit, CurrentUser currentUser, IdentityService identityService, SystemCommands system,
      ObjectMapper json) {
    this.audit = audit;
    this.currentUser = currentUser;
    this.identityService = identityService;
    this.system = system;
    this.json = json;
  }

  static String reviewGroup(IncidentLevel proposedMiit, IncidentLevel proposedCac) {
    return proposedMiit.majorOrAbove() || proposedCac.majorOrAbove() ? Group.DS_FIRST.id() : Group.DS_DIRECT.id();
  }

  /** Complete listener of the review: the second person is in the required group and is not the one who asked. */
  public void decided(DelegateTask task) {
    String incidentId = IncidentVariables.INCIDENT_ID.get(task);
    String actor = currentUser.id();
    AuditEvent request = lastRequest(incidentId);
    Map<String, Object> asked = detail(request);
    String group = (String) asked.get("reviewGroup");
    try {
      if (actor == null || actor.equals(request.actor())) {
        throw EngineRefusal.forbidden("separation_of_duties",
            "职责分离：提出降级的人不得复核自己的降级 (the person who asked for the downgrade cannot approve it)");
      }
      boolean member = system.run(() -> identityService.createUserQuery().userId(actor).memberOfGroup(group).count() > 0);
      if (!member) {
        throw EngineRefusal.forbidden("separation_of_duties",
            "职责分离：降级须由 " + group + " 复核 (a downgrade is approved by " + group + ")");
      }
    } catch (EngineRefusal refusal) {
      throw audit.refused("INCIDENT_DOWNGRADE_REFUSED", actor, "incident", incidentId, refusal);
    }
    SubmittedFields f = new SubmittedFields(task.getVariables());
    String decision = f.text(IncidentVariables.DOWNGRADE_DECISION, 16);
    if (!decision.equals("APPROVE") && !decision.equals("REJECT")) {
      throw EngineRefusal.invalid(IncidentVariables.DOWNGRADE_DECISION.name(),
          "只能是 APPROVE 或 REJECT (must be APPROVE or REJECT)");
    }
    String comment = f.text(IncidentVariables.DOWNGRADE_COMMENT, SubmittedFields.LONG_TEXT);
    Map<String, Object> detail = new LinkedHashMap<>(asked);
    detail.put("comment", comment);
    detail.put("requestedBy", request.actor());
    // the levels come from the audit record of the request and go straight to the incident: nothing a client may have
    // written into the review's own variables is copied back
    DelegateExecution incident = incident(task.getExecution());
    if (decision.equals("APPROVE")) {
      String miit = (String) asked.get("requestedMiitLevel");
      IncidentVariables.MIIT_LEVEL.set(incident, miit);
      IncidentVariables.INCIDENT_LEVEL.set(incident, miit);
      IncidentVariables.CAC_LEVEL.set(incident, (String) asked.get("requestedCacLevel"));
    }
    IncidentVariables.DOWNGRADE_PENDING.set(incident, false);
    audit.append(decision.equals("APPROVE") ? "INCIDENT_DOWNGRADE_APPROVED" : "INCIDENT_DOWNGRADE_REJECTED", actor,
        "incident", incidentId, detail);
  }

  /** Nobody decided before the first report clock ran out: the tables' level stands. */
  public void lapsed(DelegateExecution execution) {
    IncidentVariables.DOWNGRADE_PENDING.set(incident(execution), false);
    String incidentId = IncidentVariables.INCIDENT_ID.get(execution);
    audit.append("INCIDENT_DOWNGRADE_LAPSED", null, "incident", incidentId, detail(lastRequest(incidentId)));
  }

  /** The call activity in incident-emergency-response that runs this review. */
  private static DelegateExecution incident(DelegateExecution review) {
    DelegateExecution caller = review.getProcessInstance().getSuperExecution();
    if (caller == null) {
      throw new IllegalStateException("a downgrade review runs only as called by an emergency response");
    }
    return caller;
  }

  private AuditEvent lastRequest(String incidentId) {
    List<AuditEvent> requests = audit.events("incident", incidentId).stream().filter(e -> REQUESTED.equals(e.type())).toList();
    if (requests.isEmpty()) {
      throw new IllegalStateException("incident " + incidentId + " has a downgrade review but no downgrade request");
    }
    return requests.get(requests.size() - 1);
  }

  private Map<String, Object> detail(AuditEvent event) {
    try {
      return json.readValue(event.detail(), new TypeReference<Map<String, Object>>() {});
    } catch (Exception e) {
      throw new IllegalStateException("audit event " + event.seq() + " has no readable detail", e);
    }
  }
}
