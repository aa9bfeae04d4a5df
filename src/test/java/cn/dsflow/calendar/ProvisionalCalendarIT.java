package cn.dsflow.calendar;

import static cn.dsflow.EngineTestSupport.at;
import static cn.dsflow.EngineTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.AuditEvent;
import cn.dsflow.notify.EmbeddedMailServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * December 2026 without the 2027 notice: deadlines still open, marked provisional where they reach 2027, and the
 * health check asks for the notice; loading it (admin upload, or a file any node finds) settles every open one.
 */
@DsflowIntegrationTest
class ProvisionalCalendarIT {

  static final String NOTICE_2027 = """
      {"year": 2027, "source": "测试：2027年部分节假日安排",
       "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"},
                    {"name": "春节", "from": "2027-02-05", "to": "2027-02-12"}],
       "makeUpWorkdays": [{"name": "春节调休", "date": "2027-02-14"}]}""";

  @Autowired ApprovalFixture approvals;
  @Autowired EngineTestSupport engine;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired AuditChain audit;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;
  @Autowired OfficialYears officialYears;
  @Autowired WorkingDayCalendar calendar;
  @Autowired ProvisionalDeadlines deadlines;
  @Autowired CalendarHealthIndicator health;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired EmbeddedMailServer smtp;

  @AfterEach
  void realTimeAndNo2027() {
    engine.actAsNobody();
    jdbc.update("DELETE FROM dsf_calendar_year WHERE year >= 2027");
    officialYears.reload();
  }

  ProcessInstance requestStartedAt(String now) {
    engine.setClock(at(now));
    return approvals.start("zhangsan", with(ApprovalFixture.request("BULK_EXPORT", "GENERAL"),
        "validFrom", now.substring(0, 10), "validUntil", "2027-03-31"));
  }

