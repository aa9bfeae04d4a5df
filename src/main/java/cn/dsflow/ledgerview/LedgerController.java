package cn.dsflow.ledgerview;

import cn.dsflow.approval.DataLevel;
import cn.dsflow.approval.OperationType;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.ApprovalLedger;
import cn.dsflow.ledger.ApprovalLedger.Entry;
import cn.dsflow.system.ApiException;
import cn.dsflow.system.BeijingTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The approval ledger for officers: JSON with codes for programs; CSV and .xlsx with labels for people, same filters. */
@RestController
@RequestMapping("/api")
class LedgerController {

  static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final ApprovalLedger ledger;
  private final CurrentUser currentUser;
  private final LedgerRows readable;

  LedgerController(ApprovalLedger ledger, CurrentUser currentUser, LedgerRows readable) {
    this.ledger = ledger;
    this.currentUser = currentUser;
    this.readable = readable;
  }

  @GetMapping("/ledger")
  List<Entry> ledger(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String operationType, @RequestParam(required = false) String dataLevel,
      @RequestParam(required = false) String status) {
    requireOfficer();
    return ledger.find(filter(from, to, operationType, dataLevel, status));
  }

  @GetMapping("/ledger.csv")
  ResponseEntity<byte[]> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String operationType, @RequestParam(required = false) String dataLevel,
      @RequestParam(required = false) String status) {
    requireOfficer();
    List<List<Object>> rows = readable.rows(ledger.find(filter(from, to, operationType, dataLevel, status)));
    return download(LedgerCsv.write(LedgerRows.HEADERS, rows), new MediaType("text", "csv", StandardCharsets.UTF_8), "csv");
  }

  /** The same rows as the CSV, as an Excel workbook (issue 18: officers open the ledger in Excel or WPS). */
  @GetMapping("/ledger.xlsx")
  ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String operationType, @RequestParam(required = false) String dataLevel,
      @RequestParam(required = false) String status) {
    requireOfficer();
    List<List<Object>> rows = readable.rows(ledger.find(filter(from, to, operationType, dataLevel, status)));
    return download(LedgerXlsx.write(LedgerRows.HEADERS, rows), XLSX, "xlsx");
  }

  private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String extension) {
    return ResponseEntity.ok()
        .contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ledger." + extension
            + "\"; filename*=UTF-8''%E5%AE%A1%E6%89%B9%E5%8F%B0%E8%B4%A6." + extension)
        .body(body);
  }

  private ApprovalLedger.Filter filter(String from, String to, String operationType, String dataLevel, String status) {
    return new ApprovalLedger.Filter(
        day(from, "from", d -> d), day(to, "to", d -> d.plusDays(1)),
        oneOf(operationType, "operationType", OperationType.class), oneOf(dataLevel, "dataLevel", DataLevel.class),
        oneOf(status, "status", LedgerStatus.class));
  }

  /** Period bounds are Beijing calendar days; {@code to} is inclusive. */
  private static Instant day(String value, String field, Function<LocalDate, LocalDate> adjust) {
    if (value == null || value.isBlank()) {
      return null;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field, field + " 应为 yyyy-MM-dd");
    }
    if (date.getYear() < 1900 || date.getYear() > 9999) { // PostgreSQL's timestamps end there (found by the attack)
      throw ApiException.badRequest(field, field + " 应在 1900-01-01 至 9999-12-31 之间");
    }
    return adjust.apply(date).atStartOfDay(BeijingTime.ZONE).toInstant();
  }

  /** A filter accepts exactly the values of its enum: no list of its own to fall behind (issue 13: REVOKED was missing). */
  private static <E extends Enum<E>> String oneOf(String value, String field, Class<E> allowed) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return Arrays.stream(allowed.getEnumConstants()).map(Enum::name).filter(value::equals).findFirst()
        .orElseThrow(() -> ApiException.badRequest(field,
            field + " 应为 " + Arrays.toString(allowed.getEnumConstants()) + " 之一"));
  }

  private void requireOfficer() {
    currentUser.requireAnyOf(Group.LEDGER_READERS, "台账仅供数据安全管理部门、审计、法务和负责人查看 (ledger is for officers)");
  }
}
