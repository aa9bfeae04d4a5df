package cn.dsflow.incident;

import static cn.dsflow.EngineTestSupport.at;
import static cn.dsflow.incident.IncidentFixture.facts;
import static cn.dsflow.EngineTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.calendar.OfficialYears;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 000 §6.6: the summary report of a 重大-or-worse incident is due at the end of the 5th working day after the emergency
 * work ends — counted on the Chinese calendar in Beijing, with its reminder a working day before and its escalation at
 * the deadline, never earlier. The engine clock is moved; the job executor's timers fire as they would in production.
 */
@DsflowIntegrationTest
class SummaryReportDeadlineIT {

  @Autowired IncidentFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired AuditChain audit;

  @Autowired TestRestTemplate http;
  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;
  @Autowired OfficialYears officialYears;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
    // the shared context must not keep this test's notice: 2027 has no official file in the product yet
    jdbc.update("DELETE FROM dsf_calendar_year WHERE year = 2027");
    officialYears.reload();
  }

  /** A 重大 incident reported at {@code discovered}, worked through to the end of its emergency response. */
  ProcessInstance majorIncidentEndedAt(String discovered, String endedAt, String declaredAt) {
    engine.setClock(at(discovered));
    ProcessInstance incident = fixture.report("lisi", with(facts(discovered), "personsAffected", 12_000_000,
        "directLossYuan", 0, "ciiInvolved", false));
    fixture.confirmAsProposed(incident, false);
    fixture.complete("zhaoliu", fixture.only(incident, "reportToRegulator"), Map.of(
        "reportingUnit", "某某通信有限公司", "regImpact", "千万级用户资料", "regMeasuresTaken", "已封禁", "regSuggestions", "全面排查",
        "regRecipient", "北京市通信管理局", "regChannel", "PHONE", "regSubmittedAt", discovered));
    fixture.complete("zhaoliu", fixture.only(incident, "reportToCac"), Map.of(
        "cacItem1Unit", "某某通信有限公司 用户中心", "cacItem2Situation", "接口被批量调用", "cacItem3Trend", "已控制",
        "cacItem4Cause", "鉴权缺陷", "cacItem5Traces", "境外 IP 段", "cacItem6NextSteps", "加固", "cacItem7SceneProtection", "已快照",
        "cacRecipient", "北京市网信办", "cacChannel", "WEBSITE", "cacSubmittedAt", discovered));
    fixture.firstResponse(incident);
    fixture.complete("sunqi", fixture.only(incident, "leadResponse"), Map.of("leadDeployment", "全面排查", "leadDutyRoster", "24 小时值班"));
    engine.setClock(at(declaredAt));
    fixture.endResponse(incident, endedAt);
    return incident;
  }

  Task summary(ProcessInstance incident) {
    return fixture.only(incident, "writeSummaryReport");
  }

  List<String> events(ProcessInstance incident, String type) {
    return audit.events("incident", incident.getId()).stream().map(AuditEvent::type).filter(type::equals).toList();
  }

  @Test
  void summaryReportDueFiveWorkingDaysAfterResponseEnds_acrossAWeekend() {
    // ended Friday 27 Nov 2026: Mon 30, Tue 1, Wed 2, Thu 3, Fri 4 Dec
    ProcessInstance incident = majorIncidentEndedAt("2026-11-26T09:00:00+08:00", "2026-11-27T15:00:00+08:00", "2026-11-27T15:30:00+08:00");
    assertThat(summary(incident).getDueDate()).isEqualTo(at("2026-12-04T23:59:59+08:00"));
    assertThat(runtimeService.getVariable(incident.getId(), "summaryReminderAt")).isEqualTo(at("2026-12-03T09:00:00+08:00"));
  }

  @Test
  void summaryReportDueFiveWorkingDaysAfterResponseEnds_skipsNationalDayAndCountsTheMakeUpSaturday() {
    // ended Wed 30 Sep 2026; 1–7 Oct off; Thu 8 (1), Fri 9 (2), Sat 10 调休 (3), Mon 12 (4), Tue 13 (5)
    ProcessInstance incident = majorIncidentEndedAt("2026-09-29T09:00:00+08:00", "2026-09-30T18:00:00+08:00", "2026-09-30T18:10:00+08:00");
    assertThat(summary(incident).getDueDate()).isEqualTo(at("2026-10-13T23:59:59+08:00"));
    assertThat(runtimeService.getVariable(incident.getId(), "summaryReminderAt")).isEqualTo(at("2026-10-12T09:00:00+08:00"));
  }

  @Test
  void summaryReportDueFiveWorkingDaysAfterResponseEnds_whenItEndedOnASunday() {
    // ended Sunday 22 Nov 2026 (not a working day, and the day itself never counts): Mon 23 … Fri 27
    ProcessInstance incident = majorIncidentEndedAt("2026-11-21T09:00:00+08:00", "2026-11-22T11:00:00+08:00", "2026-11-22T12:00:00+08:00");
    assertThat(summary(incident).getDueDate()).isEqualTo(at("2026-11-27T23:59:59+08:00"));
  }

  @Test
  void reminderAndEscalationFireOnTheirDayAndNeverEarlier() {
    ProcessInstance incident = majorIncidentEndedAt("2026-11-26T09:00:00+08:00", "2026-11-27T15:00:00+08:00", "2026-11-27T15:30:00+08:00");
    engine.setClock(at("2026-12-03T08:59:00+08:00"));
    engine.runDueJobs();
    assertThat(events(incident, "INCIDENT_DUTY_REMINDER")).isEmpty();
    engine.setClock(at("2026-12-03T09:00:30+08:00"));
    engine.runDueJobs();
    assertThat(events(incident, "INCIDENT_DUTY_REMINDER")).hasSize(1);
    engine.setClock(at("2026-12-04T23:59:00+08:00"));
    engine.runDueJobs();
    assertThat(events(incident, "INCIDENT_DEADLINE_MISSED")).isEmpty();
    assertThat(runtimeService.getVariable(incident.getId(), "summaryOverdue")).isEqualTo(false);
    engine.setClock(at("2026-12-05T00:00:01+08:00"));
    engine.runDueJobs();
    assertThat(events(incident, "INCIDENT_DEADLINE_MISSED")).hasSize(1);
    assertThat(runtimeService.getVariable(incident.getId(), "summaryOverdue")).isEqualTo(true);
    // the report is still owed, and writing it late is recorded as late
    fixture.complete("chenyi", summary(incident), Map.ofEntries(
        Map.entry("sumCause", "接口鉴权缺陷"), Map.entry("sumCourse", "11 月 26 日发现……"), Map.entry("sumResponsibility", "开发部"),
        Map.entry("sumImpactLoss", "1200 万用户资料"), Map.entry("sumLessons", "上线前安全评审"), Map.entry("sumOpinions", "追责"),
        Map.entry("sumImprovements", "接口网关统一鉴权"), Map.entry("sumRecipient", "北京市通信管理局"),
        Map.entry("sumChannel", "WRITTEN"), Map.entry("sumSubmittedAt", "2026-12-05T00:00:00+08:00")));
    AuditEvent done = audit.events("incident", incident.getId()).stream()
        .filter(e -> e.type().equals("INCIDENT_TASK_COMPLETED") && e.detail().contains("writeSummaryReport"))
        .findFirst().orElseThrow();
    assertThat(done.detail()).contains("\"late\":true");
    assertThat(fixture.open(incident, "writeCacSummaryReport")).hasSize(1);
    assertThat(fixture.only(incident, "writeCacSummaryReport").getDueDate()).isEqualTo(at("2026-12-27T23:59:59+08:00"));
  }

  /** A 2027 arrangement as a notice would give it: 春节 8 days off, bridged by a make-up Sunday (调休). */
  static final String NOTICE_2027 = """
      {"year": 2027, "source": "测试：2027年部分节假日安排",
       "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"},
                    {"name": "春节", "from": "2027-02-05", "to": "2027-02-12"}],
       "makeUpWorkdays": [{"name": "春节调休", "date": "2027-02-14"}]}""";

  @Test
  void summaryDeadlineOnAYearWithoutItsNoticeIsProvisional_andMovesWhenTheNoticeIsLoaded() {
    // no 2027 notice: 除夕 Fri 5 Feb, 初一–初三 Sat 6 – Mon 8, 补假 Tue 9 and Wed 10 for the weekend days (art. 6).
    // Ended Wed 3 Feb: Thu 4 (1), Thu 11 (2), Fri 12 (3), Mon 15 (4), Tue 16 (5)
    ProcessInstance incident = majorIncidentEndedAt("2027-02-01T09:00:00+08:00", "2027-02-03T15:00:00+08:00", "2027-02-03T15:30:00+08:00");
    assertThat(summary(incident).getDueDate()).isEqualTo(at("2027-02-16T23:59:59+08:00"));
    assertThat(runtimeService.getVariable(incident.getId(), "summaryReminderAt")).isEqualTo(at("2027-02-15T09:00:00+08:00"));
    assertThat(runtimeService.getVariable(incident.getId(), "summaryDueAtProvisional")).isEqualTo(true);
    assertThat(events(incident, "DEADLINE_PROVISIONAL")).hasSize(1);
    assertThat(timerDueDates(incident)).contains(at("2027-02-16T23:59:59+08:00"), at("2027-02-15T09:00:00+08:00"));

    // the notice arrives: 5–12 Feb off, Sunday 14 Feb worked. Thu 4 (1), Sun 14 (2), Mon 15 (3), Tue 16 (4), Wed 17 (5)
    ResponseEntity<String> loaded = http.withBasicAuth("admin", "demo-admin").exchange("/api/calendar/years/2027",
        HttpMethod.PUT, json(NOTICE_2027), String.class);
    assertThat(loaded.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(loaded.getBody()).contains("\"deadlinesMoved\":");

    assertThat(summary(incident).getDueDate()).isEqualTo(at("2027-02-17T23:59:59+08:00"));
    assertThat(runtimeService.getVariable(incident.getId(), "summaryDueAt")).isEqualTo(at("2027-02-17T23:59:59+08:00"));
    assertThat(runtimeService.getVariable(incident.getId(), "summaryReminderAt")).isEqualTo(at("2027-02-16T09:00:00+08:00"));
    assertThat(runtimeService.getVariable(incident.getId(), "summaryDueAtProvisional")).isEqualTo(false);
    assertThat(timerDueDates(incident)).contains(at("2027-02-17T23:59:59+08:00"), at("2027-02-16T09:00:00+08:00"))
        .doesNotContain(at("2027-02-16T23:59:59+08:00"), at("2027-02-15T09:00:00+08:00"));
    AuditEvent moved = audit.events("incident", incident.getId()).stream()
        .filter(e -> e.type().equals("DEADLINE_RESCHEDULED")).findFirst().orElseThrow();
    assertThat(moved.detail()).contains("\"oldDueAt\":\"2027-02-16T23:59:59+08:00\"")
        .contains("\"newDueAt\":\"2027-02-17T23:59:59+08:00\"").contains("\"provisional\":false");

    // the escalation now fires on the official day, not the derived one
    engine.setClock(at("2027-02-17T00:00:30+08:00"));
    engine.runDueJobs();
    assertThat(events(incident, "INCIDENT_DEADLINE_MISSED")).isEmpty();
    engine.setClock(at("2027-02-18T00:00:01+08:00"));
    engine.runDueJobs();
    assertThat(events(incident, "INCIDENT_DEADLINE_MISSED")).hasSize(1);
  }

  @Test
  void aResponderWhoRewritesTheDeadlineThroughEngineRestDoesNotDecideWhereTheNoticeMovesIt() {
    ProcessInstance incident = majorIncidentEndedAt("2027-02-01T09:00:00+08:00", "2027-02-03T15:00:00+08:00", "2027-02-03T15:30:00+08:00");
    Task task = summary(incident);
    String far = "{\"value\": \"2027-12-31T23:59:59.000+0800\", \"type\": \"Date\"}";
    // the candidate group's member tries the variables, the mark and the timer itself
    ResponseEntity<String> onInstance = http.withBasicAuth("chenyi", "demo").exchange(
        "/engine-rest/process-instance/" + incident.getId() + "/variables/summaryDueAt", HttpMethod.PUT, json(far), String.class);
    ResponseEntity<String> onTask = http.withBasicAuth("chenyi", "demo").exchange(
        "/engine-rest/task/" + task.getId() + "/variables/summaryDueAt", HttpMethod.PUT, json(far), String.class);
    ResponseEntity<String> unmark = http.withBasicAuth("chenyi", "demo").exchange(
        "/engine-rest/task/" + task.getId() + "/variables/summaryDueAtProvisional", HttpMethod.PUT,
        json("{\"value\": false, \"type\": \"Boolean\"}"), String.class);
    assertThat(List.of(onInstance.getStatusCode(), onTask.getStatusCode(), unmark.getStatusCode()))
        .containsOnly(HttpStatus.FORBIDDEN);
    assertThat(runtimeService.getVariable(incident.getId(), "summaryDueAtProvisional")).isEqualTo(true);
    String lateTimer = managementService.createJobQuery().processInstanceId(incident.getId()).timers().list().stream()
        .filter(j -> j.getDuedate().getTime() == at("2027-02-16T23:59:59+08:00").getTime()).findFirst().orElseThrow().getId();
    ResponseEntity<String> moveTimer = http.withBasicAuth("chenyi", "demo").exchange("/engine-rest/job/" + lateTimer + "/duedate",
        HttpMethod.PUT, json("{\"duedate\": \"2027-12-31T23:59:59.000+0800\"}"), String.class);
    assertThat(moveTimer.getStatusCode().is2xxSuccessful()).isFalse();

    assertThat(http.withBasicAuth("admin", "demo-admin").exchange("/api/calendar/years/2027", HttpMethod.PUT,
        json(NOTICE_2027), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    // and had a variable been rewritten, the deadline is computed from what dsflow recorded, not from the variable
    assertThat(summary(incident).getDueDate()).isEqualTo(at("2027-02-17T23:59:59+08:00"));
    assertThat(timerDueDates(incident)).contains(at("2027-02-17T23:59:59+08:00"), at("2027-02-16T09:00:00+08:00"))
        .doesNotContain(at("2027-12-31T23:59:59+08:00"));
  }

  List<Date> timerDueDates(ProcessInstance incident) {
    return managementService.createJobQuery().processInstanceId(incident.getId()).timers().list().stream()
        .map(j -> new Date(j.getDuedate().getTime())).toList();
  }

  static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
