package cn.dsflow.identity;

import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * Sorts the user tasks of the deployed processes into approval slots and other duties, so the Tasklist filters say
 * what they hold: 待我审批 only for approval slots, 待我处理 for incident duties, reports, result recording and the rest
 * (issue 18). Read from the deployed BPMN, so a new duty cannot fall between the two filters.
 */
@Component
public class TaskDuties {

  /** The definition key of every approval slot (DESIGN.md contracts). */
  public static final String APPROVAL_SLOT = "approve";

  private final RepositoryService repositoryService;

  public TaskDuties(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  /** Definition keys of the user tasks in the latest version of each deployed process, approval slots excluded. */
  public Set<String> otherThanApproval() {
    Set<String> keys = new TreeSet<>();
    for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
      for (UserTask task : repositoryService.getBpmnModelInstance(definition.getId())
          .getModelElementsByType(UserTask.class)) {
        keys.add(task.getId());
      }
    }
    keys.remove(APPROVAL_SLOT);
    return keys;
  }
}
