package cn.dsflow.incident;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The two grading tables, read through the engine from bpmn/incident-level.dmn, on both sides of every threshold:
 * 含 / 以上 include the figure; the level is the highest any criterion reaches.
 */
@DsflowIntegrationTest
class IncidentGradingIT {

  @Autowired DecisionService decisions;

  static Map<String, Object> quiet() {
    Map<String, Object> v = new HashMap<>();
    v.put("dataLevel", "GENERAL");
    v.put("threatSeverity", "NONE");
    v.put("domain", "TELECOM");
    v.put("productionImpact", "NONE");
    v.put("outageHours", 0.0);
    v.put("facilityClass", "UNKNOWN");
    v.put("directLossYuan", 0.0);
    v.put("personsAffected", 0L);
    v.put("sensitivePersonsAffected", 0L);
    v.put("ciiOutageMinutes", 0.0);
    v.put("ciiMainFunctionOutageMinutes", 0.0);
    v.put("websiteOutageHours", 0.0);
    v.put("dailyLifePersons", 0L);
    return v;
  }

  DmnDecisionResult grade(String decision, Map<String, Object> inputs) {
    return decisions.evaluateDecisionByKey(decision).variables(inputs).evaluate();
  }

  String miit(String key, Object value) {
    Map<String, Object> v = quiet();
    v.put(key, value);
    return grade("incident-level", v).get(0).getEntry("level");
  }

  String cac(String key, Object value) {
    Map<String, Object> v = quiet();
    v.put(key, value);
    return grade("incident-level-cac", v).get(0).getEntry("level");
  }

  @ParameterizedTest(name = "MIIT: direct loss {0} 元 → {1}")
  @CsvSource({"49999999, IV", "50000000, III", "99999999, III", "100000000, II", "999999999, II", "1000000000, I"})
  void miitDirectLossThresholdsIncludeTheFigure(double loss, String level) {
    assertThat(miit("directLossYuan", loss)).isEqualTo(level);
  }

  @ParameterizedTest(name = "MIIT: {0} persons' personal information → {1}")
  @CsvSource({"999999, IV", "1000000, III", "9999999, III", "10000000, II", "99999999, II", "100000000, I"})
  void miitPersonThresholdsIncludeTheFigure(long persons, String level) {
    assertThat(miit("personsAffected", persons)).isEqualTo(level);
  }

  @ParameterizedTest(name = "MIIT: {0} persons' sensitive personal information → {1}")
  @CsvSource({"99999, IV", "100000, III", "999999, III", "1000000, II", "9999999, II", "10000000, I"})
  void miitSensitivePersonThresholdsIncludeTheFigure(long persons, String level) {
    assertThat(miit("sensitivePersonsAffected", persons)).isEqualTo(level);
  }

  @ParameterizedTest(name = "MIIT: telecom outage {0} h → {1}, boundary {2}")
  @CsvSource({"7.99, IV, false", "8, III, true", "8.01, III, false", "11.99, III, false", "12, II, true",
      "12.5, II, false", "23.99, II, false", "24, I, true", "30, I, false"})
  void miitOutageHoursGoToTheHigherLevelAtTheExactBoundaryAndAreFlagged(double hours, String level, boolean boundary) {
    Map<String, Object> v = quiet();
    v.put("outageHours", hours);
    DmnDecisionResult result = grade("incident-level", v);
    assertThat((String) result.get(0).getEntry("level")).isEqualTo(level);
    GradingProposal.Grading grading = GradingProposal.Grading.of(result.getResultList());
    assertThat(grading.boundary()).isEqualTo(boundary);
  }

  @ParameterizedTest(name = "MIIT: telecom outage {0} h of a {1} facility → {2}")
  @CsvSource({"30, CORE_OR_IMPORTANT, I", "30, UNKNOWN, I", "30, RELATED, III", "12.5, CORE_OR_IMPORTANT, II",
      "12.5, UNKNOWN, II", "12.5, RELATED, III", "24, RELATED, III", "8.5, RELATED, III", "7.99, RELATED, IV",
      "7.99, CORE_OR_IMPORTANT, IV"})
  void onlyImportantOrCoreFacilitiesReachTheTwoHigherOutageLevelsAndAnUnknownClassCountsAsImportant(
      double hours, String facility, String level) {
    Map<String, Object> v = quiet();
    v.put("outageHours", hours);
    v.put("facilityClass", facility);
    assertThat((String) grade("incident-level", v).get(0).getEntry("level")).isEqualTo(level);
  }

  @Test
  void theFacilityClassDoesNotLowerARadioOutage() {
    Map<String, Object> radio = quiet();
    radio.put("domain", "RADIO");
    radio.put("outageHours", 30.0);
    radio.put("facilityClass", "RELATED");
    assertThat((String) grade("incident-level", radio).get(0).getEntry("level")).isEqualTo("I");
  }

