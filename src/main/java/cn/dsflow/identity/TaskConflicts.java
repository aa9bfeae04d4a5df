package cn.dsflow.identity;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.SystemCommands;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;

/**
 * Two people completing the same task at the same moment: the engine lets exactly one win (optimistic locking on the
 * task row). The other attempt is recorded here, in its own transaction, so the audit chain shows both attempts.
 */
@Component
public class TaskConflicts {

  /** What the loser is told: who won and when, if the task is already done. */
  public record Conflict(String taskId, String taskName, String completedBy, String completedAt) {}

  private final HistoryService historyService;
  private final AuditChain audit;
  private final SystemCommands system;

  public TaskConflicts(HistoryService historyService, AuditChain audit, SystemCommands system) {
    this.historyService = historyService;
    this.audit = audit;
    this.system = system;
  }

  /** @param action what the loser tried: {@code complete}, {@code submit-form}, {@code resolve} or {@code claim} */
  public Optional<Conflict> record(String taskId, String action, String attemptedBy) {
    HistoricTaskInstance task = system.run(() -> historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult());
    if (task == null) {
      return Optional.empty();
    }
    Conflict conflict = new Conflict(taskId, task.getName(), task.getAssignee(),
        task.getEndTime() == null ? null : task.getEndTime().toInstant().toString());
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("taskId", taskId);
    detail.put("task", task.getTaskDefinitionKey());
    detail.put("action", action);
    detail.put("completedBy", conflict.completedBy());
    detail.put("completedAt", conflict.completedAt());
    audit.appendIndependently("TASK_COMPLETION_CONFLICT", attemptedBy, "task", taskId, detail);
    return Optional.of(conflict);
  }
}
