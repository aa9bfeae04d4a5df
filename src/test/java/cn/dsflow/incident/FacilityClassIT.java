package cn.dsflow.incident;

import static cn.dsflow.EngineTestSupport.with;
import static cn.dsflow.incident.IncidentFixture.facts;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The Plan's telecom outage criteria: 重要/核心 facilities for 特别重大 and 重大, 相关 ones for 较大; unknown reads as 重要/核心. */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class FacilityClassIT {

  static final String DISCOVERED = "2026-11-23T09:40:00+08:00";

  @Autowired IncidentFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired TestRestTemplate http;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  String proposed(ProcessInstance incident) {
    Task confirm = fixture.only(incident, "confirmLevel");
    return (String) taskService.getVariable(confirm.getId(), "proposedMiitLevel");
  }

  @Test
  void aThirtyHourOutageOfARelatedFacilityIsRelativelyMajorAndOfAnImportantOneEspeciallyMajor() {
    assertThat(proposed(fixture.report("lisi", with(facts(DISCOVERED), "outageHours", 30, "facilityClass", "RELATED"))))
        .isEqualTo("III");
    assertThat(proposed(fixture.report("lisi", with(facts(DISCOVERED), "outageHours", 30, "facilityClass", "CORE_OR_IMPORTANT"))))
        .isEqualTo("I");
  }

  @Test
  void aReportThatDoesNotSayWhichFacilityIsGradedAsAnImportantOne() {
    ProcessInstance incident = fixture.report("lisi", with(facts(DISCOVERED), "outageHours", 30));
    assertThat(fixture.variable(incident, "facilityClass")).isEqualTo("UNKNOWN");
    assertThat(proposed(incident)).isEqualTo("I");
  }

  @Test
  void anUnknownFacilityClassIsRefusedThroughEngineRestAndStartsNothing() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("incident-response").count();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    StringBuilder variables = new StringBuilder();
    with(facts(DISCOVERED), "outageHours", 30, "facilityClass", "SOMEWHAT_IMPORTANT").forEach((k, v) ->
        variables.append(variables.length() == 0 ? "" : ",").append('"').append(k).append("\":{\"value\":")
            .append(v instanceof String ? "\"" + v + "\"" : v).append('}'));
    ResponseEntity<String> refused = http.withBasicAuth("lisi", "demo").postForEntity(
        "/engine-rest/process-definition/key/incident-response/start",
        new HttpEntity<>("{\"variables\":{" + variables + "}}", headers), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("facilityClass");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("incident-response").count()).isEqualTo(before);
  }
}
