package cn.dsflow.incident;

import cn.dsflow.notify.DeadlineChaser;
import cn.dsflow.intake.ClaimedTimes;
import cn.dsflow.form.FormContract;
import cn.dsflow.form.SubmittedFields;
import cn.dsflow.system.WordDocument;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Renders an incident report as a Word document in Chinese: the template's headings, each field with the label its
 * form shows, choices in words, times in Beijing.
 */
@Component
public class IncidentDocuments {

  /** Process variables that no form asks for, with the words a reader expects. */
  private static final Map<String, String> PROCESS_LABELS = Map.of(
      "miitLevel", "事件级别（工信部预案）",
      "cacLevel", "事件级别（网信部门分级指南）",
      "proposedMiitLevel", "预判级别（工信部预案）",
      "miitCriteria", "定级依据（工信部预案）",
      "cacCriteria", "定级依据（网信部门分级指南）",
      "responseEndedAt", "应急工作结束时间");

  private final FormContract forms;

  public IncidentDocuments(FormContract forms) {
    this.forms = forms;
  }

  public byte[] render(ReportTemplate template, Map<String, Object> variables) {
    WordDocument doc = new WordDocument(template.title())
        .note("事件编号：" + variables.get("incidentId") + "    生成时间：" + DeadlineChaser.beijing(ClockUtil.getCurrentTime()));
    for (ReportTemplate.Section section : template.sections()) {
      doc.heading(section.heading());
      for (String field : section.fields()) {
        Object value = variables.get(field);
        boolean claimed = variables.get(field + ClaimedTimes.RECEIVED_AT) instanceof Date;
        if (claimed && value instanceof String s && s.strip().length() > 10) {
          value = Date.from(new SubmittedFields(variables).instant(field, false));
        }
        doc.field(forms.labelOf(field).orElse(PROCESS_LABELS.getOrDefault(field, field)), display(field, value));
        // a declared time is printed beside who entered it and when the server received it, so a reader can weigh it
        ClaimedTimes.receipt(variables, field).ifPresent(line -> doc.field(ClaimedTimes.RECEIPT_LABEL, line));
      }
    }
    return doc.bytes();
  }

  private String display(String field, Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    if (value instanceof Date d) {
      return DeadlineChaser.beijing(d);
    }
    if (field.matches("(proposed)?([mM]iit|[cC]ac)Level")) {
      return IncidentLevel.valueOf(value.toString()).label();
    }
    return forms.display(field, value);
  }
}