  ResponseEntity<String> load(String user, String password, int year, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, password).exchange("/api/calendar/years/" + year, HttpMethod.PUT,
        new HttpEntity<>(body, headers), String.class);
  }

  static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  Status health() {
    return health.health().getStatus();
  }

  @Test
  void slotDeadlinesThatStayInTheOfficialYearAreNotProvisional_butDecemberWithoutNextYearWarns() {
    // Sunday 20 Dec 2026: Mon 21, Tue 22, Wed 23 — all in 2026, whose notice is installed
    ProcessInstance request = requestStartedAt("2026-12-20T10:00:00+08:00");
    Task slot = approvals.slot(request, "deptHead");
    assertThat(slot.getDueDate()).isEqualTo(at("2026-12-23T23:59:59+08:00"));
    assertThat(taskService.getVariable(slot.getId(), "approvalDueAtProvisional")).isNull();
    assertThat(audit.events("request", request.getId())).extracting(AuditEvent::type).doesNotContain("DEADLINE_PROVISIONAL");
    assertThat(health()).isEqualTo(CalendarHealthIndicator.WARNING);
  }

  @Test
  void slotDeadlinesReachingTheDerivedYearAreProvisional_untilTheNoticeConfirmsThem() {
    smtp.start();
    engine.setClock(at("2026-12-29T09:00:00+08:00"));
    engine.runDueJobs();
    smtp.purge();
    // Tuesday 29 Dec 2026: Wed 30 (1), Thu 31 (2), 元旦 Fri 1 Jan by law, weekend, Mon 4 Jan (3)
    ProcessInstance request = requestStartedAt("2026-12-29T10:00:00+08:00");
    Task slot = approvals.slot(request, "deptHead");
    assertThat(slot.getDueDate()).isEqualTo(at("2027-01-04T23:59:59+08:00"));
    // the approvers' mail says the date and that it is provisional
    engine.runDueJobs();
    assertThat(smtp.receivedMessages()).filteredOn(m -> subject(m).contains("待审批")).isNotEmpty()
        .allSatisfy(m -> assertThat((String) m.getContent()).contains("2027-01-04 23:59 (北京时间)").contains("暂定"));
    assertThat(taskService.getVariable(slot.getId(), "approvalDueAtProvisional")).isEqualTo(true);
    assertThat(audit.events("request", request.getId())).extracting(AuditEvent::type).contains("DEADLINE_PROVISIONAL");
    assertThat(deadlines.openCount()).isPositive();
    assertThat(health()).isEqualTo(CalendarHealthIndicator.WARNING);

    ResponseEntity<String> loaded = load("admin", "demo-admin", 2027, NOTICE_2027);
    assertThat(loaded.getStatusCode()).isEqualTo(HttpStatus.OK);

    // the notice agrees (1–3 Jan off): the date stays, and is now official
    Task same = approvals.slot(request, "deptHead");
    assertThat(same.getDueDate()).isEqualTo(at("2027-01-04T23:59:59+08:00"));
    assertThat(taskService.getVariable(same.getId(), "approvalDueAtProvisional")).isEqualTo(false);
    assertThat(audit.events("request", request.getId())).extracting(AuditEvent::type).contains("DEADLINE_CONFIRMED");
    assertThat(audit.events("calendar", "2027")).extracting(AuditEvent::type).contains("CALENDAR_YEAR_LOADED");
    assertThat(deadlines.openCount()).isZero();
    assertThat(health()).isEqualTo(Status.UP);
  }

  @Test
  void aTaskDueDateSetInTheDiagramIsTrackedToo_andTheOfficersViewSaysProvisional() {
    // a foreign authority's request on Thursday 31 Dec 2026 is reported within 1 working day: 元旦 by law, Mon 4 Jan
    engine.setClock(at("2026-12-31T10:00:00+08:00"));
    engine.actAs("wujiu");
    ProcessInstance p;
    try {
      p = runtimeService.startProcessInstanceByKey("foreign-data-request", Map.of("foreignAuthority", "Example District Court",
          "foreignCountry", "某国", "requestReceivedAt", "2026-12-31T09:00:00+08:00", "dataRequested", "某客户交易记录",
          "legalBasisClaimed", "民事诉讼证据开示"));
    } finally {
      engine.actAsNobody();
    }
    Task report = engine.only(p.getId(), "reportForeignRequest");
    assertThat(report.getDueDate()).isEqualTo(at("2027-01-04T23:59:59+08:00"));
    assertThat(runtimeService.getVariable(p.getId(), "foreignReportDueAtProvisional")).isEqualTo(true);
    String view = http.withBasicAuth("zhaoliu", "demo").getForObject("/api/calendar/upcoming?days=30", String.class);
    assertThat(view).contains("\"taskId\":\"" + report.getId() + "\"");
    assertThat(itemOf(view, report.getId())).contains("\"provisional\":true");

    assertThat(load("admin", "demo-admin", 2027, NOTICE_2027).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(engine.only(p.getId(), "reportForeignRequest").getDueDate()).isEqualTo(at("2027-01-04T23:59:59+08:00"));
    assertThat(runtimeService.getVariable(p.getId(), "foreignReportDueAtProvisional")).isEqualTo(false);
    String after = http.withBasicAuth("zhaoliu", "demo").getForObject("/api/calendar/upcoming?days=30", String.class);
    assertThat(itemOf(after, report.getId())).contains("\"provisional\":false");
  }

  /** The JSON object of one task in the upcoming view. */
  static String itemOf(String view, String taskId) {
    int at = view.indexOf("\"taskId\":\"" + taskId + "\"");
    return view.substring(view.lastIndexOf('{', at), view.indexOf('}', at) + 1);
  }

  @Test
  void onlyAnAdministratorLoadsANotice_andEveryBadFileIsRefusedClearlyAndAudited() {
    engine.setClock(at("2026-12-20T10:00:00+08:00"));
    ResponseEntity<String> employee = load("lisi", "demo", 2027, NOTICE_2027);
    assertThat(employee.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // a member of dso, who owns the compliance calendar, is not an administrator either
    assertThat(load("zhaoliu", "demo", 2027, NOTICE_2027).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    ResponseEntity<String> otherYear = load("admin", "demo-admin", 2028, NOTICE_2027);
    assertThat(otherYear.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(otherYear.getBody()).contains("\"error\":\"invalid_calendar_file\"").contains("2028");
    ResponseEntity<String> outside = load("admin", "demo-admin", 2027, NOTICE_2027.replace("\"2027-02-14\"", "\"2028-01-02\""));
    assertThat(outside.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(outside.getBody()).contains("2028-01-02");
    ResponseEntity<String> both = load("admin", "demo-admin", 2027, NOTICE_2027.replace("\"2027-02-14\"", "\"2027-02-08\""));
    assertThat(both.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(both.getBody()).contains("both a day off and a make-up working day");
    ResponseEntity<String> backwards = load("admin", "demo-admin", 2027, NOTICE_2027.replace("\"from\": \"2027-02-05\"", "\"from\": \"2027-02-13\""));
    assertThat(backwards.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(load("admin", "demo-admin", 2027, "{\"year\": 2027, \"holidays\": [], \"makeUpWorkdays\": []}").getBody())
        .contains("\"field\":\"holidays\"");
    assertThat(load("admin", "demo-admin", 2027, "{\"year\": 2027, \"holidays\": [{\"name\": \"元旦\"").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    // two years ahead is still a plausible notice; three is a typo
    assertThat(load("admin", "demo-admin", 2029, NOTICE_2027.replace("2027", "2029")).getBody()).contains("\"field\":\"year\"");

    // nothing was loaded: 2027 is still derived, and every refusal is on the record
    assertThat(jdbc.queryForObject("SELECT count(*) FROM dsf_calendar_year", Integer.class)).isZero();
    assertThat(calendar.isProvisional(2027)).isTrue();
    assertThat(audit.events("calendar", "2027")).extracting(AuditEvent::type)
        .filteredOn("CALENDAR_LOAD_REFUSED"::equals).hasSizeGreaterThanOrEqualTo(7);
    assertThat(audit.events("calendar", "2027")).filteredOn(e -> e.type().equals("CALENDAR_LOAD_REFUSED"))
        .extracting(AuditEvent::actor).contains("lisi", "zhaoliu", "admin");

    // the boundaries: 2024 (the oldest shipped year) to two years ahead; at most 64 KiB
    assertThat(load("admin", "demo-admin", 2023, NOTICE_2027.replace("2027", "2023")).getBody()).contains("\"field\":\"year\"");
    String padded = NOTICE_2027 + " ".repeat(CalendarController.MAX_FILE_CHARS - NOTICE_2027.length());
    assertThat(load("admin", "demo-admin", 2027, padded + " ").getBody()).contains("\"field\":\"content\"");
    assertThat(load("admin", "demo-admin", 2027, padded).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(load("admin", "demo-admin", 2028, NOTICE_2027.replace("2027", "2028")).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(calendar.hasYear(2027)).isTrue();
    assertThat(calendar.hasYear(2028)).isTrue();
  }

  @Test
  void aFileDroppedIntoOneNodesDirectoryReachesEveryNodeWithoutARestart(@TempDir Path dir) throws Exception {
    engine.setClock(at("2026-12-29T10:00:00+08:00"));
    assertThat(calendar.isProvisional(2027)).isTrue();
    Files.writeString(dir.resolve("cn-2027.json"), NOTICE_2027);
    // another node: its own calendar and directory, the same database
    WorkingDayCalendar otherNodesCalendar = new WorkingDayCalendar(Map.of());
    OfficialYears otherNode = new OfficialYears(otherNodesCalendar, deadlines, jdbc, audit, transactionManager, dir.toString());
    assertThat(otherNodesCalendar.hasYear(2027)).isTrue();
    // this node has no directory; its scheduled refresh reads what the other node stored
    assertThat(calendar.hasYear(2027)).isFalse();
    officialYears.refresh();
    assertThat(calendar.hasYear(2027)).isTrue();
    assertThat(calendar.describe(at("2027-02-14T10:00:00+08:00").toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate())
        .workingDay()).isTrue();
    // the same file found again is not loaded again
    otherNode.refresh();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM dsf_calendar_year WHERE year = 2027", Integer.class)).isEqualTo(1);
  }
}
