package cn.dsflow.ledgerview;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.form.FormContract;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The ledger's readable cells without Spring: particulars and approvers as a person reads them in Excel or WPS. */
class LedgerRowsTest {

  final LedgerRows rows = new LedgerRows(new FormContract(new ObjectMapper()), null, null);
  final Function<String, String> names = Map.of("wangwu", "王五", "sunqi", "孙七")::get;

  @Test
  void crossBorderParticularsShowTheFormsLabelsAndOptionTextsAndBeijingTimes() {
    String shown = rows.particulars("{\"crossBorderRoute\":\"SECURITY_ASSESSMENT\",\"recipientCountry\":\"德国\","
        + "\"cacResultDate\":\"2026-11-30T16:00:00Z\"}");

    assertThat(shown).startsWith("出境路径：数据出境安全评估；接收方所在国家或地区：德国；")
        .endsWith("结果出具（通知）日期：2026-12-01") // a date field: 16:00 UTC is the start of the next Beijing day
        .doesNotContain("SECURITY_ASSESSMENT", "crossBorderRoute", "Z");
  }

  @Test
  void aTimeInParticularsIsShownToTheMinuteInBeijingTime() {
    assertThat(rows.particulars("{\"destroyedAt\":\"2026-12-01T02:02:30Z\"}")).isEqualTo("销毁时间：2026-12-01 10:02");
  }

  @Test
  void destructionParticularsUseTheLabelsOfTheFieldsTheyCameFrom() {
    String shown = rows.particulars("{\"method\":\"OVERWRITE\",\"medium\":\"MAGNETIC_DISK\"}");

    assertThat(shown).contains("销毁方式：覆写", "存储介质：磁介质").doesNotContain("OVERWRITE", "MAGNETIC_DISK");
  }

  @Test
  void approversReadAsNameDutyAndBeijingMinute_anUnknownGroupStaysVisible() {
    String shown = rows.approvers("[{\"user\":\"wangwu\",\"group\":\"deptHead\",\"at\":\"2026-12-01T02:02:30Z\"},"
        + "{\"user\":\"sunqi\",\"group\":\"someGroup\",\"at\":\"2026-12-01T02:05:00Z\"}]", names);

    assertThat(shown).isEqualTo("王五（数据所属部门负责人）2026-12-01 10:02；孙七（someGroup）2026-12-01 10:05");
  }

  @Test
  void textThatIsNotJsonIsShownAsStoredRatherThanDropped() {
    assertThat(rows.particulars("备注：纸质记录")).isEqualTo("备注：纸质记录");
    assertThat(rows.approvers("wangwu", names)).isEqualTo("wangwu");
  }
}
