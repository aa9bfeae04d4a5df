package cn.dsflow.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Times people enter (issue 18): a 15-minute picker made a result right after a permit's use impossible to record, since
 * the time must lie between the use and now. Every time field is entered to the minute.
 */
class FormTimeEntryTest {

  @Test
  void everyTimeOnEveryFormIsEnteredToTheMinute() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> coarse = new ArrayList<>();
    int timeFields = 0;
    try (var files = Files.list(Path.of("forms"))) {
      for (Path p : files.toList()) {
        for (JsonNode c : json.readTree(p.toFile()).findParents("type")) {
          String subtype = c.path("subtype").asText();
          if ("datetime".equals(c.path("type").asText()) && ("datetime".equals(subtype) || "time".equals(subtype))) {
            timeFields++;
            if (c.path("timeInterval").asInt(15) != 1) { // form-js's default interval is 15 minutes
              coarse.add(p.getFileName() + ":" + c.path("key").asText());
            }
          }
        }
      }
    }
    assertThat(timeFields).isPositive();
    assertThat(coarse).isEmpty();
  }
}
