package cn.dsflow.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.springframework.http.MediaType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * A Chinese Word document (.docx) as regulators and auditors receive them: a title, headings in Word's own heading
 * style (so the outline pane and a table of contents see them), and "label：value" lines.
 */
public final class WordDocument {

  private static final String FONT = "宋体";

  private final XWPFDocument doc = new XWPFDocument();

  public WordDocument(String title) {
    defineStyle("Title", "Title", 0);
    defineStyle("Heading1", "heading 1", 1);
    XWPFParagraph p = doc.createParagraph();
    p.setAlignment(ParagraphAlignment.CENTER);
    p.setStyle("Title");
    run(p, title, true, 18);
  }

  public WordDocument note(String text) {
    run(doc.createParagraph(), text, false, 10);
    return this;
  }

  public WordDocument heading(String text) {
    XWPFParagraph p = doc.createParagraph();
    p.setStyle("Heading1");
    run(p, text, true, 14);
    return this;
  }

  public WordDocument field(String label, String value) {
    XWPFParagraph p = doc.createParagraph();
    run(p, label + "：", true, 11);
    run(p, value == null || value.isBlank() ? "（未填写）" : value, false, 11);
    return this;
  }

  /** A table with a bold header row, e.g. the summary table of 002 annex 2. */
  public WordDocument table(java.util.List<String> headers, java.util.List<java.util.List<String>> rows) {
    org.apache.poi.xwpf.usermodel.XWPFTable table = doc.createTable(rows.size() + 1, headers.size());
    for (int c = 0; c < headers.size(); c++) {
      XWPFParagraph p = table.getRow(0).getCell(c).getParagraphs().get(0);
      run(p, headers.get(c), true, 10);
    }
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < headers.size(); c++) {
        String value = rows.get(r).get(c);
        run(table.getRow(r + 1).getCell(c).getParagraphs().get(0), value == null ? "" : value, false, 10);
      }
    }
    return this;
  }

  /** A .docx as a download: the HTTP answer every document endpoint gives. */
  public static org.springframework.http.ResponseEntity<byte[]> download(String fileName, byte[] docx) {
    return org.springframework.http.ResponseEntity.ok()
        .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
            org.springframework.http.ContentDisposition.attachment().filename(fileName).build().toString())
        .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        .body(docx);
  }

  public byte[] bytes() {
    try (doc; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("the document could not be written", e);
    }
  }

  private void defineStyle(String id, String name, int outlineLevel) {
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
