package cn.dsflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.incident.IncidentFixture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every group against every action, over HTTP, as DESIGN.md intends. The matrix is printed; any cell that differs
 * from the intended one fails the test with the whole list of differences.
 */
@DsflowIntegrationTest
class AuthorizationMatrixIT {

  /** One user per group, and the administrator. */
  static final Map<String, String[]> MEMBERS = new LinkedHashMap<>();

  static {
    MEMBERS.put("employee", new String[] {"lisi", "demo"});
    MEMBERS.put("deptHead", new String[] {"qianer", "demo"});
    MEMBERS.put("dso", new String[] {"zhaoliu", "demo"});
    MEMBERS.put("dsDirect", new String[] {"sunqi", "demo"});
    MEMBERS.put("dsFirst", new String[] {"zhouba", "demo"});
    MEMBERS.put("legal", new String[] {"wujiu", "demo"});
    MEMBERS.put("audit", new String[] {"zhengshi", "demo"});
    MEMBERS.put("irt", new String[] {"chenyi", "demo"});
    MEMBERS.put("camunda-admin", new String[] {"admin", "demo-admin"});
  }

  @Autowired ApprovalFixture approvals;
  @Autowired IncidentFixture incidents;
  @Autowired EngineTestSupport engine;
  @Autowired IdentityService identityService;
  @Autowired org.camunda.bpm.engine.ManagementService managementService;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  ResponseEntity<String> call(String group, HttpMethod method, String path, String body) {
    String[] who = MEMBERS.get(group);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(who[0], who[1]).exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  static boolean ok(ResponseEntity<String> r) {
    return r.getStatusCode().is2xxSuccessful();
  }

  @Test
  void everyGroupCanDoExactlyWhatTheDesignIntends() {
    engine.setClock(ApprovalFixture.MONDAY_MORNING);
    ProcessInstance incident = incidents.report("zhangsan", IncidentFixture.facts("2026-11-23T09:40:00+08:00"));
    Map<String, BiFunction<String, Integer, Boolean>> actions = new LinkedHashMap<>();
    actions.put("start a request", (g, n) -> ok(call(g, HttpMethod.GET,
        "/engine-rest/process-definition/key/data-operation-approval/startForm", null)));
    actions.put("claim an approval slot", (g, n) -> {
      ProcessInstance request = approvals.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
      String slot = approvals.slot(request, "deptHead").getId();
      return ok(call(g, HttpMethod.POST, "/engine-rest/task/" + slot + "/claim", "{\"userId\":\"" + MEMBERS.get(g)[0] + "\"}"));
    });
    actions.put("decide an approval slot", (g, n) -> {
      ProcessInstance request = approvals.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
      String slot = approvals.slot(request, "deptHead").getId();
      return ok(call(g, HttpMethod.POST, "/engine-rest/task/" + slot + "/complete",
          "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"矩阵\"}}}"));
    });
    actions.put("reach the permit gate", (g, n) -> {
      ResponseEntity<String> r = call(g, HttpMethod.POST, "/api/permits/PMT-matrix/use",
          "{\"operator\":\"etl\",\"recordCount\":1,\"recipient\":\"x\"}");
      return r.getStatusCode().value() == 403 && r.getBody().contains("no_approved_permit");
    });
    actions.put("read the ledger", (g, n) -> ok(call(g, HttpMethod.GET, "/api/ledger", null)));
    actions.put("verify the audit chain", (g, n) -> ok(call(g, HttpMethod.GET, "/api/audit/verify", null)));
    actions.put("read an incident", (g, n) -> ok(call(g, HttpMethod.GET, "/api/incidents/" + incident.getId() + "/timeline", null)));
    actions.put("re-grade an incident", (g, n) -> ok(call(g, HttpMethod.POST, "/api/incidents/" + incident.getId() + "/regrading", null)));
    actions.put("correct cross-border totals", (g, n) -> ok(call(g, HttpMethod.POST, "/api/cross-border/volumes/corrections",
        "{\"year\":2022,\"personsNonSensitive\":0,\"personsSensitive\":0,\"reason\":\"矩阵测试（零更正）\"}")));
    actions.put("read engine statistics", (g, n) -> ok(call(g, HttpMethod.GET, "/engine-rest/process-definition/statistics", null)));
    actions.put("execute a deadline job", (g, n) -> {
      ProcessInstance request = approvals.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
      String reminder = managementService.createJobQuery().processInstanceId(approvals.slot(request, "deptHead").getProcessInstanceId())
          .activityId("approvalReminder").singleResult().getId();
      return ok(call(g, HttpMethod.POST, "/engine-rest/job/" + reminder + "/execute", null));
    });
    actions.put("administer users", (g, n) -> {
      String probe = "probe" + n;
      boolean created = ok(call(g, HttpMethod.POST, "/engine-rest/user/create", "{\"profile\":{\"id\":\"" + probe
          + "\",\"firstName\":\"P\",\"lastName\":\"P\",\"email\":\"p@x.cn\"},\"credentials\":{\"password\":\"Probe-Passw0rd-2026!\"}}"));
      if (created) {
        identityService.deleteUser(probe);
      }
      return created;
    });

    Set<String> all = MEMBERS.keySet();
    Map<String, Set<String>> intended = new LinkedHashMap<>();
    intended.put("start a request", all);
    intended.put("claim an approval slot", Set.of("deptHead")); // not even the administrator takes a slot
    intended.put("decide an approval slot", Set.of("deptHead"));
    intended.put("reach the permit gate", all);
    intended.put("read the ledger", Set.of("dso", "audit", "dsDirect", "dsFirst", "legal", "camunda-admin"));
    intended.put("verify the audit chain", Set.of("audit", "dso", "dsDirect", "dsFirst", "camunda-admin"));
    intended.put("read an incident", Set.of("irt", "dso", "dsDirect", "dsFirst", "audit", "camunda-admin"));
    intended.put("re-grade an incident", Set.of("irt", "dsDirect", "dsFirst"));
    intended.put("correct cross-border totals", Set.of("dso"));
    intended.put("read engine statistics", Set.of("dso", "dsDirect", "dsFirst", "audit", "camunda-admin"));
    intended.put("execute a deadline job", Set.of("camunda-admin"));
    intended.put("administer users", Set.of("camunda-admin"));

    StringBuilder table = new StringBuilder(String.format("%-28s", "action \\ group"));
    all.forEach(g -> table.append(String.format("%-15s", g)));
    List<String> wrong = new ArrayList<>();
    int n = 0;
    for (var action : actions.entrySet()) {
      table.append('\n').append(String.format("%-28s", action.getKey()));
      for (String group : all) {
        boolean allowed = action.getValue().apply(group, n++);
        boolean expected = intended.get(action.getKey()).contains(group);
        table.append(String.format("%-15s", (allowed ? "allowed" : "refused") + (allowed == expected ? "" : " ✗")));
        if (allowed != expected) {
          wrong.add(action.getKey() + " by " + group + ": " + (allowed ? "allowed" : "refused"));
        }
      }
    }
    System.out.println("Authorization matrix\n" + table);
    assertThat(wrong).as("cells that differ from DESIGN.md").isEmpty();
  }
}
