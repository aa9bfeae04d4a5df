package cn.dsflow.approval;

import cn.dsflow.ledger.CanonicalJson;
import cn.dsflow.ledger.Sm3;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A request to perform one of the §3.4.2(1) operations, with the fields 000 §3.4.2(2) requires of every approval:
 * processing subject, quantity, category, level, method, purpose, scope and time limit (时效).
 */
public record DataOperationRequest(
    OperationType operationType,
    DataLevel dataLevel,
    String dataCategory,
    String dataDescription,
    long recordCount,
    double volumeGb,
    String processingSubject,
    String processingMethod,
    String purpose,
    String scope,
    Instant validFrom,
    Instant validUntil,
    String recipientName,
    boolean recipientForeign) {

  /** The variable names that make up the approved content; a change to any of them needs a new approval. */
  public static final Set<String> CONTENT_FIELDS =
      Set.of("operationType", "dataLevel", "dataCategory", "dataDescription", "recordCount", "volumeGb",
          "processingSubject", "processingMethod", "purpose", "scope", "validFrom", "validUntil", "recipientName",
          "recipientForeign");

  /** Reads and checks the submitted variables; refuses with the first field at fault. */
  /** A request of {@code data-operation-approval}: transfers abroad and destruction have their own processes. */
  public static DataOperationRequest from(Map<String, Object> variables, Instant now, Duration maxValidity) {
    DataOperationRequest request = asSubmitted(variables, now, maxValidity);
    if (request.operationType == OperationType.CROSS_BORDER) {
      throw EngineRefusal.invalid("operationType", "数据出境请使用“数据出境”流程 cross-border-transfer (use the cross-border process)");
    }
    if (request.operationType == OperationType.DESTRUCTION) {
      throw EngineRefusal.invalid("operationType", "数据销毁请使用“数据销毁”流程 data-destruction (use the destruction process)");
    }
    if (request.recipientForeign && request.recipientName != null) {
      // 000 §3.7.1(2): a recipient abroad makes this a cross-border transfer (ch. 8)
      throw EngineRefusal.invalid("recipientForeign",
          "接收方在境外，属于数据出境，请使用“数据出境”流程 cross-border-transfer (recipient abroad: use the cross-border process)");
    }
    return request;
  }

  /**
   * The fields every approved operation has, checked, whatever process carries them; the permit is bound to their
   * hash. {@link #from} adds the rules of the pre-approval process.
   */
  public static DataOperationRequest asSubmitted(Map<String, Object> variables, Instant now, Duration maxValidity) {
    SubmittedFields f = new SubmittedFields(variables);
    OperationType type = f.oneOf("operationType", OperationType.class);
    DataLevel level = f.oneOf("dataLevel", DataLevel.class);
    String category = f.text("dataCategory", SubmittedFields.SHORT_TEXT);
    String description = f.text("dataDescription", SubmittedFields.LONG_TEXT);
    long records = f.count("recordCount", 1);
    double volume = f.amount("volumeGb", 0);
    String subject = f.text("processingSubject", SubmittedFields.SHORT_TEXT);
    String method = f.text("processingMethod", SubmittedFields.LONG_TEXT);
    String purpose = f.text("purpose", SubmittedFields.LONG_TEXT);
    String scope = f.text("scope", SubmittedFields.LONG_TEXT);
    Instant from = f.instant("validFrom", false);
    Instant until = f.instant("validUntil", true);
    if (!until.isAfter(from)) {
      throw EngineRefusal.invalid("validUntil", "有效期止必须晚于有效期起 (must be after validFrom)");
    }
    if (!until.isAfter(now)) {
      throw EngineRefusal.invalid("validUntil", "有效期止已过 (lies in the past)");
    }
    if (Duration.between(from, until).compareTo(maxValidity) > 0) {
      throw EngineRefusal.invalid("validUntil",
          "单次授权有效期不得超过 " + maxValidity.toDays() + " 天 (single authorisation is limited to " + maxValidity.toDays() + " days)");
    }
    String recipient = type.hasRecipient()
        ? f.text("recipientName", SubmittedFields.SHORT_TEXT)
        : f.optionalText("recipientName", SubmittedFields.SHORT_TEXT);
    boolean foreign = f.flag("recipientForeign");
    return new DataOperationRequest(type, level, category, description, records, volume, subject, method, purpose, scope,
        from, until, recipient, foreign);
  }

  /** SM3 over the canonical content: what every approver approved, and what the permit is bound to. */
  public String contentHash() {
    return Sm3.hex(CanonicalJson.of(content()));
  }

  public Map<String, Object> content() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("operationType", operationType.name());
    c.put("dataLevel", dataLevel.name());
    c.put("dataCategory", dataCategory);
    c.put("dataDescription", dataDescription);
    c.put("recordCount", recordCount);
    c.put("volumeGb", volumeGb);
    c.put("processingSubject", processingSubject);
    c.put("processingMethod", processingMethod);
    c.put("purpose", purpose);
    c.put("scope", scope);
    c.put("validFrom", validFrom.toString());
    c.put("validUntil", validUntil.toString());
    c.put("recipientName", recipientName);
    c.put("recipientForeign", recipientForeign);
    return c;
  }

  /** One line for mail subjects and task names. */
  public String summary() {
    return operationType.chineseName() + " · " + dataLevel.chineseName() + " · " + dataCategory + " · " + recordCount + " 条";
  }
}
