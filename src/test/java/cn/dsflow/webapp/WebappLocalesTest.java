package cn.dsflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps our Chinese webapp labels in step with the Camunda webjar on the classpath: a Camunda upgrade that adds a
 * label to Tasklist, Welcome or Admin fails here until it is translated (issue 18).
 */
class WebappLocalesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "admin", "welcome"})
  void everyEnglishLabelOfTheWebjarHasAChineseOne(String app) {
    JsonNode english = english(app).get("labels");
    JsonNode chinese = chinese(app).get("labels");
    List<String> missing = new ArrayList<>();
    english.fieldNames().forEachRemaining(key -> {
      if (!chinese.has(key)) {
        missing.add(key);
      }
    });
    assertThat(missing).as("labels of the %s webjar without Chinese text", app).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "admin", "welcome", "cockpit"})
  void noChineseLabelIsStaleAndEachKeepsThePlaceholdersTheAppFillsIn(String app) {
    JsonNode english = english(app).get("labels");
    JsonNode chinese = chinese(app).get("labels");
    for (Iterator<String> keys = chinese.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      assertThat(english.has(key)).as("%s: %s is not a label of the webjar", app, key).isTrue();
      assertThat(placeholders(chinese.get(key).asText())).as("%s: placeholders of %s", app, key)
          .isEqualTo(placeholders(english.get(key).asText()));
    }
  }

  @Test
  void cockpitScreensOfficersUseAreChinese() {
    JsonNode chinese = chinese("cockpit").get("labels");
    JsonNode english = english("cockpit").get("labels");
    List<String> missing = new ArrayList<>();
    english.fieldNames().forEachRemaining(key -> {
      boolean officerScreen = List.of("DASHBOARD_", "COCKPIT_", "PROCESS_INSTANCE_", "PROCESS_DEFINITION_",
          "PLUGIN_INCIDENTS_", "PLUGIN_USER_TASKS_", "PLUGIN_VARIABLE_", "PLUGIN_CALLED_PROCESS", "PAGE_LOGIN_",
          "CAM_WIDGET_", "PLGN_SKE_", "PLUGIN_PROCESS_", "PLUGIN_JOB_", "PLUGIN_JOBS", "PLUGIN_SUSPENSION_")
          .stream().anyMatch(key::startsWith);
      if (officerScreen && !chinese.has(key)) {
        missing.add(key);
      }
    });
    // the processes list, an instance's sidebar, its jobs and timers, retrying an incident, suspending a definition
    assertThat(missing).as("Cockpit labels on the dashboard, process, instance and incident screens").isEmpty();
  }

  @Test
  void datesReadAsYearMonthDayWithTheMinute() {
    JsonNode formats = chinese("tasklist").get("dateLocales").get("longDateFormat");
    assertThat(formats.get("L").asText()).isEqualTo("YYYY-MM-DD");
    assertThat(formats.get("LLL").asText()).isEqualTo("YYYY-MM-DD HH:mm");
  }

  @Test
  void withoutAConfiguredLineTheEndOfLifeBannerIsEmptyInEveryLanguage() throws IOException {
    WebappLocales locales = new WebappLocales(JSON, "");
    for (String app : WebappLocales.APPS) {
      for (String language : WebappLocales.LANGUAGES) {
        JsonNode labels = JSON.readTree(locales.file(app, language)).get("labels");
        assertThat(labels.get(WebappLocales.BANNER_KEY).asText()).as("%s %s", app, language).isEmpty();
      }
    }
  }

  @Test
  void theOperatorsBannerLineIsShownAsTextNeverAsMarkup() throws IOException {
    WebappLocales locales = new WebappLocales(JSON, "系统将于 12 月 5 日 22:00 维护<script>alert(1)</script>");
    JsonNode labels = JSON.readTree(locales.file("tasklist", "zh")).get("labels");
    assertThat(labels.get(WebappLocales.BANNER_KEY).asText())
        .isEqualTo("系统将于 12 月 5 日 22:00 维护&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void cockpitLabelsNotYetTranslatedFallBackToTheWebjarsEnglishNotToTheirKey() throws IOException {
    WebappLocales locales = new WebappLocales(JSON, "");
    JsonNode served = JSON.readTree(locales.file("cockpit", "zh")).get("labels");
    JsonNode english = english("cockpit").get("labels");
    english.fieldNames().forEachRemaining(key -> assertThat(served.has(key)).as(key).isTrue());
    assertThat(served.get("DASHBOARD_OPEN_INCIDENTS").asText()).isEqualTo("未解决的故障");
  }

  @Test
  void anAppOrLanguageTheWebappsDoNotHaveIsNotServed() {
    WebappLocales locales = new WebappLocales(JSON, "");
    assertThat(locales.file("tasklist", "de")).isNull();
    assertThat(locales.file("../tasklist", "zh")).isNull();
  }

  private static List<String> placeholders(String text) {
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    names.sort(String::compareTo);
    return names;
  }

  private static ObjectNode english(String app) {
    return WebappLocales.read(JSON, "META-INF/resources/webjars/camunda/app/" + app + "/locales/en.json");
  }

  private static ObjectNode chinese(String app) {
    return WebappLocales.read(JSON, "webapp-locales/" + app + "/zh.json");
  }
}
