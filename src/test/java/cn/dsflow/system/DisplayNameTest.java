package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayNameTest {

  @Test
  void pathPartsAreDroppedSoANameCannotPointElsewhere() {
    assertThat(DisplayName.sanitise("../../../etc/passwd", "evidence")).isEqualTo("passwd");
    assertThat(DisplayName.sanitise("C:\\logs\\..\\access.log", "evidence")).isEqualTo("access.log");
  }

  @Test
  void bidiOverridesAndControlCharactersAreRemovedSoTheNameReadsAsItIs() {
    assertThat(DisplayName.sanitise("invoice\u202Egpj.exe", "evidence")).isEqualTo("invoicegpj.exe");
    assertThat(DisplayName.sanitise("a\u0000b\r\nc\u2066d\u200Fe", "evidence")).isEqualTo("abcde");
  }

  @Test
  void aNameWithNothingReadableLeftFallsBack() {
    assertThat(DisplayName.sanitise("../", "evidence")).isEqualTo("evidence");
    assertThat(DisplayName.sanitise("\u202E", "evidence")).isEqualTo("evidence");
    assertThat(DisplayName.sanitise("..", "evidence")).isEqualTo("evidence");
    assertThat(DisplayName.sanitise(null, "evidence")).isEqualTo("evidence");
  }

  @Test
  void chineseNamesAreKeptAndLongNamesCut() {
    assertThat(DisplayName.sanitise("访问日志 2026-11-23.log", "evidence")).isEqualTo("访问日志 2026-11-23.log");
    assertThat(DisplayName.sanitise("x".repeat(DisplayName.MAX_LENGTH + 1), "e")).hasSize(DisplayName.MAX_LENGTH);
    assertThat(DisplayName.sanitise("x".repeat(DisplayName.MAX_LENGTH), "e")).hasSize(DisplayName.MAX_LENGTH);
  }
}
