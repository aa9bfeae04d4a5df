package cn.dsflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import cn.dsflow.process.RecordVariables;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The content every approver approves and the permit is bound to (000 §3.4.2(2)): written from the request by the one
 * record writer, it must stay exactly these fields, in these forms, or a permit's hash would no longer match what was
 * approved.
 */
class ApprovedContentTest {

  private static final Instant FROM = Instant.parse("2026-11-24T01:00:00Z");
  private static final Instant UNTIL = Instant.parse("2026-12-24T01:00:00Z");

  private static DataOperationRequest request() {
    return new DataOperationRequest(OperationType.PROVISION, DataLevel.IMPORTANT, "用户数据", "手机号、地址", 1200, 0.5,
        "本公司", "加密传输", "合同履行", "华北地区用户", FROM, UNTIL, "某合作方", false);
  }

  @Test
  void theApprovedContentIsTheFourteenRequestFieldsWithEnumsAsNamesAndTimesAsText() {
    Map<String, Object> content = request().content();

    assertThat(content).containsExactly(
        entry("operationType", "PROVISION"), entry("dataLevel", "IMPORTANT"), entry("dataCategory", "用户数据"),
        entry("dataDescription", "手机号、地址"), entry("recordCount", 1200L), entry("volumeGb", 0.5),
        entry("processingSubject", "本公司"), entry("processingMethod", "加密传输"), entry("purpose", "合同履行"),
        entry("scope", "华北地区用户"), entry("validFrom", "2026-11-24T01:00:00Z"),
        entry("validUntil", "2026-12-24T01:00:00Z"), entry("recipientName", "某合作方"), entry("recipientForeign", false));
    assertThat(DataOperationRequest.CONTENT_FIELDS).containsExactlyInAnyOrderElementsOf(content.keySet());
  }

  @Test
  void aChangeToAnyApprovedFieldChangesTheHashThePermitIsBoundTo() {
    DataOperationRequest approved = request();
    DataOperationRequest moreRecords = new DataOperationRequest(OperationType.PROVISION, DataLevel.IMPORTANT, "用户数据",
        "手机号、地址", 1201, 0.5, "本公司", "加密传输", "合同履行", "华北地区用户", FROM, UNTIL, "某合作方", false);

    assertThat(approved.contentHash()).isEqualTo(request().contentHash()).isNotEqualTo(moreRecords.contentHash());
  }

  private record Group(long inner, DataLevel level) {}

  private record Sample(OperationType type, Instant at, Group group, List<String> items, String absent) {}

  @Test
  void theWriterKeepsDeclarationOrder_writesAGroupInPlace_andTimesAsTheCallerAsks() {
    Sample sample = new Sample(OperationType.TRANSFER, FROM, new Group(7, DataLevel.CORE), List.of("a"), null);

    Map<String, Object> asDates = RecordVariables.of(sample, RecordVariables.Times.DATE);
    Map<String, Object> asText = RecordVariables.of(sample, RecordVariables.Times.TEXT);

    assertThat(asDates.keySet()).containsExactly("type", "at", "inner", "level", "items", "absent");
    assertThat(asDates).containsEntry("inner", 7L).containsEntry("level", "CORE");
    assertThat(asDates).containsEntry("type", "TRANSFER").containsEntry("at", Date.from(FROM))
        .containsEntry("items", List.of("a")).containsEntry("absent", null);
    assertThat(asText).containsEntry("at", "2026-11-24T01:00:00Z");
  }
}