  @Test
  void radioOutageCountsLikeTelecomButIndustrialDomainIsGradedOnProductionImpact() {
    Map<String, Object> radio = quiet();
    radio.put("domain", "RADIO");
    radio.put("outageHours", 13.0);
    assertThat((String) grade("incident-level", radio).get(0).getEntry("level")).isEqualTo("II");
    Map<String, Object> industrial = quiet();
    industrial.put("domain", "INDUSTRIAL");
    industrial.put("outageHours", 30.0);
    assertThat((String) grade("incident-level", industrial).get(0).getEntry("level")).isEqualTo("IV");
    industrial.put("productionImpact", "WIDER_STOPPAGE");
    assertThat((String) grade("incident-level", industrial).get(0).getEntry("level")).isEqualTo("II");
    industrial.put("productionImpact", "PARTIAL_CAPABILITY_LOSS");
    assertThat((String) grade("incident-level", industrial).get(0).getEntry("level")).isEqualTo("III");
    industrial.put("productionImpact", "LARGE_SCALE_STOPPAGE");
    assertThat((String) grade("incident-level", industrial).get(0).getEntry("level")).isEqualTo("I");
  }

  @ParameterizedTest(name = "MIIT: {0} data, {1} threat → {2}")
  @CsvSource({"GENERAL, SOME, IV", "GENERAL, RELATIVELY_SERIOUS, III", "GENERAL, SERIOUS, III",
      "IMPORTANT, SERIOUS, II", "IMPORTANT, ESPECIALLY_SERIOUS, II", "CORE, ESPECIALLY_SERIOUS, I"})
  void miitDataCategoryAndThreat(String dataLevel, String threat, String level) {
    Map<String, Object> v = quiet();
    v.put("dataLevel", dataLevel);
    v.put("threatSeverity", threat);
    assertThat((String) grade("incident-level", v).get(0).getEntry("level")).isEqualTo(level);
  }

  @Test
  void theHighestLevelWinsAndEveryMatchedCriterionIsListed() {
    Map<String, Object> v = quiet();
    v.put("directLossYuan", 60_000_000.0); // 较大
    v.put("personsAffected", 12_000_000L); // 重大
    DmnDecisionResult result = grade("incident-level", v);
    GradingProposal.Grading grading = GradingProposal.Grading.of(result.getResultList());
    assertThat(grading.level()).isEqualTo(IncidentLevel.II);
    assertThat(grading.criteria()).contains("重大（四）", "较大（三）", "较大（四）");
    List<String> levels = result.getResultList().stream().map(r -> (String) r.get("level")).toList();
    assertThat(levels).first().isEqualTo("II");
  }

  @ParameterizedTest(name = "CAC: direct loss {0} 元 → {1}")
  @CsvSource({"4999999, IV", "5000000, III", "19999999, III", "20000000, II", "99999999, II", "100000000, I"})
  void cacDirectLossThresholdsIncludeTheFigure(double loss, String level) {
    assertThat(cac("directLossYuan", loss)).isEqualTo(level);
  }

  @ParameterizedTest(name = "CAC: {0} persons' personal information leaked → {1}")
  @CsvSource({"999999, IV", "1000000, III", "10000000, II", "100000000, I"})
  void cacPersonalInformationThresholds(long persons, String level) {
    assertThat(cac("personsAffected", persons)).isEqualTo(level);
  }

  @ParameterizedTest(name = "CAC: CII {0} = {1} min → {2}")
  @CsvSource({"ciiOutageMinutes, 9, IV", "ciiOutageMinutes, 10, III", "ciiOutageMinutes, 60, II", "ciiOutageMinutes, 360, I",
      "ciiMainFunctionOutageMinutes, 29, IV", "ciiMainFunctionOutageMinutes, 30, III",
      "ciiMainFunctionOutageMinutes, 180, II", "ciiMainFunctionOutageMinutes, 1440, I"})
  void cacCriticalInfrastructureOutage(String input, double minutes, String level) {
    assertThat(cac(input, minutes)).isEqualTo(level);
  }

  @ParameterizedTest(name = "CAC: websites down {0} h → {1}")
  @CsvSource({"1.99, IV", "2, III", "6, II", "24, I"})
  void cacWebsiteOutage(double hours, String level) {
    assertThat(cac("websiteOutageHours", hours)).isEqualTo(level);
  }

  @ParameterizedTest(name = "CAC: daily life of {0} persons → {1}")
  @CsvSource({"99999, IV", "100000, III", "1000000, II", "10000000, I"})
  void cacDailyLife(long persons, String level) {
    assertThat(cac("dailyLifePersons", persons)).isEqualTo(level);
  }

  @Test
  void theScalesDifferSoAnIncidentIsGradedOnBoth() {
    // requirements-incidents §2.5: 600万元 is 一般 for MIIT but 较大 for CAC; 20万 sensitive persons the other way round
    assertThat(miit("directLossYuan", 6_000_000.0)).isEqualTo("IV");
    assertThat(cac("directLossYuan", 6_000_000.0)).isEqualTo("III");
    assertThat(miit("sensitivePersonsAffected", 200_000L)).isEqualTo("III");
    assertThat(cac("personsAffected", 200_000L)).isEqualTo("IV");
    Map<String, Object> generalData = quiet();
    generalData.put("threatSeverity", "RELATIVELY_SERIOUS");
    assertThat((String) grade("incident-level-cac", generalData).get(0).getEntry("level")).isEqualTo("IV");
  }
}
