package cn.dsflow.crossborder;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The route table bpmn/cross-border-route.dmn through the engine: every threshold of 000 §8.1.1, §8.2.1 and §8.5(5) on
 * both sides ('以上' includes the figure, '不满' excludes it), the strictest route winning, and the exemptions.
 */
@DsflowIntegrationTest
class CrossBorderRouteIT {

  @Autowired DecisionService decisions;
  @Autowired TestRestTemplate http;

  static Map<String, Object> inputs(boolean ciio, boolean core, boolean important, long nonSensitive, long sensitive, String ground) {
    Map<String, Object> v = new HashMap<>();
    v.put("ciio", ciio);
    v.put("coreData", core);
    v.put("importantData", important);
    v.put("personsNonSensitive", nonSensitive);
    v.put("personsSensitive", sensitive);
    v.put("exemptionGround", ground);
    return v;
  }

  String route(Map<String, Object> inputs) {
    return decisions.evaluateDecisionByKey("cross-border-route").variables(inputs).evaluate().getSingleResult().getEntry("route");
  }

  @ParameterizedTest(name = "{0} persons' personal information (non-sensitive) this year → {1}")
  @CsvSource({"0, EXEMPT", "99999, EXEMPT", "100000, STANDARD_CONTRACT_OR_CERTIFICATION",
      "999999, STANDARD_CONTRACT_OR_CERTIFICATION", "1000000, SECURITY_ASSESSMENT"})
  void nonSensitivePersonThresholds(long persons, String expected) {
    assertThat(route(inputs(false, false, false, persons, 0, "NONE"))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} persons' sensitive personal information this year → {1}")
  @CsvSource({"1, STANDARD_CONTRACT_OR_CERTIFICATION", "9999, STANDARD_CONTRACT_OR_CERTIFICATION", "10000, SECURITY_ASSESSMENT"})
  void sensitivePersonThresholds(long persons, String expected) {
    assertThat(route(inputs(false, false, false, 0, persons, "NONE"))).isEqualTo(expected);
  }

  @Test
  void theStrictestRouteWinsAcrossTheTransfersParts() {
    // requirements W2 note: 50,000 non-sensitive (exempt on its own) and 200 sensitive (contract) → contract
    assertThat(route(inputs(false, false, false, 50_000, 200, "NONE"))).isEqualTo("STANDARD_CONTRACT_OR_CERTIFICATION");
    assertThat(route(inputs(false, false, false, 150_000, 10_000, "NONE"))).isEqualTo("SECURITY_ASSESSMENT");
  }

  @Test
  void aCriticalInfrastructureOperatorNeedsTheAssessmentForAnyPersonalInformation() {
    assertThat(route(inputs(true, false, false, 1, 0, "NONE"))).isEqualTo("SECURITY_ASSESSMENT");
    assertThat(route(inputs(true, false, false, 0, 1, "NONE"))).isEqualTo("SECURITY_ASSESSMENT");
    assertThat(route(inputs(true, false, false, 0, 0, "NONE"))).isEqualTo("EXEMPT");
  }

  @Test
  void importantDataAlwaysNeedTheAssessmentAndCoreDataAreProhibited() {
    assertThat(route(inputs(false, false, true, 0, 0, "CONTRACT_WITH_INDIVIDUAL"))).isEqualTo("SECURITY_ASSESSMENT");
    assertThat(route(inputs(false, false, true, 0, 0, "TRADE_NO_PERSONAL_OR_IMPORTANT"))).isEqualTo("SECURITY_ASSESSMENT");
    assertThat(route(inputs(false, true, true, 0, 0, "EMERGENCY"))).isEqualTo("PROHIBITED");
  }

  @Test
  void exemptionsWaiveThePersonThresholdsButTheTradeExemptionNeedsNoPersonalInformation() {
    assertThat(route(inputs(false, false, false, 2_000_000, 50_000, "CONTRACT_WITH_INDIVIDUAL"))).isEqualTo("EXEMPT");
    assertThat(route(inputs(false, false, false, 2_000_000, 0, "CROSS_BORDER_HR"))).isEqualTo("EXEMPT");
    assertThat(route(inputs(true, false, false, 5, 5, "EMERGENCY"))).isEqualTo("EXEMPT");
    assertThat(route(inputs(false, false, false, 0, 0, "FTZ_OUTSIDE_LIST"))).isEqualTo("EXEMPT");
    assertThat(route(inputs(false, false, false, 200_000, 0, "TRADE_NO_PERSONAL_OR_IMPORTANT")))
        .isEqualTo("STANDARD_CONTRACT_OR_CERTIFICATION");
  }

  @Test
  void theRuleThatFiredIsNamed() {
    Map<String, Object> answer = decisions.evaluateDecisionByKey("cross-border-route")
        .variables(inputs(false, false, false, 1_000_000, 0, "NONE")).evaluate().getSingleResult().getEntryMap();
    assertThat((String) answer.get("rule")).contains("§8.1.1(3)", "100 万人以上");
  }

  @Test
  void theTableCanBeEvaluatedOnItsOwnThroughEngineRest() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String body = "{\"variables\":{\"ciio\":{\"value\":false},\"coreData\":{\"value\":false},\"importantData\":{\"value\":false},"
        + "\"personsNonSensitive\":{\"value\":100000,\"type\":\"Long\"},\"personsSensitive\":{\"value\":0,\"type\":\"Long\"},"
        + "\"exemptionGround\":{\"value\":\"NONE\"}}}";
    String answer = http.withBasicAuth("admin", "demo-admin").postForObject(
        "/engine-rest/decision-definition/key/cross-border-route/evaluate", new HttpEntity<>(body, headers), String.class);
    assertThat(answer).contains("STANDARD_CONTRACT_OR_CERTIFICATION", "§8.2.1(1)");
  }
}
