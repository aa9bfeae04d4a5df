package cn.dsflow.ledger;

import cn.dsflow.approval.DataLevel;
import cn.dsflow.approval.OperationType;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.ApprovalLedger.Entry;
import cn.dsflow.system.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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

/** The approval ledger for officers: JSON with filters, and CSV that opens correctly in Excel and WPS. */
@RestController
@RequestMapping("/api")
class LedgerController {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private final ApprovalLedger ledger;
  private final CurrentUser currentUser;

  LedgerController(ApprovalLedger ledger, CurrentUser currentUser) {
    this.ledger = ledger;
    this.currentUser = currentUser;
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
    String body = LedgerCsv.write(ledger.find(filter(from, to, operationType, dataLevel, status)));
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = body.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, out, 0, bom.length);
    System.arraycopy(text, 0, out, bom.length, text.length);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ledger.csv\"; filename*=UTF-8''%E5%AE%A1%E6%89%B9%E5%8F%B0%E8%B4%A6.csv")
        .body(out);
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
    try {
      return adjust.apply(LocalDate.parse(value)).atStartOfDay(BEIJING).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field, field + " 应为 yyyy-MM-dd");
    }
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
