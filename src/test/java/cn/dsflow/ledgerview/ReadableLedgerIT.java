package cn.dsflow.ledgerview;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.permit.PermitGate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The ledger an officer or a regulator opens in Excel or WPS (000 §3.4.2(2)): codes in words, approvers by name and
 * duty, every time in Beijing time; the .xlsx holds the same rows as the CSV.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00") // 10:00 in Beijing, 02:00 UTC
class ReadableLedgerIT {

  @Autowired ApprovalFixture fixture;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TestRestTemplate http;
  @Autowired PermitGate gate;

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  String approvedRequest(String purpose) {
    Map<String, Object> request = ApprovalFixture.request("BULK_EXPORT", "IMPORTANT");
    request.put("purpose", purpose);
    ProcessInstance instance = fixture.start("zhangsan", request);
    fixture.approveImportantBulkExport(instance);
    return (String) runtimeService.getVariable(instance.getId(), "permitId");
  }

  List<String> csvRowOf(String permitId) {
    byte[] bytes = http.withBasicAuth("zhengshi", "demo").getForObject("/api/ledger.csv", byte[].class);
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    String line = Arrays.stream(text.split("\r\n")).filter(l -> l.contains(permitId)).findFirst().orElseThrow();
    return cells(line);
  }

  /** RFC 4180 cells of one line (every cell quoted, as LedgerCsv writes them). */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cell.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  static String column(List<String> row, String header) {
    return row.get(LedgerRows.HEADERS.indexOf(header));
  }

  /** An approved export of 5,000 records, used at the gate for 5,000 and recorded by the requester as {@code actual}. */
  String completedWith(long actual) {
    ProcessInstance instance = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    fixture.approveImportantBulkExport(instance);
    String permitId = (String) runtimeService.getVariable(instance.getId(), "permitId");
    engine.setClock(EngineTestSupport.at("2026-11-23T11:00:00+08:00"));
    gate.use(permitId, new PermitGate.Use("etl", 5000, "某某科技有限公司"), "zhangsan");
    engine.complete("zhangsan", engine.only(instance.getId(), "recordResult"),
        Map.of("actualRecordCount", actual, "completedAt", "2026-11-23T11:00:00+08:00"));
    engine.setClock(EngineTestSupport.at("2026-11-23T10:00:00+08:00"));
    return permitId;
  }

  Map<String, Object> jsonRowOf(String permitId) {
    List<Map<String, Object>> rows = http.withBasicAuth("zhengshi", "demo").exchange("/api/ledger", HttpMethod.GET, null,
        new ParameterizedTypeReference<List<Map<String, Object>>>() {}).getBody();
    return rows.stream().filter(r -> permitId.equals(r.get("permitId"))).findFirst().orElseThrow();
  }

  @Test
  void aResultAboveTheApprovedCountIsFlaggedOnItsLedgerRowAndOneAtTheApprovedCountIsNot() {
    // 000 §3.4.2: the ledger shows what was done against what was approved (5,000 records)
    String over = completedWith(5001);
    String at = completedWith(5000);

    assertThat(jsonRowOf(over)).containsEntry("scopeExceeded", true).containsEntry("actualRecordCount", 5001);
    assertThat(jsonRowOf(at)).containsEntry("scopeExceeded", false);
    assertThat(column(csvRowOf(over), "超出批准数量")).isEqualTo("是（超出 1 条）");
    assertThat(column(csvRowOf(at), "超出批准数量")).isEqualTo("否");
    assertThat(column(csvRowOf(approvedRequest("未执行")), "超出批准数量")).isEmpty(); // no result recorded yet
  }

