package cn.dsflow.incident;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * The process instances of one incident. The incident is its {@code incident-response} instance (the incident id is
 * that instance's id); the emergency response runs below it in {@code incident-emergency-response}, and the reports,
 * playbooks and downgrade reviews below that. Whoever asks about an incident asks the whole tree, and a delegate finds
 * its incident through the engine's call hierarchy, never through a variable (trust model).
 */
@Component
public class IncidentInstances {

  public static final String INCIDENT_PROCESS = "incident-response";
  public static final String EMERGENCY_PROCESS = "incident-emergency-response";

  private final HistoryService historyService;

  public IncidentInstances(HistoryService historyService) {
    this.historyService = historyService;
  }

  /** The incident an execution works on: the root of its call hierarchy. */
  public static String incidentOf(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    while (instance.getSuperExecution() != null) {
      instance = instance.getSuperExecution().getProcessInstance();
    }
    return instance.getId();
  }

  /** The incident's running instances, itself included, at every level of calls. */
  public List<String> running(String incidentId) {
    List<String> tree = new ArrayList<>(historyService.createHistoricProcessInstanceQuery().rootProcessInstanceId(incidentId)
        .unfinished().list().stream().map(HistoricProcessInstance::getId).toList());
    if (!tree.contains(incidentId)) {
      tree.add(incidentId);
    }
    return tree;
  }

  /** The emergency response of the incident while it runs. */
  public Optional<String> runningResponse(String incidentId) {
    return historyService.createHistoricProcessInstanceQuery().superProcessInstanceId(incidentId)
        .processDefinitionKey(EMERGENCY_PROCESS).unfinished().list().stream().map(HistoricProcessInstance::getId).findFirst();
  }

  /**
   * The incident's current values of these variables, as text: during the emergency response the response holds the
   * live grading (it hands it back to the incident when it ends), before and after it the incident does.
   */
  public Map<String, Object> variables(String incidentId, String... names) {
    Map<String, Object> values = read(incidentId, names);
    runningResponse(incidentId).ifPresent(response -> read(response, names).forEach((k, v) -> {
      if (v != null) {
        values.put(k, v);
      }
    }));
    return values;
  }

  private Map<String, Object> read(String instanceId, String... names) {
    Map<String, Object> values = new HashMap<>();
    for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
        .variableNameIn(names).disableCustomObjectDeserialization().list()) {
      values.put(v.getName(), v.getValue() == null ? null : v.getValue().toString());
    }
    return values;
  }
}
