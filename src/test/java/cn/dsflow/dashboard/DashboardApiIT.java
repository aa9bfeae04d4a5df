package cn.dsflow.dashboard;

import cn.dsflow.EngineClockAt;
import cn.dsflow.system.BeijingTime;
import static cn.dsflow.EngineTestSupport.at;
import static cn.dsflow.EngineTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.TasklistSession;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.crossborder.CrossBorderFixture;
import cn.dsflow.incident.IncidentFixture;
import cn.dsflow.ledger.AuditChain;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * 我的申请 and the officers' dashboard over REST: who sees what (a requester only their own requests, only officers the
 * dashboard, the refusal recorded), the legal clocks as the processes hold them, every time in Beijing time.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class DashboardApiIT {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate http;
  @Autowired EngineTestSupport engine;
  @Autowired ApprovalFixture approvals;
  @Autowired IncidentFixture incidents;
  @Autowired CrossBorderFixture crossBorder;
  @Autowired AuditChain audit;
  @LocalServerPort int port;

  /**
   * A requester of this class's own: zhangsan starts hundreds of requests across the shared suite, and 我的申请 shows
   * the latest 200, so a request of his dated 2026-11-23 may rightly not be among them.
   */
  static final String REQUESTER = "dashrequester";

  @BeforeEach
  void aRequesterOfItsOwn() {
    engine.employee(REQUESTER, "钱申请");
  }

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  JsonNode get(String user, String path) {
    ResponseEntity<String> r = http.withBasicAuth(user, "demo").getForEntity(path, String.class);
    assertThat(r.getStatusCode()).as(user + " GET " + path + ": " + r.getBody()).isEqualTo(HttpStatus.OK);
    return read(r.getBody());
  }

  static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  static JsonNode find(JsonNode array, String field, String value) {
    return StreamSupport.stream(array.spliterator(), false).filter(n -> value.equals(n.path(field).asText()))
        .findFirst().orElse(null);
  }

  static List<JsonNode> all(JsonNode array, String field, String value) {
    return StreamSupport.stream(array.spliterator(), false).filter(n -> value.equals(n.path(field).asText())).toList();
  }

  @Test
  void requesterSeesWhoMustDecideWhoHasDecidedAndWhatIsStillOpenInBeijingTime() {
    ProcessInstance request = approvals.start(REQUESTER, ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    engine.setClock(at("2026-11-23T10:05:00+08:00"));
    approvals.decide("wangwu", approvals.slot(request, "deptHead"), "APPROVE", "业务需要，同意");

    JsonNode mine = find(get(REQUESTER, "/api/my/requests").path("requests"), "requestId", request.getId());
    assertThat(mine).as("the requester's own request is listed").isNotNull();
    assertThat(mine.at("/process/label").asText()).isEqualTo("数据操作事前审批");
    assertThat(mine.at("/status/code").asText()).isEqualTo("SUBMITTED");
    assertThat(mine.at("/status/label").asText()).isEqualTo("审批中");
    assertThat(mine.at("/requestedAt").asText()).isEqualTo("2026-11-23T10:00:00+08:00");
    assertThat(mine.at("/operationType/label").asText()).isEqualTo("批量导出");
    assertThat(mine.at("/dataLevel/label").asText()).isEqualTo("重要数据");

    JsonNode slots = mine.path("slots");
    assertThat(slots).extracting(s -> s.at("/group/code").asText()).containsExactlyInAnyOrder("deptHead", "dso", "dsDirect");
    JsonNode deptHead = StreamSupport.stream(slots.spliterator(), false)
        .filter(s -> s.at("/group/code").asText().equals("deptHead")).findFirst().orElseThrow();
    assertThat(deptHead.at("/group/label").asText()).isEqualTo("数据所属部门负责人");
    assertThat(deptHead.at("/decision/by/name").asText()).isEqualTo("王五");
    assertThat(deptHead.at("/decision/decision/label").asText()).isEqualTo("同意");
    assertThat(deptHead.at("/decision/decidedAt").asText()).isEqualTo("2026-11-23T10:05:00+08:00");
    assertThat(StreamSupport.stream(slots.spliterator(), false).filter(s -> s.path("decision").isNull())).hasSize(2);

    List<JsonNode> open = all(mine.path("open"), "task", "approve");
    assertThat(open).hasSize(2);
    for (JsonNode step : open) {
      Task task = engine.tasksBelow(request.getId(), "approve").stream()
          .filter(t -> t.getId().equals(step.path("taskId").asText())).findFirst().orElseThrow();
      assertThat(step.path("dueAt").asText()).isEqualTo(BeijingTime.iso(task.getDueDate())).endsWith("+08:00");
      assertThat(step.path("overdue").asBoolean()).isFalse();
      assertThat(step.path("groups")).extracting(g -> g.path("label").asText())
          .containsAnyOf("数据安全管理责任部门", "数据安全直接责任人");
    }
  }

  @Test
  void anotherEmployeeNeverSeesSomeoneElsesRequestWhateverTheyAskFor() {
    ProcessInstance request = approvals.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    for (String path : List.of("/api/my/requests", "/api/my/requests?requester=zhangsan",
        "/api/my/requests?user=zhangsan&requestId=" + request.getId())) {
      JsonNode theirs = get("lisi", path).path("requests");
      assertThat(find(theirs, "requestId", request.getId())).as(path).isNull();
      assertThat(theirs).allSatisfy(r -> assertThat(r.path("requestId").asText()).isNotEqualTo(request.getId()));
    }
    // an approver of the request sees it in Tasklist, but it is not "their request"
    assertThat(find(get("zhaoliu", "/api/my/requests").path("requests"), "requestId", request.getId())).isNull();
    ResponseEntity<String> wrongPassword = http.withBasicAuth("zhangsan", "wrong").getForEntity("/api/my/requests", String.class);
    assertThat(wrongPassword.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(wrongPassword.getBody()).doesNotContain(request.getId());
  }

  @Test
  void theTasklistSessionReadsMyRequestsButCannotWriteThroughTheApi() {
    ProcessInstance request = approvals.start(REQUESTER, ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    TasklistSession zhangsan = TasklistSession.login(port, REQUESTER, "demo");
    HttpResponse<String> read = zhangsan.exchange("GET", "/api/my/requests", null, null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(find(read(read.body()).path("requests"), "requestId", request.getId())).isNotNull();

    TasklistSession lisi = TasklistSession.login(port, "lisi", "demo");
    assertThat(lisi.exchange("GET", "/api/my/requests", null, null).body()).doesNotContain(request.getId());

    // the session (cookie and CSRF token both) is for reading: a write still needs the user's password
    HttpResponse<String> write = zhangsan.exchange("POST", "/api/permits/PMT-none/use",
        "{\"operator\":\"etl-01\",\"recordCount\":1}", "application/json");
    assertThat(write.statusCode()).isEqualTo(401);
  }

  @Test
  void aPageWithoutASignInIsToldToSignInRatherThanShownABrowserDialog() {
    ResponseEntity<String> anonymous = http.exchange(org.springframework.http.RequestEntity.get("/api/my/requests")
        .header("X-Requested-With", "XMLHttpRequest").build(), String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().containsKey("WWW-Authenticate")).isFalse();
    assertThat(read(anonymous.getBody()).path("error").asText()).isEqualTo("unauthorized");
    ResponseEntity<String> client = http.getForEntity("/api/my/requests", String.class);
    assertThat(client.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
  }

  @Test
  void onlyOfficersOpenTheDashboardAndEveryOtherAttemptIsAudited() {
    for (String officer : List.of("zhaoliu", "sunqi", "zhouba", "zhengshi")) {
      assertThat(get(officer, "/api/dashboard").has("pendingApprovals")).as(officer).isTrue();
    }
    for (String other : List.of("zhangsan", "wangwu", "wujiu", "chenyi", "etlplatform")) {
      long before = refusalsOf(other);
      ResponseEntity<String> r = http.withBasicAuth(other, "demo").getForEntity("/api/dashboard", String.class);
      assertThat(r.getStatusCode()).as(other).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(read(r.getBody()).path("error").asText()).isEqualTo("not_an_officer");
      assertThat(r.getBody()).doesNotContain("pendingApprovals");
      assertThat(refusalsOf(other)).as("refusal of " + other + " recorded").isEqualTo(before + 1);
    }
  }

  /** A refusal is JSON whatever the Accept header asks for; it was a 500 with an HTML page (found by the attack). */
  @Test
  void aRefusalIsJsonEvenWhenTheCallerAsksForHtmlOrXml() {
    for (String accept : List.of("text/html", "application/xml", "image/png")) {
      org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
      headers.set("Accept", accept);
      ResponseEntity<String> r = http.withBasicAuth("zhangsan", "demo").exchange("/api/dashboard",
          org.springframework.http.HttpMethod.GET, new org.springframework.http.HttpEntity<>(headers), String.class);
      assertThat(r.getStatusCode()).as(accept).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(read(r.getBody()).path("error").asText()).isEqualTo("not_an_officer");
    }
  }

  /** Dates PostgreSQL cannot store are a 400 naming the field, not a 500 (found by the attack); 1900 still works. */
  @Test
  void aLedgerOrRiskPeriodOutsideTheYears1900To9999IsRefusedWithTheField() throws Exception {
    for (String path : List.of("/api/ledger?from=-5000-01-01", "/api/ledger.xlsx?to=-999999999-01-01",
        "/api/risks/summary?from=1899-12-31&to=2026-01-01")) {
      ResponseEntity<String> r = http.withBasicAuth("zhaoliu", "demo").getForEntity(path, String.class);
      assertThat(r.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(read(r.getBody()).path("error").asText()).as(path).isEqualTo("invalid_input");
    }
    assertThat(http.withBasicAuth("zhaoliu", "demo").getForEntity("/api/ledger?from=1900-01-01", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  long refusalsOf(String user) {
    return audit.eventsOfType("DASHBOARD_REFUSED").stream().filter(e -> user.equals(e.actor())).count();
  }

  @Test
  void pendingApprovalsAreListedLongestWaitingFirstWithTheirAgeAndTasklistLink() {
    ProcessInstance older = approvals.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    engine.setClock(at("2026-11-23T11:30:00+08:00"));
    ProcessInstance newer = approvals.start("lisi", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    engine.setClock(at("2026-11-23T12:00:00+08:00"));

    JsonNode pending = get("zhaoliu", "/api/dashboard").path("pendingApprovals");
    JsonNode a = find(pending, "requestId", older.getId());
    JsonNode b = find(pending, "requestId", newer.getId());
    assertThat(a.path("ageMinutes").asLong()).isEqualTo(120);
    assertThat(b.path("ageMinutes").asLong()).isEqualTo(30);
    List<String> order = StreamSupport.stream(pending.spliterator(), false).map(n -> n.path("requestId").asText()).toList();
    assertThat(order.indexOf(older.getId())).isLessThan(order.indexOf(newer.getId()));
    assertThat(a.at("/requester/name").asText()).isEqualTo("张三");
    assertThat(a.at("/slotGroup/label").asText()).isEqualTo("数据所属部门负责人");
    assertThat(a.path("openedAt").asText()).isEqualTo("2026-11-23T10:00:00+08:00");
    assertThat(a.path("link").asText()).isEqualTo("/camunda/app/tasklist/default/#/?task=" + a.path("taskId").asText());
  }

  /** CAC Measures art. 4: 4 hours to the provincial CAC; 1 hour for CII to its protection department and the police. */
  @Test
  void incidentReportClocksCountDownToTheLegalDeadlineAndTurnOverdueAfterIt() {
    ProcessInstance cac = incidents.report("lisi",
        with(IncidentFixture.facts("2026-11-23T09:40:00+08:00"), "directLossYuan", 5_000_000));
    incidents.confirmAsProposed(cac, false);
    ProcessInstance cii = incidents.report("lisi",
        with(IncidentFixture.facts("2026-11-23T09:40:00+08:00"), "ciiInvolved", true, "ciiOutageMinutes", 15));
    incidents.confirmAsProposed(cii, false);

    JsonNode board = get("sunqi", "/api/dashboard");
    assertThat(board.path("now").asText()).isEqualTo("2026-11-23T10:00:00+08:00");
    JsonNode cacClock = clock(board, cac, "reportToCac");
    assertThat(cacClock.path("dueAt").asText()).isEqualTo("2026-11-23T13:40:00+08:00");
    assertThat(cacClock.path("remainingSeconds").asLong()).isEqualTo(3 * 3600 + 40 * 60);
    assertThat(cacClock.at("/regime/code").asText()).isEqualTo("CAC");
    assertThat(cacClock.at("/regime/label").asText()).contains("网信");
    JsonNode ciiClock = clock(board, cii, "reportToCiiAuthority");
    assertThat(ciiClock.path("dueAt").asText()).isEqualTo("2026-11-23T10:40:00+08:00");
    assertThat(ciiClock.path("remainingSeconds").asLong()).isEqualTo(40 * 60);
    assertThat(ciiClock.at("/regime/code").asText()).isEqualTo("CII");
    assertThat(clock(board, cii, "reportCiiToPolice").at("/regime/label").asText()).contains("公安机关");
    JsonNode incident = find(board.path("incidents"), "incidentId", cac.getId());
    assertThat(incident.at("/cacLevel/label").asText()).contains("较大");
    assertThat(incident.path("link").asText()).isEqualTo("/camunda/app/cockpit/default/#/process-instance/" + cac.getId());

    engine.setClock(at("2026-11-23T13:39:59+08:00"));
    JsonNode justBefore = clock(get("sunqi", "/api/dashboard"), cac, "reportToCac");
    assertThat(justBefore.path("remainingSeconds").asLong()).isEqualTo(1);
    assertThat(justBefore.path("overdue").asBoolean()).isFalse();
    engine.setClock(at("2026-11-23T13:40:01+08:00"));
    JsonNode board2 = get("sunqi", "/api/dashboard");
    JsonNode justAfter = clock(board2, cac, "reportToCac");
    assertThat(justAfter.path("remainingSeconds").asLong()).isEqualTo(-1);
    assertThat(justAfter.path("overdue").asBoolean()).isTrue();
    assertThat(find(board2.path("overdue"), "taskId", justAfter.path("taskId").asText())).as("listed as overdue").isNotNull();
  }

  JsonNode clock(JsonNode board, ProcessInstance incident, String task) {
    JsonNode i = find(board.path("incidents"), "incidentId", incident.getId());
    assertThat(i).as("incident " + incident.getId() + " on the dashboard").isNotNull();
    JsonNode c = find(i.path("clocks"), "task", task);
    assertThat(c).as(task + " clock").isNotNull();
    return c;
  }

  @Test
  void theIncidentLeadAndTheReporterSeeTheirOpenIncidentAndOthersDoNot() {
    ProcessInstance incident = incidents.report("lisi",
        with(IncidentFixture.facts("2026-11-23T09:40:00+08:00"), "directLossYuan", 5_000_000));
    assertThat(mine("lisi", incident)).isNotNull();
    assertThat(mine("lisi", incident).path("roles")).extracting(r -> r.path("label").asText()).containsExactly("报告人");
    assertThat(mine("chenyi", incident)).as("not graded yet: not the lead").isNull();
    incidents.confirmAsProposed(incident, false); // chenyi grades it: the lead
    JsonNode lead = mine("chenyi", incident);
    assertThat(lead.path("roles")).extracting(r -> r.path("code").asText()).containsExactly("LEAD");
    JsonNode cacClock = find(lead.at("/incident/clocks"), "task", "reportToCac");
    assertThat(cacClock.path("remainingSeconds").asLong()).isEqualTo(3 * 3600 + 40 * 60);
    assertThat(mine("zhangsan", incident)).isNull();
    assertThat(mine("zhaoliu", incident)).as("an officer sees it on the dashboard, not as their own").isNull();
  }

  JsonNode mine(String user, ProcessInstance incident) {
    return StreamSupport.stream(get(user, "/api/my/incidents").path("incidents").spliterator(), false)
        .filter(n -> n.at("/incident/incidentId").asText().equals(incident.getId())).findFirst().orElse(null);
  }

  /** 000 §8.1.2(4), §8.1.4: an assessment valid 3 years shows on the dashboard from 180 days before its end. */
  @Test
  void anAssessmentAppearsWhenItsValidityEndsWithinHalfAYearAndNotBefore() {
    ProcessInstance transfer = crossBorder.permittedUnderAnAssessmentIssuedToday("lisi", "2026-11-23", "2026-12-31");
    // valid through 2029-11-23T23:59:59+08:00; 180 days earlier is 2029-05-27T23:59:59+08:00
    engine.setClock(at("2029-05-27T23:59:58+08:00"));
    assertThat(assessment(transfer)).as("181 days minus a second before the end: not yet").isNull();
    engine.setClock(at("2029-05-27T23:59:59+08:00"));
    JsonNode item = assessment(transfer);
    assertThat(item).as("exactly 180 days before the end").isNotNull();
    assertThat(item.path("endsAt").asText()).isEqualTo("2029-11-23T23:59:59+08:00");
    assertThat(item.path("remainingSeconds").asLong()).isEqualTo(180L * 86400);
    assertThat(item.at("/kind/label").asText()).isEqualTo("安全评估结果有效期");
    assertThat(item.path("instanceLink").asText()).endsWith(transfer.getId());
  }

  JsonNode assessment(ProcessInstance transfer) {
    List<JsonNode> items = new ArrayList<>();
    get("zhengshi", "/api/dashboard").path("crossBorder").forEach(n -> {
      if (n.path("requestId").asText().equals(transfer.getId()) && n.at("/kind/code").asText().equals("ASSESSMENT_VALIDITY")) {
        items.add(n);
      }
    });
    return items.isEmpty() ? null : items.get(0);
  }
}
