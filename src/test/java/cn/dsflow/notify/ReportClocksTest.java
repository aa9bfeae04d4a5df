package cn.dsflow.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportClocksTest {

  static final Instant DISCOVERED = Instant.parse("2026-11-24T02:00:00Z");
  static final Instant DUE = DISCOVERED.plusSeconds(4 * 3600); // a 4-hour report clock

  @Test
  void theHalfwayAlertComesAtExactlyHalfTheReportTime() {
    assertThat(ReportClocks.mark(DISCOVERED, DUE, DISCOVERED.plusSeconds(2 * 3600 - 1))).isZero();
    assertThat(ReportClocks.mark(DISCOVERED, DUE, DISCOVERED.plusSeconds(2 * 3600))).isEqualTo(50);
  }

  @Test
  void theNinetyPercentAlertComesAtExactlyNinetyPercent() {
    assertThat(ReportClocks.mark(DISCOVERED, DUE, DISCOVERED.plusSeconds(216 * 60 - 1))).isEqualTo(50);
    assertThat(ReportClocks.mark(DISCOVERED, DUE, DISCOVERED.plusSeconds(216 * 60))).isEqualTo(90);
  }

  @Test
  void markdownInRequestTextIsShownNotInterpreted() {
    assertThat(ChatAlerts.plain("[点此审批](http://evil.example) **急** <@all> # 标题"))
        .isEqualTo("［点此审批］(http://evil.example) ＊＊急＊＊ ＜＠all＞ ＃ 标题");
  }
}
