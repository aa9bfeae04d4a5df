package cn.dsflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.ledger.AuditChain;
import java.util.List;
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
class TaskNoteIT {

  static final String WEBAPP_API = "/camunda/api/engine/engine/default";

  @Autowired ApprovalFixture approvals;
  @Autowired EngineTestSupport engine;
  @Autowired TaskService taskService;
  @Autowired AuditChain audit;
  @Autowired TestRestTemplate http;

  Task slot;

  @BeforeEach
  void deptHeadSlot() {
    engine.setClock(ApprovalFixture.MONDAY_MORNING);
    ProcessInstance request = approvals.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    slot = approvals.slot(request, "deptHead");
  }

  @AfterEach
  void realTime() {
    engine.resetClock();
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
  void officersWithNoPartInASlotCannotCommentOnIt_itsCandidatesAndTheRequesterCan() {
    long before = refusals();
    for (String outsider : List.of("zhengshi", "zhaoliu", "lisi")) {
      ResponseEntity<String> refused = comment(outsider, "/engine-rest", slot.getId());
      assertThat(refused.getStatusCode()).as(outsider).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).contains("not_a_participant");
    }
    assertThat(refusals()).isEqualTo(before + 3);
    assertThat(taskService.getTaskComments(slot.getId())).isEmpty();

    assertThat(comment("wangwu", "/engine-rest", slot.getId()).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(comment("zhangsan", "/engine-rest", slot.getId()).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(taskService.getTaskComments(slot.getId())).extracting(c -> c.getUserId())
        .containsExactlyInAnyOrder("wangwu", "zhangsan");
  }

  @Test
  void attachmentLinksAreHttpOnly_namesAreStoredCleaned_andOnlyTheirAuthorDeletesThem() {
    ResponseEntity<String> script = attach("wangwu", slot.getId(), "说明", "text/html", "javascript:alert(document.cookie)");
    assertThat(script.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(attach("wangwu", slot.getId(), "说明", "text/html", "data:text/html,<script>x</script>").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(attach("zhengshi", slot.getId(), "说明", "text/plain", "https://wiki.example.cn/a").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.getTaskAttachments(slot.getId())).isEmpty();

    ResponseEntity<String> added = attach("wangwu", slot.getId(), "../../脱敏方案\u202Etxt.exe", "text/plain",
        "https://wiki.example.cn/masking");
    assertThat(added.getStatusCode()).isEqualTo(HttpStatus.OK);
    Attachment stored = taskService.getTaskAttachments(slot.getId()).get(0);
    assertThat(stored.getName()).isEqualTo("脱敏方案txt.exe");

    String path = "/engine-rest/task/" + slot.getId() + "/attachment/" + stored.getId();
    assertThat(delete("zhangsan", path).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(delete("zhaoliu", path).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.getTaskAttachments(slot.getId())).hasSize(1);
    assertThat(delete("wangwu", path).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(taskService.getTaskAttachments(slot.getId())).isEmpty();
  }

  @Test
  void nobodyDeletesACommentSomeoneElseWrote() {
    comment("wangwu", "/engine-rest", slot.getId());
    String commentId = taskService.getTaskComments(slot.getId()).get(0).getId();
    assertThat(delete("zhangsan", "/engine-rest/task/" + slot.getId() + "/comment/" + commentId).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(delete("zhangsan", "/engine-rest/task/" + slot.getId() + "/comment").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.getTaskComments(slot.getId())).hasSize(1);
    assertThat(delete("wangwu", "/engine-rest/task/" + slot.getId() + "/comment/" + commentId).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void theTasklistSessionApiFollowsTheSameRules() {
    WebappSession auditor = WebappSession.login(http, "zhengshi");
    ResponseEntity<String> refused = auditor.postJson(WEBAPP_API + "/task/" + slot.getId() + "/comment/create",
        "{\"message\":\"x\"}");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    WebappSession candidate = WebappSession.login(http, "wangwu");
    assertThat(candidate.postJson(WEBAPP_API + "/task/" + slot.getId() + "/comment/create", "{\"message\":\"x\"}")
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    String commentId = taskService.getTaskComments(slot.getId()).get(0).getId();
    assertThat(auditor.delete(WEBAPP_API + "/task/" + slot.getId() + "/comment/" + commentId).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.getTaskComments(slot.getId())).hasSize(1);
  }
}
