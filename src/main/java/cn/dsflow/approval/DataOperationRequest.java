package cn.dsflow.approval;

import cn.dsflow.process.RequestVariables;
import cn.dsflow.ledger.CanonicalJson;
import cn.dsflow.ledger.Sm3;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import cn.dsflow.process.RecordVariables;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
  public static final Set<String> CONTENT_FIELDS = Arrays.stream(DataOperationRequest.class.getRecordComponents())
      .map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet());

  /** Reads and checks the submitted variables; refuses with the first field at fault. */
  /** A request of {@code data-operation-approval}: transfers abroad and destruction have their own processes. */
  public static DataOperationRequest from(Map<String, Object> variables, Instant now, Duration maxValidity) {
    DataOperationRequest request = asSubmitted(variables, now, maxValidity);
    if (request.operationType == OperationType.CROSS_BORDER) {
      throw EngineRefusal.invalid(RequestVariables.OPERATION_TYPE.name(),
          "数据出境请使用“数据出境”流程 cross-border-transfer (use the cross-border process)");
    }
    if (request.operationType == OperationType.DESTRUCTION) {
      throw EngineRefusal.invalid(RequestVariables.OPERATION_TYPE.name(),
          "数据销毁请使用“数据销毁”流程 data-destruction (use the destruction process)");
    }
    if (request.recipientForeign && request.recipientName != null) {
      // 000 §3.7.1(2): a recipient abroad makes this a cross-border transfer (ch. 8)
      throw EngineRefusal.invalid(RequestVariables.RECIPIENT_FOREIGN.name(),
          "接收方在境外，属于数据出境，请使用“数据出境”流程 cross-border-transfer (recipient abroad: use the cross-border process)");
    }
    return request;
  }

  /**
   * The fields every approved operation has, checked, whatever process carries them; the permit is bound to their
   * hash. {@link #from} adds the rules of the pre-approval process.
   */
  // Text lengths are the start form's (data-operation-request, cross-border-request, destruction-request declare the
  // same limits for these fields) and Intake checks them; what a form cannot say (time order, 000 §3.4.2(2)'s single
  // authorisation limit, the recipient a type needs) stays here.
  public static DataOperationRequest asSubmitted(Map<String, Object> variables, Instant now, Duration maxValidity) {
    SubmittedFields f = new SubmittedFields(variables);
    OperationType type = f.oneOf(RequestVariables.OPERATION_TYPE, OperationType.class);
    DataLevel level = f.oneOf(RequestVariables.DATA_LEVEL, DataLevel.class);
    String category = f.text(RequestVariables.DATA_CATEGORY);
    String description = f.text(RequestVariables.DATA_DESCRIPTION);
    long records = f.count(RequestVariables.RECORD_COUNT, 1);
    double volume = f.amount(RequestVariables.VOLUME_GB, 0);
    String subject = f.text(RequestVariables.PROCESSING_SUBJECT);
    String method = f.text(RequestVariables.PROCESSING_METHOD);
    String purpose = f.text(RequestVariables.PURPOSE);
    String scope = f.text(RequestVariables.SCOPE);
    Instant from = f.instant(RequestVariables.VALID_FROM, false);
    Instant until = f.instant(RequestVariables.VALID_UNTIL, true);
    if (!until.isAfter(from)) {
      throw EngineRefusal.invalid(RequestVariables.VALID_UNTIL.name(), "有效期止必须晚于有效期起 (must be after validFrom)");
    }
    if (!until.isAfter(now)) {
      throw EngineRefusal.invalid(RequestVariables.VALID_UNTIL.name(), "有效期止已过 (lies in the past)");
    }
    if (Duration.between(from, until).compareTo(maxValidity) > 0) {
      throw EngineRefusal.invalid(RequestVariables.VALID_UNTIL.name(),
          "单次授权有效期不得超过 " + maxValidity.toDays() + " 天 (single authorisation is limited to " + maxValidity.toDays() + " days)");
    }
    String recipient = type.hasRecipient()
        ? f.text(RequestVariables.RECIPIENT_NAME)
        : f.optionalText(RequestVariables.RECIPIENT_NAME);
    boolean foreign = f.flag(RequestVariables.RECIPIENT_FOREIGN);
    return new DataOperationRequest(type, level, category, description, records, volume, subject, method, purpose, scope,
        from, until, recipient, foreign);
  }

  /** SM3 over the canonical content: what every approver approved, and what the permit is bound to. */
  public String contentHash() {
    return Sm3.hex(CanonicalJson.of(content()));
  }

  /** The approved content as it is hashed, registered and audited: times as ISO-8601 text. */
  public Map<String, Object> content() {
    return RecordVariables.of(this, RecordVariables.Times.TEXT);
  }

  /** One line for mail subjects and task names. */
  public String summary() {
    return operationType.chineseName() + " · " + dataLevel.chineseName() + " · " + dataCategory + " · " + recordCount + " 条";
  }
}
