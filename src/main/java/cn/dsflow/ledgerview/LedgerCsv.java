package cn.dsflow.ledgerview;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** RFC 4180 CSV of the readable ledger rows, with the UTF-8 BOM Excel and WPS need to see Chinese. */
final class LedgerCsv {

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private LedgerCsv() {}

  static byte[] write(List<String> headers, List<List<Object>> rows) {
    StringBuilder out = new StringBuilder();
    out.append(String.join(",", headers)).append("\r\n");
    for (List<Object> cells : rows) {
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(cell(String.valueOf(cells.get(i))));
      }
      out.append("\r\n");
    }
    byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[BOM.length + text.length];
    System.arraycopy(BOM, 0, bytes, 0, BOM.length);
    System.arraycopy(text, 0, bytes, BOM.length, text.length);
    return bytes;
  }

  /** Quotes every cell; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
  static String cell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }
}
