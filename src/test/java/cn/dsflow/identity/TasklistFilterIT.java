package cn.dsflow.identity;

import static cn.dsflow.EngineTestSupport.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.incident.IncidentFixture;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Tasklist filters say what they hold: 待我审批 only approval slots, 待我处理 every other duty (issue 18). */
@DsflowIntegrationTest
class TasklistFilterIT {

  @Autowired FilterService filterService;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired TaskDuties duties;
  @Autowired ApprovalFixture approvals;
  @Autowired IncidentFixture incidents;
  @Autowired EngineTestSupport engine;

  @AfterEach
  void reset() {
    engine.actAsNobody();
  }

  @Test
  void anApprovalSlotIsListedUnderAwaitingMyApprovalAndNotUnderMyOtherDuties() {
    ProcessInstance request = approvals.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    String slot = approvals.slot(request, "deptHead").getId();

    assertThat(taskIds("wangwu", "待我审批")).contains(slot);
    assertThat(taskIds("wangwu", "待我处理")).doesNotContain(slot);
    assertThat(taskIds("zhaoliu", "待我审批")).as("not offered to a group outside the slot").doesNotContain(slot);
  }

  @Test
  void anIncidentDutyIsListedUnderMyOtherDutiesAndNotUnderAwaitingMyApproval() {
    engine.setClock(at("2026-11-23T10:00:00+08:00"));
    ProcessInstance incident = incidents.report("lisi", IncidentFixture.facts("2026-11-23T09:40:00+08:00"));
    String duty = incidents.only(incident, "confirmLevel").getId();

    assertThat(taskIds("chenyi", "待我处理")).contains(duty);
    assertThat(taskIds("chenyi", "待我审批")).doesNotContain(duty);
  }

  @Test
  void everyUserTaskOfTheDeployedProcessesFallsUnderExactlyOneOfTheTwoFilters() {
    Set<String> all = new HashSet<>();
    for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
      repositoryService.getBpmnModelInstance(definition.getId()).getModelElementsByType(UserTask.class)
          .forEach(task -> all.add(task.getId()));
    }
    Set<String> otherDuties = duties.otherThanApproval();

    assertThat(otherDuties).doesNotContain(TaskDuties.APPROVAL_SLOT)
        .contains("recordResult", "confirmLevel", "writeSummaryReport", "reportToRegulator");
    Set<String> covered = new HashSet<>(otherDuties);
    covered.add(TaskDuties.APPROVAL_SLOT);
    assertThat(covered).isEqualTo(all);
  }

  @Test
  void anEmployeeCannotRewriteASharedFilterToShowThemOthersTasks() {
    Filter shared = filterService.createFilterQuery().filterName("待我审批").singleResult();
    engine.actAs("zhangsan");
    try {
      assertThatThrownBy(() -> filterService.saveFilter(shared.setName("全部审批")))
          .isInstanceOf(AuthorizationException.class);
    } finally {
      engine.actAsNobody();
    }
    assertThat(filterService.createFilterQuery().filterName("待我审批").count()).isEqualTo(1);
  }

  @Test
  void demoUsersAreShownSurnameFirstWithoutASpace() {
    User zhangsan = identityService.createUserQuery().userId("zhangsan").singleResult();
    // Camunda's webapps show "firstName lastName"
    assertThat((zhangsan.getFirstName() + " " + zhangsan.getLastName()).strip()).isEqualTo("张三");
  }

  private List<String> taskIds(String user, String filterName) {
    String filterId = filterService.createFilterQuery().filterName(filterName).singleResult().getId();
    engine.actAs(user);
    try {
      return filterService.<Task>list(filterId).stream().map(Task::getId).toList();
    } finally {
      engine.actAsNobody();
    }
  }
}
