package cn.dsflow.risk;

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
    v.put("reportKind", "INCIDENT");
    v.put("source", "RISK_REPORT");
    v.put("title", execution.getVariable("title"));
    v.put("discoveredAt", execution.getVariable("foundDate"));
    v.put("systemName", execution.getVariable("systemName"));
    v.put("location", execution.getVariable("affectedRegions"));
    v.put("domain", execution.getVariable("domain"));
    v.put("incidentType", INCIDENT_TYPE.getOrDefault((String) execution.getVariable("category"), "OTHER"));
    v.put("description", execution.getVariable("summary") + "\n风险分析：" + execution.getVariable("analysis")
        + "\n由风险信息 " + execution.getVariable("riskId") + " 转为事件。");
    v.put("dataCategories", execution.getVariable("dataTypes"));
    v.put("dataLevel", execution.getVariable("dataLevel"));
    v.put("threatSeverity", "HIGH".equals(execution.getVariable("riskLevel")) ? "RELATIVELY_SERIOUS" : "SOME");
    v.put("productionImpact", "NONE");
    v.put("ongoing", true);
    v.put("crimeSuspected", false);
    v.put("reporterContact", execution.getVariable("contactPhone"));
    v.put("fromRiskId", execution.getVariable("riskId"));
    ProcessInstance incident = runtimeService.startProcessInstanceByKey("incident-response", v);
    execution.setVariable("escalatedIncidentId", incident.getId());
  }
}
