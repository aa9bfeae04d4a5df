package cn.dsflow.incident;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.process.IncidentVariables;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every report a task files (the Measures' and the industry rules' reports) has a named variable for its document's
 * id, so completing the task never fails on a template added without one.
 */
class ReportDocumentVariablesTest {

  @Test
  void eachReportTemplateHasItsOwnDocumentIdVariable() {
    Set<ReportTemplate> covered = new HashSet<>();
    IncidentVariables.REPORT_DOCUMENT_IDS.forEach((taskKey, variable) -> {
      assertThat(ReportTemplate.submittedBy(taskKey)).as(taskKey).isPresent();
      covered.add(ReportTemplate.submittedBy(taskKey).orElseThrow());
      assertThat(variable.name()).isEqualTo(taskKey + "DocumentId");
    });
    assertThat(covered).containsExactlyInAnyOrder(ReportTemplate.values());
  }
}
