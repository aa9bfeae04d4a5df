package cn.dsflow.incident;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.process.IncidentVariables;
import cn.dsflow.system.SystemCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/**
 * One incident as a regulator would read it: every recorded step from the audit chain, in order, and the duties still
 * open with their deadlines. The emergency response, and the reports and playbooks it calls, belong to the incident through their root instance.
 */
@Service
public class IncidentTimeline {

  public record OpenDuty(String task, String name, Instant dueAt, boolean overdue) {}

  public record Timeline(
      String incidentId, String title, String miitLevel, String cacLevel, String state, List<AuditEvent> events,
      List<OpenDuty> openDuties) {}

  private final HistoryService historyService;
  private final TaskService taskService;
  private final IncidentInstances incidentInstances;
  private final AuditChain audit;
  private final SystemCommands system;

  public IncidentTimeline(HistoryService historyService, TaskService taskService, IncidentInstances incidentInstances,
      AuditChain audit, SystemCommands system) {
    this.historyService = historyService;
    this.incidentInstances = incidentInstances;
    this.taskService = taskService;
    this.audit = audit;
    this.system = system;
  }

  public Optional<Timeline> of(String incidentId) {
    return system.run(() -> {
      HistoricProcessInstance pi = historyService.createHistoricProcessInstanceQuery()
          .processInstanceId(incidentId).processDefinitionKey(IncidentInstances.INCIDENT_PROCESS).singleResult();
      if (pi == null) {
        return Optional.<Timeline>empty();
      }
      Date now = ClockUtil.getCurrentTime();
      List<OpenDuty> open = new ArrayList<>();
      List<String> instances = incidentInstances.running(incidentId);
      taskService.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new)).orderByDueDate().asc().list()
          .forEach(t -> open.add(new OpenDuty(t.getTaskDefinitionKey(), t.getName(),
              t.getDueDate() == null ? null : t.getDueDate().toInstant(),
              t.getDueDate() != null && now.after(t.getDueDate()))));
      Map<String, Object> v = incidentInstances.variables(incidentId, IncidentVariables.TITLE.name(),
          IncidentVariables.MIIT_LEVEL.name(), IncidentVariables.CAC_LEVEL.name());
      return Optional.of(new Timeline(incidentId, (String) v.get(IncidentVariables.TITLE.name()),
          (String) v.get(IncidentVariables.MIIT_LEVEL.name()), (String) v.get(IncidentVariables.CAC_LEVEL.name()),
          pi.getState(), audit.events("incident", incidentId), open));
    });
  }
}
