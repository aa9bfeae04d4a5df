package cn.dsflow.incident;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.process.IncidentVariables;
import cn.dsflow.intake.ClaimedTime;
import cn.dsflow.intake.ClaimedTimes;
import cn.dsflow.system.DisplayName;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * First response (000 §6.5: 保存相关痕迹和证据): the evidence listed on the form is registered with its SM3 digest, who
 * collected it and when; the first response cannot be completed with no evidence registered at all unless the lead
 * states why nothing could be preserved.
 */
@Component("evidencePreservation")
public class EvidencePreservation implements TaskListener {

  private static final String SM3_HEX = "[0-9a-f]{64}";

  private final EvidenceRegister register;
  private final CurrentUser currentUser;
  private final ObjectMapper json;
  private final ClaimedTimes claimedTimes;

  public EvidencePreservation(EvidenceRegister register, CurrentUser currentUser, ObjectMapper json,
      ClaimedTimes claimedTimes) {
    this.claimedTimes = claimedTimes;
    this.register = register;
    this.currentUser = currentUser;
    this.json = json;
  }

  @Override
  public void notify(DelegateTask task) {
    String incidentId = IncidentVariables.INCIDENT_ID.get(task);
    List<Map<String, Object>> items = items(IncidentVariables.EVIDENCE_ITEMS.get(task));
    Instant now = ClockUtil.getCurrentTime().toInstant();
    ClaimedTime.Bounds bounds = items.isEmpty() ? null : claimedTimes.boundsOf(task, now);
    for (int i = 0; i < items.size(); i++) {
      SubmittedFields f = new SubmittedFields(items.get(i));
      String at = IncidentVariables.EVIDENCE_ITEMS.name() + "[" + i + "].";
      String sm3 = f.text(IncidentVariables.EV_SM3, 64).toLowerCase();
      if (!sm3.matches(SM3_HEX)) {
        throw EngineRefusal.invalid(at + IncidentVariables.EV_SM3.name(),
            "SM3 摘要应为 64 位十六进制 (an SM3 digest is 64 hex digits)");
      }
      Instant collectedAt;
      try {
        collectedAt = ClaimedTime.check(IncidentVariables.EV_COLLECTED_AT.name(),
            f.instant(IncidentVariables.EV_COLLECTED_AT, false), false, bounds);
      } catch (EngineRefusal e) {
        String field = IncidentVariables.EV_COLLECTED_AT.name();
        throw EngineRefusal.invalid(at + field, e.reason().substring((field + ": ").length()));
      }
      register.register(incidentId, DisplayName.sanitise(f.text(IncidentVariables.EV_NAME, SubmittedFields.SHORT_TEXT), "evidence"),
          f.text(IncidentVariables.EV_SOURCE, 400), sm3,
          f.text(IncidentVariables.EV_COLLECTED_BY, 128), collectedAt, currentUser.id(), now, null);
    }
    String noEvidenceReason = new SubmittedFields(task.getVariables())
        .optionalText(IncidentVariables.NO_EVIDENCE_REASON, SubmittedFields.LONG_TEXT);
    if (register.count(incidentId) == 0 && noEvidenceReason == null) {
      throw EngineRefusal.invalid(IncidentVariables.EVIDENCE_ITEMS.name(),
          "须登记至少一项证据（或上传至证据登记），或说明无法保全的原因 (register evidence, or say why none could be preserved)");
    }
    // the list now lives in the register; an instance variable would register it twice on a later re-submission
    IncidentVariables.EVIDENCE_ITEMS.remove(task);
  }

  private List<Map<String, Object>> items(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(o -> {
        if (o instanceof Map<?, ?> m) {
          @SuppressWarnings("unchecked")
          Map<String, Object> item = (Map<String, Object>) m;
          return item;
        }
        throw EngineRefusal.invalid(IncidentVariables.EVIDENCE_ITEMS.name(), "格式不符 (each item must be an object)");
      }).toList();
    }
    try {
      return json.readValue(value.toString(), new TypeReference<List<Map<String, Object>>>() {});
    } catch (Exception e) {
      throw EngineRefusal.invalid(IncidentVariables.EVIDENCE_ITEMS.name(), "格式不符 (must be a list of evidence items)");
    }
  }
}
