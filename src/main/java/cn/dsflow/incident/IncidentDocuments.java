package cn.dsflow.incident;

import cn.dsflow.system.FormContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Date;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;
import org.springframework.stereotype.Component;

/**
 * Renders a report as a Word document (.docx) in Chinese: the template's headings, each field with the label its form
 * shows, choices in words, times in Beijing. Headings use Word's built-in heading styles so the outline pane works.
 */
@Component
public class IncidentDocuments {

  private static final String FONT = "宋体";

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
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      defineStyle(doc, "Title", "Title", 0);
      defineStyle(doc, "Heading1", "heading 1", 1);
      XWPFParagraph title = doc.createParagraph();
      title.setAlignment(ParagraphAlignment.CENTER);
      title.setStyle("Title");
      run(title, template.title(), true, 18);
      XWPFParagraph meta = doc.createParagraph();
      run(meta, "事件编号：" + variables.get("incidentId") + "    生成时间："
          + cn.dsflow.notify.DeadlineChaser.beijing(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime()), false, 10);
      for (ReportTemplate.Section section : template.sections()) {
        XWPFParagraph heading = doc.createParagraph();
        heading.setStyle("Heading1");
        run(heading, section.heading(), true, 14);
        for (String field : section.fields()) {
          XWPFParagraph line = doc.createParagraph();
          run(line, forms.labelOf(field).orElse(PROCESS_LABELS.getOrDefault(field, field)) + "：", true, 11);
          run(line, display(field, variables.get(field)), false, 11);
        }
      }
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("the report could not be written", e);
    }
  }

  private String display(String field, Object value) {
    if (value == null || value.toString().isBlank()) {
      return "（未填写）";
    }
    if (value instanceof Date d) {
      return cn.dsflow.notify.DeadlineChaser.beijing(d);
    }
    if (field.endsWith("Level") && field.matches("(proposed)?([mM]iit|[cC]ac)Level")) {
      return IncidentLevel.valueOf(value.toString()).label();
    }
    if (value instanceof Boolean b) {
      return b ? "是" : "否";
    }
    if (value instanceof Double d && d == Math.rint(d)) {
      return String.format("%,.0f", d);
    }
    return forms.optionLabel(field, value.toString());
  }

  /** Word's own style ids, declared so that the outline pane and the table of contents see the headings. */
  private static void defineStyle(XWPFDocument doc, String id, String name, int outlineLevel) {
    XWPFStyles styles = doc.createStyles();
    CTStyle style = CTStyle.Factory.newInstance();
    style.setStyleId(id);
    style.setType(STStyleType.PARAGRAPH);
    style.addNewName().setVal(name);
    style.addNewQFormat();
    if (outlineLevel > 0) {
      style.addNewPPr().addNewOutlineLvl().setVal(BigInteger.valueOf(outlineLevel - 1L));
    }
    styles.addStyle(new XWPFStyle(style, styles));
  }

  private static void run(XWPFParagraph p, String text, boolean bold, int size) {
    XWPFRun r = p.createRun();
    r.setFontFamily(FONT);
    r.setBold(bold);
    r.setFontSize(size);
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        r.addBreak();
      }
      r.setText(lines[i]);
    }
  }
}
