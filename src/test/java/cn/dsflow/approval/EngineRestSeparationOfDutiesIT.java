package cn.dsflow.approval;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The REST API cannot bypass the rules the Java API enforces. */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class EngineRestSeparationOfDutiesIT {

  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired TestRestTemplate http;

  ResponseEntity<String> post(String user, String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, "demo").postForEntity(path, new HttpEntity<>(json, headers), String.class);
  }

  @Test
  void theRequesterCannotCompleteTheirOwnSlotThroughEngineRest() {
    ProcessInstance request = fixture.start("qianer", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    ResponseEntity<String> r = post("qianer", "/engine-rest/task/" + slot.getId() + "/complete",
        "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"自己批\"}}}");
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(r.getBody()).contains("separation_of_duties").contains("申请人不得审批自己的申请");
    ResponseEntity<String> claim = post("qianer", "/engine-rest/task/" + slot.getId() + "/claim", "{\"userId\":\"qianer\"}");
    assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.createTaskQuery().taskId(slot.getId()).singleResult().getAssignee()).isNull();
    assertThat(runtimeService.getVariable(request.getId(), "permitId")).isNull();
  }

  @Test
  void someoneOutsideTheSlotsGroupCannotDecideThroughEngineRest() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    ResponseEntity<String> r = post("lisi", "/engine-rest/task/" + slot.getId() + "/complete",
        "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"越权\"}}}");
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.createTaskQuery().taskId(slot.getId()).count()).isEqualTo(1);
  }

  @Test
  void nobodyDecidesTwiceThroughEngineRest() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    fixture.decide("wangwu", fixture.slot(request, "deptHead"), "APPROVE", "同意");
    Task dso = fixture.slot(request, "dso");
    // an administrator tries to hand the dso slot to the person who already decided
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> r = http.withBasicAuth("admin", "demo-admin").postForEntity(
        "/engine-rest/task/" + dso.getId() + "/assignee", new HttpEntity<>("{\"userId\":\"wangwu\"}", headers), String.class);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(r.getBody()).contains("separation_of_duties");
    assertThat(taskService.createTaskQuery().taskId(dso.getId()).singleResult().getAssignee()).isNull();
  }

  @Test
  void aStartWithBadInputIsRefusedWith400NamingTheFieldAndStartsNothing() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("data-operation-approval").count();
    ResponseEntity<String> r = post("zhangsan", "/engine-rest/process-definition/key/data-operation-approval/start",
        "{\"variables\":{\"operationType\":{\"value\":\"BULK_EXPORT\"},\"dataLevel\":{\"value\":\"GENERAL\"},"
            + "\"dataCategory\":{\"value\":\"x\"},\"dataDescription\":{\"value\":\"x\"},\"recordCount\":{\"value\":-1}}}");
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(r.getBody()).contains("recordCount");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("data-operation-approval").count())
        .isEqualTo(before);
  }

  @Test
  void aCandidateDecidesThroughEngineRest() {
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "GENERAL"));
    Task slot = fixture.slot(request, "deptHead");
    ResponseEntity<String> r = post("wangwu", "/engine-rest/task/" + slot.getId() + "/complete",
        "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"同意\"}}}");
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtimeService.getVariable(request.getId(), "permitId")).isNotNull();
  }
}