  @Test
  void theCsvShowsCodesInChineseApproversByNameAndDutyAndBeijingTimes() {
    String permitId = approvedRequest("联合工艺优化");

    List<String> row = csvRowOf(permitId);

    assertThat(column(row, "处理方式")).isEqualTo("批量导出");
    assertThat(column(row, "数据级别")).isEqualTo("重要数据");
    assertThat(column(row, "状态")).isEqualTo("已批准");
    assertThat(column(row, "申请人")).isEqualTo("张三（zhangsan）");
    // decided at 10:00 Beijing time, which is 02:00 UTC: a UTC ledger would print 02:00
    assertThat(column(row, "审批人员及时间")).isEqualTo(
        "王五（数据所属部门负责人）2026-11-23 10:00；赵六（数据安全管理责任部门）2026-11-23 10:00；"
            + "孙七（数据安全直接责任人）2026-11-23 10:00");
    assertThat(column(row, "批准时间")).isEqualTo("2026-11-23 10:00:00");
    assertThat(column(row, "时效止")).isEqualTo("2026-12-31 23:59:59");
    assertThat(String.join(",", row)).doesNotContain("BULK_EXPORT", "IMPORTANT", "APPROVED", "deptHead", "02:00");
  }

  @Test
  void theXlsxHoldsTheSameRowsWithNumbersAsNumbersAndFormulasAsText() throws Exception {
    String permitId = approvedRequest("=HYPERLINK(\"http://evil.example\",\"点此\")");

    ResponseEntity<byte[]> answer = http.withBasicAuth("zhengshi", "demo").getForEntity("/api/ledger.xlsx", byte[].class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(LedgerController.XLSX);
    assertThat(answer.getHeaders().getContentDisposition().getFilename()).isEqualTo("审批台账.xlsx");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(answer.getBody()))) {
      Sheet sheet = book.getSheet(LedgerXlsx.SHEET);
      List<String> header = new ArrayList<>();
      sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
      assertThat(header).isEqualTo(LedgerRows.HEADERS);
      Row row = null;
      for (Row r : sheet) {
        if (permitId.equals(r.getCell(LedgerRows.HEADERS.indexOf("授权编号")).getStringCellValue())) {
          row = r;
        }
      }
      assertThat(row).as("the permit's row").isNotNull();
      Cell purpose = row.getCell(LedgerRows.HEADERS.indexOf("目的"));
      assertThat(purpose.getCellType()).isEqualTo(CellType.STRING);
      assertThat(purpose.getStringCellValue()).startsWith("=HYPERLINK");
      assertThat(column(csvRowOf(permitId), "目的")).as("the CSV neutralises the formula").startsWith("'=HYPERLINK");
      Cell count = row.getCell(LedgerRows.HEADERS.indexOf("数据数量（条）"));
      assertThat(count.getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(count.getNumericCellValue()).isEqualTo(5000);
      List<String> csv = csvRowOf(permitId);
      for (String column : List.of("处理方式", "数据级别", "审批人员及时间", "批准时间", "状态", "申请人")) {
        assertThat(row.getCell(LedgerRows.HEADERS.indexOf(column)).getStringCellValue()).as(column)
            .isEqualTo(column(csv, column));
      }
    }
  }

  @Test
  void theXlsxIsForOfficersOnlyAndRefusesAFilterOutsideItsValues() {
    assertThat(http.withBasicAuth("lisi", "demo").getForEntity("/api/ledger.xlsx", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> bad = http.withBasicAuth("zhengshi", "demo").getForEntity("/api/ledger.xlsx?status=DELETED", String.class);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("\"error\":\"invalid_input\"", "REVOKED");
  }

  @Test
  void theJsonLedgerKeepsCodesForProgramsAndWritesTimesWithTheBeijingOffset() {
    String permitId = approvedRequest("联合工艺优化");

    String json = http.withBasicAuth("zhengshi", "demo").getForObject("/api/ledger?status=APPROVED", String.class);

    assertThat(json).contains(permitId, "\"operationType\":\"BULK_EXPORT\"", "\"approvedAt\":\"2026-11-23T10:00:00+08:00\"");
  }
}
