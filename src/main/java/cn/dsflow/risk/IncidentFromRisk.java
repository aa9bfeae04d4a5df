package cn.dsflow.risk;

import cn.dsflow.process.IncidentVariables;
import cn.dsflow.process.RiskVariables;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * 002 art. 13: a risk that meets an incident level starts the emergency plan. One action opens {@code incident-response}
 * with the risk's facts carried over, reported by the officer who assessed the risk; the two cases point at each other.
 */
@Component("incidentFromRisk")
public class IncidentFromRisk {

  private static final Map<String, String> INCIDENT_TYPE = Map.of(
      "LEAK", "LEAK", "TAMPERING", "TAMPERING", "ABUSE", "ILLEGAL_USE", "ILLEGAL_TRANSFER", "ILLEGAL_USE",
      "UNAUTHORIZED_ACCESS", "ILLEGAL_ACQUISITION", "ABNORMAL_TRAFFIC", "OTHER", "OTHER", "OTHER");

  private final RuntimeService runtimeService;

  public IncidentFromRisk(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  public void start(DelegateExecution execution) {
    Map<String, Object> v = new HashMap<>();
    v.put(IncidentVariables.REPORT_KIND.name(), "INCIDENT");
    v.put(IncidentVariables.SOURCE.name(), "RISK_REPORT");
    v.put(IncidentVariables.TITLE.name(), RiskVariables.TITLE.get(execution));
    v.put(IncidentVariables.DISCOVERED_AT.name(), RiskVariables.FOUND_DATE.get(execution));
    v.put(IncidentVariables.SYSTEM_NAME.name(), RiskVariables.SYSTEM_NAME.get(execution));
    v.put(IncidentVariables.LOCATION.name(), RiskVariables.AFFECTED_REGIONS.get(execution));
    v.put(IncidentVariables.DOMAIN.name(), RiskVariables.DOMAIN.get(execution));
    v.put(IncidentVariables.INCIDENT_TYPE.name(), INCIDENT_TYPE.getOrDefault(RiskVariables.CATEGORY.get(execution), "OTHER"));
    v.put(IncidentVariables.DESCRIPTION.name(),
        RiskVariables.SUMMARY.text(execution) + "\n风险分析：" + RiskVariables.ANALYSIS.text(execution)
        + "\n由风险信息 " + RiskVariables.RISK_ID.text(execution) + " 转为事件。");
    v.put(IncidentVariables.DATA_CATEGORIES.name(), RiskVariables.DATA_TYPES.get(execution));
    v.put(IncidentVariables.DATA_LEVEL.name(), RiskVariables.DATA_LEVEL.get(execution));
    v.put(IncidentVariables.THREAT_SEVERITY.name(), RiskVariables.RISK_LEVEL.is(execution, "HIGH") ? "RELATIVELY_SERIOUS" : "SOME");
    v.put(IncidentVariables.PRODUCTION_IMPACT.name(), "NONE");
    v.put(IncidentVariables.ONGOING.name(), true);
    v.put(IncidentVariables.CRIME_SUSPECTED.name(), false);
    v.put(IncidentVariables.REPORTER_CONTACT.name(), RiskVariables.CONTACT_PHONE.get(execution));
    v.put(IncidentVariables.FROM_RISK_ID.name(), RiskVariables.RISK_ID.get(execution));
    ProcessInstance incident = runtimeService.startProcessInstanceByKey("incident-response", v);
    RiskVariables.ESCALATED_INCIDENT_ID.set(execution, incident.getId());
  }
}
