package cn.dsflow.ledgerview;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The readable ledger as an Excel workbook: one sheet, a frozen bold header row, a filter on every column. Text goes
 * into text cells, so a value such as {@code =HYPERLINK(...)} is shown, never evaluated; counts stay numbers.
 */
final class LedgerXlsx {

  static final String SHEET = "审批台账";

  /** Excel's limit for one cell's text; POI refuses longer text. */
  private static final int MAX_CELL = 32_767;

  private LedgerXlsx() {}

  static byte[] write(List<String> headers, List<List<Object>> rows) {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet(SHEET);
      Font bold = book.createFont();
      bold.setBold(true);
      CellStyle head = book.createCellStyle();
      head.setFont(bold);
      Row header = sheet.createRow(0);
      for (int c = 0; c < headers.size(); c++) {
        Cell cell = header.createCell(c);
        cell.setCellValue(headers.get(c));
        cell.setCellStyle(head);
        // a width that fits the header and most values without measuring fonts (no AWT on a headless server)
        sheet.setColumnWidth(c, Math.min(60, Math.max(12, headers.get(c).length() * 3)) * 256);
      }
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r + 1);
        List<Object> cells = rows.get(r);
        for (int c = 0; c < cells.size(); c++) {
          Object v = cells.get(c);
          if (v instanceof Number n) {
            row.createCell(c).setCellValue(n.doubleValue());
          } else {
            String text = v == null ? "" : v.toString();
            row.createCell(c).setCellValue(text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text);
          }
        }
      }
      sheet.createFreezePane(0, 1);
      sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, rows.size()), 0, headers.size() - 1));
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
