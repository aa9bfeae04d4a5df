package cn.dsflow.ledger;

import cn.dsflow.ledger.ApprovalLedger.Entry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** RFC 4180 CSV with Chinese headers and Beijing times; the caller prepends the UTF-8 BOM Excel and WPS need. */
final class LedgerCsv {

  static final List<String> HEADERS = List.of("申请编号", "处理方式", "数据处理主体", "数据类别", "数据级别", "数据描述",
      "数据数量（条）", "数据量（GB）", "处理方法", "目的", "范围", "接收方", "时效起", "时效止", "申请人", "申请时间",
      "审批人员及时间", "批准时间", "授权编号", "状态", "使用时间", "执行人", "实际数据量（条）", "完成时间", "结果说明", "其他事项（出境路径、备案编号等）",
      "使用授权的账号");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

  private LedgerCsv() {}

  static String write(List<Entry> entries) {
    StringBuilder out = new StringBuilder();
    out.append(String.join(",", HEADERS)).append("\r\n");
    for (Entry e : entries) {
      List<Object> cells = java.util.Arrays.asList(e.requestId(), e.operationType(), e.processingSubject(), e.dataCategory(), e.dataLevel(),
          e.dataDescription(), e.recordCount(), e.volumeGb(), e.processingMethod(), e.purpose(), e.scope(),
          nz(e.recipientName()), time(e.validFrom()), time(e.validUntil()), e.requester(), time(e.requestedAt()),
          e.approvers(), time(e.approvedAt()), e.permitId(), e.status(), time(e.usedAt()), nz(e.usedBy()),
          e.actualRecordCount() == null ? "" : e.actualRecordCount(), time(e.completedAt()), nz(e.resultNote()),
          nz(e.particulars()), nz(e.usedByAccount()));
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(cell(String.valueOf(cells.get(i))));
      }
      out.append("\r\n");
    }
    return out.toString();
  }

  /** Quotes every cell; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
  static String cell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }

  private static String time(Instant i) {
    return i == null ? "" : TIME.format(i);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
