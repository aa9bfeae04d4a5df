package cn.dsflow.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.system.EngineRefusal;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules the deployed .form files declare, enforced on the server and read from the files themselves (no Spring,
 * no engine): one source for the browser and the server, and a refusal a person can read — the field is named as
 * their form shows it.
 */
class FormContractTest {

  private final FormContract forms = new FormContract(new ObjectMapper());

  private static Map<String, Object> request() {
    return ApprovalFixture.request("BULK_EXPORT", "GENERAL");
  }

  private static EngineRefusal refusal(Runnable check) {
    try {
      check.run();
    } catch (EngineRefusal r) {
      return r;
    }
    throw new AssertionError("not refused");
  }

  @Test
  void aMissingRequiredFieldIsNamedByItsFormLabelNotItsVariableKey() {
    Map<String, Object> v = request();
    v.remove("validUntil");
    EngineRefusal r = refusal(() -> forms.check("data-operation-request", v));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.answer().get("message").toString()).startsWith("「时效：截止日期」").contains("必填").doesNotContain("validUntil");
    assertThat(r.answer()).containsEntry("error", "invalid_input").containsEntry("field", "validUntil");
    // logs, the audit chain and code keep the key
    assertThat(r.reason()).startsWith("validUntil:");
  }

  @Test
  void oneKeyIsNamedAsEachFormShowsIt() {
    EngineRefusal bare = EngineRefusal.invalid("validUntil", "必填 (required)");
    assertThat(forms.labelled("data-operation-request", bare).getMessage()).startsWith("「时效：截止日期」");
    assertThat(forms.labelled("destruction-request", bare).getMessage()).startsWith("「计划执行期间：截止日期」");
    assertThat(forms.labelled("approval-decision", bare).getMessage()).startsWith("「时效止」");
  }

  @Test
  void aFieldTheFormDoesNotShowKeepsItsKey() {
    EngineRefusal bare = EngineRefusal.invalid("executorsInternal", "x");
    assertThat(forms.labelled("data-operation-request", bare).getMessage()).isEqualTo("executorsInternal: x");
    EngineRefusal notAField = EngineRefusal.forbidden("not_requester", "只有申请人可以");
    assertThat(forms.labelled("data-operation-request", notAField)).isSameAs(notAField);
  }

  @Test
  void theFormsMaximumLengthHoldsOnTheServer_200Accepted_201Refused() {
    Map<String, Object> v = request();
    v.put("dataCategory", "数".repeat(200));
    assertThatCode(() -> forms.check("data-operation-request", v)).doesNotThrowAnyException();
    v.put("dataCategory", "数".repeat(201));
    EngineRefusal r = refusal(() -> forms.check("data-operation-request", v));
    assertThat(r.field()).isEqualTo("dataCategory");
    assertThat(r.getMessage()).contains("超过 200 个字符").doesNotContain("dataCategory");
  }

  @Test
  void theFormsMinimumHoldsOnTheServer_oneRecordAccepted_zeroRefused() {
    Map<String, Object> v = request();
    v.put("recordCount", 1L);
    assertThatCode(() -> forms.check("data-operation-request", v)).doesNotThrowAnyException();
    v.put("recordCount", 0L);
    assertThat(refusal(() -> forms.check("data-operation-request", v)).field()).isEqualTo("recordCount");
  }

  @Test
  void anOptionTheFormDoesNotOfferIsRefused() {
    Map<String, Object> v = request();
    v.put("dataLevel", "SECRET");
    assertThatThrownBy(() -> forms.check("data-operation-request", v))
        .isInstanceOfSatisfying(EngineRefusal.class, r -> assertThat(r.field()).isEqualTo("dataLevel"));
  }
}
