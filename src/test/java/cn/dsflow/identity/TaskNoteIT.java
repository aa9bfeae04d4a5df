package cn.dsflow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.EngineRefusal;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Comments and attachments on an approval slot, over HTTP through both doors: only the slot's candidates and the
 * requester write there, nobody removes what another wrote, links are http(s) only and names are cleaned.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class TaskNoteIT {

  static final String WEBAPP_API = "/camunda/api/engine/engine/default";

  @Autowired ApprovalFixture approvals;
  @Autowired EngineTestSupport engine;
  @Autowired TaskService taskService;
  @Autowired AuditChain audit;
  @Autowired TestRestTemplate http;

  ProcessInstance request;
  Task deptHeadSlot;
  Task dsoSlot;

  @BeforeEach
  void slots() {
    request = approvals.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    deptHeadSlot = approvals.slot(request, "deptHead");
    dsoSlot = approvals.slot(request, "dso");
  }

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  ResponseEntity<String> comment(String user, String base, String taskId) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, "demo").postForEntity(base + "/task/" + taskId + "/comment/create",
        new HttpEntity<>("{\"message\":\"请补充脱敏方案\"}", headers), String.class);
  }

  ResponseEntity<String> attach(String user, String taskId, String name, String type, String url) {
    LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("attachment-name", name);
    form.add("attachment-description", "说明");
    form.add("attachment-type", type);
    form.add("url", url);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + taskId + "/attachment/create",
        new HttpEntity<>(form, headers), String.class);
  }

  ResponseEntity<String> delete(String user, String path) {
    return http.withBasicAuth(user, "demo").exchange(path, HttpMethod.DELETE, null, String.class);
  }

  long refusals() {
    return audit.eventsOfType("TASK_NOTE_REFUSED").size();
  }

  @Test
  void officersWithNoPartInASlotCannotCommentOnIt_itsCandidateCan_overEngineRest() {
    long before = refusals();
    for (String[] outsider : new String[][] {{"zhengshi", deptHeadSlot.getId()}, {"zhaoliu", deptHeadSlot.getId()},
        {"zhengshi", dsoSlot.getId()}, {"sunqi", dsoSlot.getId()}}) {
      ResponseEntity<String> refused = comment(outsider[0], "/engine-rest", outsider[1]);
      assertThat(refused.getStatusCode()).as(outsider[0]).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).contains("not_a_participant");
    }
    assertThat(refusals()).isEqualTo(before + 4);
    assertThat(taskService.getTaskComments(deptHeadSlot.getId())).isEmpty();
    assertThat(taskService.getTaskComments(dsoSlot.getId())).isEmpty();

    ResponseEntity<String> candidate = comment("zhaoliu", "/engine-rest", dsoSlot.getId());
    assertThat(candidate.getStatusCode()).as(candidate.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(taskService.getTaskComments(dsoSlot.getId())).extracting(c -> c.getUserId()).containsExactly("zhaoliu");
  }

  /** Camunda's REST answers a caller without history rights before the rule is asked; the rule itself holds in Java. */
  @Test
  void theRequesterMayCommentOnHisRequestsSlots_aCandidateOfAnotherSlotMayNot() {
    engine.actAs("zhangsan");
    try {
      taskService.createComment(dsoSlot.getId(), null, "已补充脱敏方案");
    } finally {
      engine.actAsNobody();
    }
    engine.actAs("wangwu");
    try {
      assertThatThrownBy(() -> taskService.createComment(dsoSlot.getId(), null, "x"))
          .satisfies(e -> assertThat(EngineRefusal.in(e).status()).isEqualTo(403));
    } finally {
      engine.actAsNobody();
    }
    assertThat(taskService.getTaskComments(dsoSlot.getId())).extracting(c -> c.getUserId()).containsExactly("zhangsan");
  }

  @Test
  void attachmentLinksAreHttpOnly_namesAreStoredCleaned_andOnlyTheirAuthorDeletesThem() {
    ResponseEntity<String> script = attach("zhaoliu", dsoSlot.getId(), "说明", "text/html", "javascript:alert(document.cookie)");
    assertThat(script.getStatusCode()).as(script.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(script.getBody()).contains("http");
    assertThat(attach("zhaoliu", dsoSlot.getId(), "说明", "text/html", "data:text/html,<script>x</script>").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(attach("zhengshi", dsoSlot.getId(), "说明", "text/plain", "https://wiki.example.cn/a").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.getTaskAttachments(dsoSlot.getId())).isEmpty();

    ResponseEntity<String> added = attach("zhaoliu", dsoSlot.getId(), "../../脱敏方案\u202Etxt.exe", "text/plain",
        "https://wiki.example.cn/masking");
    assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.OK);
    Attachment stored = taskService.getTaskAttachments(dsoSlot.getId()).get(0);
    assertThat(stored.getName()).isEqualTo("脱敏方案txt.exe");

    String path = "/engine-rest/task/" + dsoSlot.getId() + "/attachment/" + stored.getId();
    assertThat(delete("sunqi", path).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(delete("zhengshi", path).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.getTaskAttachments(dsoSlot.getId())).hasSize(1);
    assertThat(delete("zhaoliu", path).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(taskService.getTaskAttachments(dsoSlot.getId())).isEmpty();
  }

  @Test
  void nobodyEditsOrDeletesACommentSomeoneElseWrote() {
    comment("zhaoliu", "/engine-rest", dsoSlot.getId());
    String commentId = taskService.getTaskComments(dsoSlot.getId()).get(0).getId();
    String base = "/engine-rest/task/" + dsoSlot.getId() + "/comment";
    assertThat(delete("sunqi", base + "/" + commentId).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(delete("sunqi", base).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.withBasicAuth("sunqi", "demo").exchange(base, HttpMethod.PUT,
        new HttpEntity<>("{\"id\":\"" + commentId + "\",\"message\":\"改写\"}", headers), String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.getTaskComments(dsoSlot.getId())).extracting(c -> c.getFullMessage()).containsExactly("请补充脱敏方案");
    assertThat(delete("zhaoliu", base + "/" + commentId).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void theTasklistSessionApiFollowsTheSameRules() {
    WebappSession auditor = WebappSession.login(http, "zhengshi");
    ResponseEntity<String> refused = auditor.postJson(WEBAPP_API + "/task/" + dsoSlot.getId() + "/comment/create",
        "{\"message\":\"x\"}");
    assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getBody()).contains("not_a_participant");
    WebappSession candidate = WebappSession.login(http, "zhaoliu");
    ResponseEntity<String> allowed = candidate.postJson(WEBAPP_API + "/task/" + dsoSlot.getId() + "/comment/create",
        "{\"message\":\"x\"}");
    assertThat(allowed.getStatusCode()).as(allowed.getBody()).isEqualTo(HttpStatus.OK);
    String commentId = taskService.getTaskComments(dsoSlot.getId()).get(0).getId();
    assertThat(auditor.delete(WEBAPP_API + "/task/" + dsoSlot.getId() + "/comment/" + commentId).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.getTaskComments(dsoSlot.getId())).hasSize(1);
  }
}
