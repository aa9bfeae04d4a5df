package cn.dsflow.destruction;

import static cn.dsflow.EngineTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.system.EngineRefusal;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** 000 §4.7.1(1), §4.7.2(2): the destruction method must work on the medium, and leave important and core data unrecoverable. */
@DsflowIntegrationTest
@EngineClockAt("2026-08-03T10:00:00+08:00")
class DestructionMediumIT {

  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  ProcessInstance start(String level, String method, String medium) {
    return engine.start("lisi", "data-destruction", with(DataDestructionIT.request(level, method), "storageMedium", medium));
  }

  @ParameterizedTest(name = "{0} data, {1} on {2}: accepted")
  @CsvSource({"IMPORTANT, DEGAUSSING, MAGNETIC_DISK", "CORE, DEGAUSSING, MAGNETIC_DISK", "IMPORTANT, CRYPTOGRAPHIC_ERASURE, SOLID_STATE",
      "CORE, PHYSICAL_DESTRUCTION, SOLID_STATE", "IMPORTANT, CRYPTOGRAPHIC_ERASURE, CLOUD_VOLUME",
      "CORE, PHYSICAL_DESTRUCTION, CLOUD_VOLUME", "GENERAL, OVERWRITE, SOLID_STATE", "GENERAL, PHYSICAL_DESTRUCTION, PAPER",
      "IMPORTANT, PHYSICAL_DESTRUCTION, OPTICAL"})
  void aMethodThatWorksOnTheMediumIsAccepted(String level, String method, String medium) {
    ProcessInstance p = start(level, method, medium);
    assertThat(runtimeService.getVariable(p.getId(), "storageMedium")).isEqualTo(medium);
  }

  @ParameterizedTest(name = "{0} data, {1} on {2}: refused")
  @CsvSource({"IMPORTANT, DEGAUSSING, SOLID_STATE", "CORE, DEGAUSSING, SOLID_STATE", "GENERAL, DEGAUSSING, SOLID_STATE",
      "IMPORTANT, DEGAUSSING, CLOUD_VOLUME", "CORE, CRYPTOGRAPHIC_ERASURE, CLOUD_VOLUME", "GENERAL, LOGICAL_DELETION, PAPER",
      "IMPORTANT, CRYPTOGRAPHIC_ERASURE, OPTICAL", "IMPORTANT, OVERWRITE, SOLID_STATE"})
  void aMethodThatDoesNotWorkOnTheMediumOrLeavesDataRecoverableIsRefusedAtSubmission(String level, String method, String medium) {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("data-destruction").count();
    assertThatThrownBy(() -> start(level, method, medium)).satisfies(e -> {
      EngineRefusal refusal = EngineRefusal.in(e);
      assertThat(refusal.status()).isEqualTo(422);
      assertThat(refusal.reason()).startsWith("destructionMethod");
    });
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("data-destruction").count()).isEqualTo(before);
  }

  @Test
  void aRequestWithoutItsMediumIsRefused() {
    assertThatThrownBy(() -> start("IMPORTANT", "PHYSICAL_DESTRUCTION", null))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("storageMedium"));
    assertThatThrownBy(() -> start("IMPORTANT", "PHYSICAL_DESTRUCTION", "FLOPPY"))
        .satisfies(e -> assertThat(EngineRefusal.in(e).reason()).startsWith("storageMedium"));
  }

  @Test
  void degaussingAnSsdIsRefusedThroughEngineRestAndTheTableSaysWhy() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String body = "{\"variables\":{\"dataLevel\":{\"value\":\"IMPORTANT\"},\"destructionMethod\":{\"value\":\"DEGAUSSING\"},"
        + "\"storageMedium\":{\"value\":\"SOLID_STATE\"}}}";
    String answer = http.withBasicAuth("admin", "demo-admin").postForObject(
        "/engine-rest/decision-definition/key/destruction-method-policy/evaluate", new HttpEntity<>(body, headers), String.class);
    assertThat(answer).contains("\"value\":false", "消磁只对磁介质有效");

    Map<String, Object> request = with(DataDestructionIT.request("IMPORTANT", "DEGAUSSING"), "storageMedium", "SOLID_STATE");
    StringBuilder variables = new StringBuilder();
    request.forEach((k, v) -> variables.append(variables.length() == 0 ? "" : ",").append('"').append(k).append("\":{\"value\":")
        .append(v instanceof String ? "\"" + v + "\"" : v).append(v instanceof Long ? ",\"type\":\"Long\"" : "").append('}'));
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("data-destruction").count();
    ResponseEntity<String> refused = http.withBasicAuth("lisi", "demo").postForEntity(
        "/engine-rest/process-definition/key/data-destruction/start",
        new HttpEntity<>("{\"variables\":{" + variables + "}}", headers), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getBody()).contains("消磁只对磁介质有效");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("data-destruction").count()).isEqualTo(before);
  }
}
