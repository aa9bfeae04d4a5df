package cn.dsflow.form;

import cn.dsflow.system.EngineRefusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only the fields of the bound form get in, typed as the form says (issue 12 B), read from the real forms/. */
class DeclaredInputTest {

  static final ObjectMapper JSON = new ObjectMapper();
  final DeclaredInput input = new DeclaredInput(new FormContract(JSON));

  static ObjectNode variables(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  ObjectNode accept(String formId, String json, Map<String, Object> stored) throws Exception {
    return input.accept(formId, variables(json), stored::get);
  }

  @Test
  void anApprovalCarriesItsDecisionAndComment() throws Exception {
    ObjectNode accepted = accept("approval-decision",
        "{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"同意\",\"type\":\"String\"}}", Map.of());
    assertThat(accepted.fieldNames()).toIterable().containsExactly("decision", "comment");
  }

  /** PostgreSQL cannot store U+0000: a comment holding one is the approver's bad input (400), not a 500 later. */
  @Test
  void aCommentWithANulCharacterIsRefusedByName() {
    assertThatThrownBy(() -> accept("approval-decision",
        "{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"a\\u0000b\",\"type\":\"String\"}}", Map.of()))
        .isInstanceOfSatisfying(EngineRefusal.class, r -> {
          assertThat(r.code()).isEqualTo("invalid_input");
          assertThat(r.reason()).startsWith("comment:");
        });
  }

  @Test
  void anApproverListSmuggledIntoAnyFormIsRefusedByName() {
    assertThatThrownBy(() -> accept("necessity-assessment",
        "{\"assessNecessity_passed\":{\"value\":\"true\"},\"approverGroups\":{\"value\":\"[\\\"deptHead\\\"]\",\"type\":\"Json\"}}",
        Map.of()))
        .isInstanceOfSatisfying(EngineRefusal.class, r -> {
          assertThat(r.status()).isEqualTo(400);
          assertThat(r.code()).isEqualTo("undeclared_variable");
          assertThat(r.reason()).startsWith("approverGroups:");
        });
  }

  @Test
  void whereThereIsNoFormNoVariableGetsIn() throws Exception {
    assertThat(accept(null, "{}", Map.of()).size()).isZero();
    assertThatThrownBy(() -> accept(null, "{\"anything\":{\"value\":1}}", Map.of()))
        .isInstanceOfSatisfying(EngineRefusal.class, r -> assertThat(r.code()).isEqualTo("undeclared_variable"));
  }

  @Test
  void aReadOnlyFieldTasklistSendsBackUnchangedIsAcceptedButNeverWritten() throws Exception {
    ObjectNode accepted = accept("approval-decision",
        "{\"requester\":{\"value\":\"zhangsan\"},\"recordCount\":{\"value\":5000},\"volumeGb\":{\"value\":1.5},"
            + "\"recipientName\":{\"value\":\"\"},\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"可\"}}",
        Map.of("requester", "zhangsan", "recordCount", 5000L, "volumeGb", 1.5));
    assertThat(accepted.fieldNames()).toIterable().containsExactly("decision", "comment");
  }

  @Test
  void aReadOnlyFieldWithAnotherValueIsRefused() {
    assertThatThrownBy(() -> accept("approval-decision",
        "{\"requester\":{\"value\":\"lisi\"},\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"可\"}}",
        Map.of("requester", "zhangsan")))
        .isInstanceOfSatisfying(EngineRefusal.class, r -> assertThat(r.reason()).startsWith("requester:").contains("只读"));
    assertThatThrownBy(() -> accept("operation-result", "{\"recordCount\":{\"value\":5001}}", Map.of("recordCount", 5000L)))
        .isInstanceOfSatisfying(EngineRefusal.class, r -> assertThat(r.reason()).startsWith("recordCount:"));
    // on a start nothing is shown yet, so a read-only field must come empty
    assertThatThrownBy(() -> accept("operation-result", "{\"permitId\":{\"value\":\"PMT-x\"}}", Map.of()))
        .isInstanceOf(EngineRefusal.class);
  }

  @Test
  void valuesAreTypedAsTheFormSays() {
    assertThatThrownBy(() -> accept("data-operation-request", "{\"recordCount\":{\"value\":\"5000\"}}", Map.of()))
        .isInstanceOfSatisfying(EngineRefusal.class, r -> assertThat(r.reason()).startsWith("recordCount:"));
    assertThatThrownBy(() -> accept("data-operation-request", "{\"dataCategory\":{\"value\":42}}", Map.of()))
        .isInstanceOfSatisfying(EngineRefusal.class, r -> assertThat(r.reason()).startsWith("dataCategory:"));
    assertThatThrownBy(() -> accept("data-operation-request", "{\"recipientForeign\":{\"value\":\"yes\"}}", Map.of()))
        .isInstanceOf(EngineRefusal.class);
    assertThatThrownBy(() -> accept("data-operation-request", "{\"purpose\":{\"value\":{\"nested\":1}}}", Map.of()))
        .isInstanceOf(EngineRefusal.class);
  }

  @Test
  void objectBytesFileAndSerializedJavaAreRefusedEvenForADeclaredField() {
    for (String variable : new String[] {
        "{\"type\":\"Object\",\"value\":\"rO0AB\",\"valueInfo\":{\"objectTypeName\":\"java.util.HashMap\","
            + "\"serializationDataFormat\":\"application/x-java-serialized-object\"}}",
        "{\"type\":\"Object\",\"value\":\"{}\",\"valueInfo\":{\"objectTypeName\":\"com.evil.Gadget\","
            + "\"serializationDataFormat\":\"application/json\"}}",
        "{\"type\":\"Bytes\",\"value\":\"AAAA\"}",
        "{\"type\":\"File\",\"value\":\"AAAA\",\"valueInfo\":{\"filename\":\"a.txt\"}}",
        "{\"type\":\"Xml\",\"value\":\"<a/>\"}"}) {
      assertThatThrownBy(() -> accept("data-operation-request", "{\"purpose\":" + variable + "}", Map.of()))
          .as(variable).isInstanceOf(EngineRefusal.class);
    }
  }

  @Test
  void aRepeatingListComesAsJsonTheWayTasklistSendsIt() throws Exception {
    assertThat(accept("first-response",
        "{\"evidenceItems\":{\"type\":\"Json\",\"value\":\"[{\\\"description\\\":\\\"日志\\\"}]\"}}", Map.of()).has("evidenceItems"))
        .isTrue();
    assertThat(accept("first-response", "{\"evidenceItems\":{\"type\":\"Object\",\"value\":\"[]\",\"valueInfo\":"
        + "{\"objectTypeName\":\"java.util.ArrayList\",\"serializationDataFormat\":\"application/json\"}}}", Map.of())
        .has("evidenceItems")).isTrue();
    assertThatThrownBy(() -> accept("first-response", "{\"containmentMeasures\":{\"type\":\"Json\",\"value\":\"[]\"}}", Map.of()))
        .isInstanceOf(EngineRefusal.class);
  }
}
