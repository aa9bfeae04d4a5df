package cn.dsflow.compliance;

import static cn.dsflow.EngineTestSupport.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.system.EngineRefusal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * The compliance calendar (requirements W18): annual duties open on their day by the calendar's daily tick, with their
 * deadlines, reminders and escalation; change-driven duties are filed by hand with deadlines in calendar months or
 * working days. The engine clock is moved; only this test's jobs are executed.
 */
@DsflowIntegrationTest
class ComplianceCalendarIT {

  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired AuditChain audit;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  /** The calendar's daily tick, run at the engine's current time. */
  void tick() {
    Job tick = managementService.createJobQuery().processDefinitionKey("compliance-calendar").timers().singleResult();
    managementService.executeJob(tick.getId());
  }

  ProcessInstance duty(String duty, int year) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("compliance-duty")
        .processInstanceBusinessKey(duty + ":" + year).singleResult();
  }

  Task task(ProcessInstance p) {
    return taskService.createTaskQuery().processInstanceId(p.getId()).singleResult();
  }

  void runDueJobsOf(ProcessInstance p) {
    for (Job j : managementService.createJobQuery().processInstanceId(p.getId()).executable().list()) {
      managementService.executeJob(j.getId());
    }
  }

  List<String> events(ProcessInstance p) {
    return audit.events("request", p.getId()).stream().map(AuditEvent::type).toList();
  }

  @Test
  void annualDutiesOpenOnTheirDayOnceWithTheirDeadlinesAndAMissedDayIsCaughtUp() {
    Job tick = managementService.createJobQuery().processDefinitionKey("compliance-calendar").timers().singleResult();
    assertThat(tick.getDuedate().toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalTime())
        .isEqualTo(java.time.LocalTime.of(9, 0));
    engine.setClock(at("2026-01-04T09:00:30+08:00"));
    tick();
    assertThat(duty("ANNUAL_DATA_INVENTORY", 2026)).isNull();
    engine.setClock(at("2026-01-05T09:00:30+08:00"));
    tick();
    ProcessInstance inventory = duty("ANNUAL_DATA_INVENTORY", 2026);
    assertThat(task(inventory).getDueDate()).isEqualTo(at("2026-03-31T23:59:59+08:00"));
    assertThat(taskService.getIdentityLinksForTask(task(inventory).getId())).anyMatch(l -> "dso".equals(l.getGroupId()));
    assertThat(task(duty("ANNUAL_TRAINING", 2026)).getDueDate()).isEqualTo(at("2026-12-15T23:59:59+08:00"));
    assertThat(taskService.getIdentityLinksForTask(task(duty("ANNUAL_SUPERVISION_CHECK", 2026)).getId()))
        .anyMatch(l -> "audit".equals(l.getGroupId()));
    tick();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("ANNUAL_DATA_INVENTORY:2026").count()).isEqualTo(1);

    // the server was down on 1 July: the catalogue filing opens on the next tick, still due 30 August
    engine.setClock(at("2026-07-15T09:00:30+08:00"));
    tick();
    ProcessInstance catalogue = duty("IMPORTANT_DATA_CATALOGUE_FILING", 2026);
    assertThat(task(catalogue).getDueDate()).isEqualTo(at("2026-08-30T23:59:59+08:00"));
    engine.setClock(at("2026-08-16T08:59:00+08:00"));
    runDueJobsOf(catalogue);
    assertThat(events(catalogue)).doesNotContain("DUTY_REMINDER");
    engine.setClock(at("2026-08-16T09:00:30+08:00"));
    runDueJobsOf(catalogue);
    assertThat(events(catalogue)).contains("DUTY_REMINDER");
    engine.setClock(at("2026-08-31T00:00:30+08:00"));
    runDueJobsOf(catalogue);
    assertThat(events(catalogue)).contains("DEADLINE_MISSED");
    assertThat(runtimeService.getVariable(catalogue.getId(), "dutyOverdue")).isEqualTo(true);
  }

  @Test
  void theAnnualRiskAssessmentNeedsATeamOfAtLeastFive() {
    engine.setClock(at("2026-10-08T09:00:30+08:00"));
    tick();
    ProcessInstance assessment = duty("ANNUAL_RISK_ASSESSMENT", 2026);
    Task t = task(assessment);
    assertThat(t.getDueDate()).isEqualTo(at("2026-12-31T23:59:59+08:00"));
    Map<String, Object> four = Map.of("dutyResult", "已完成评估并报送", "dutyCompletedAt", "2026-10-08T09:00:00+08:00",
        "assessmentTeamSize", 4);
    engine.actAs("zhaoliu");
    try {
      taskService.claim(t.getId(), "zhaoliu");
      assertThatThrownBy(() -> taskService.complete(t.getId(), four))
          .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("assessmentTeamSize"));
      taskService.complete(t.getId(), Map.of("dutyResult", "已完成评估并报送", "dutyCompletedAt", "2026-10-08T09:00:00+08:00",
          "assessmentTeamSize", 5));
    } finally {
      engine.actAsNobody();
    }
    assertThat(events(assessment)).contains("COMPLIANCE_DUTY_OPENED", "TASK_COMPLETED");
  }

  ProcessInstance file(String user, Map<String, Object> change) {
    return engine.start(user, "compliance-duty", change);
  }

  @Test
  void aLiaisonChangeIsDueFiveWorkingDaysLaterAcrossNationalDay() {
    engine.setClock(at("2026-10-01T10:00:00+08:00"));
    ProcessInstance p = file("zhaoliu", Map.of("complianceDuty", "LIAISON_CHANGE", "changeDate", "2026-09-30",
        "changeDescription", "联络人由赵六变更为孙七"));
    // 1–7 Oct off; Thu 8, Fri 9, Sat 10 (调休), Mon 12, Tue 13
    assertThat(task(p).getDueDate()).isEqualTo(at("2026-10-13T23:59:59+08:00"));
    assertThat(runtimeService.getVariable(p.getId(), "dutyReminderAt")).isEqualTo(at("2026-10-12T09:00:00+08:00"));
  }

  @Test
  void aCatalogueChangeIsDueInThreeCalendarMonths() {
    engine.setClock(at("2026-11-23T10:00:00+08:00"));
    ProcessInstance p = file("zhaoliu", Map.of("complianceDuty", "CATALOGUE_CHANGE_FILING", "changeDate", "2026-11-20",
        "changeDescription", "生产数据规模增长 35%"));
    assertThat(task(p).getDueDate()).isEqualTo(at("2027-02-20T23:59:59+08:00"));
  }

  @Test
  void onlyTheDataSecurityDepartmentFilesChangesAndAnnualDutiesCannotBeStartedByHand() {
    engine.setClock(at("2026-11-23T10:00:00+08:00"));
    Map<String, Object> change = Map.of("complianceDuty", "LIAISON_CHANGE", "changeDate", "2026-11-20", "changeDescription", "x");
    assertThatThrownBy(() -> file("lisi", change)).isNotNull();
    assertThatThrownBy(() -> file("zhaoliu", Map.of("complianceDuty", "ANNUAL_TRAINING")))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("complianceDuty"));
    assertThatThrownBy(() -> file("zhaoliu", Map.of("complianceDuty", "LIAISON_CHANGE", "changeDate", "2026-12-20",
        "changeDescription", "x"))).satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("changeDate"));
  }

  @Test
  void theUpcomingViewListsOpenDeadlinesAndTheDutiesAboutToOpen() {
    engine.setClock(at("2026-11-23T10:00:00+08:00"));
    file("zhaoliu", Map.of("complianceDuty", "LIAISON_CHANGE", "changeDate", "2026-11-20", "changeDescription", "联系电话变更"));
    String upcoming = http.withBasicAuth("zhengshi", "demo").getForObject("/api/calendar/upcoming?days=60", String.class);
    assertThat(upcoming).contains("风险信息报送联络人变更报备", "\"kind\":\"SCHEDULED\"", "年度全量数据资源梳理和数据目录更新");
    assertThat(http.withBasicAuth("lisi", "demo").getForEntity("/api/calendar/upcoming", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("zhengshi", "demo").getForEntity("/api/calendar/upcoming?days=0", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }
}
