package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.junit.jupiter.api.Test;

/**
 * The refusal channel without the engine: a refusal leaves a command as itself, not wrapped; it is handed to the HTTP
 * request being served; and only then is Camunda's REST warning dropped — a real fault keeps its warning.
 */
class RefusalChannelTest {

  static final EngineRefusal FORBIDDEN = EngineRefusal.forbidden("separation_of_duties", "职责分离：申请人不得审批自己的申请");
  static final Command<Object> ANY = commandContext -> null;

  static CommandInterceptor failing(RuntimeException e) {
    return new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        throw e;
      }
    };
  }

  @Test
  void aRefusalWrappedByTheExpressionLanguageLeavesTheCommandAsItself() {
    RefusalChannel.Unwrap unwrap = new RefusalChannel.Unwrap();
    unwrap.setNext(failing(new ProcessEngineException(new RuntimeException(FORBIDDEN))));
    assertThatThrownBy(() -> unwrap.execute(ANY)).isSameAs(FORBIDDEN);
  }

  @Test
  void aRealFaultIsLeftAsItIs() {
    ProcessEngineException fault = new ProcessEngineException("connection refused");
    RefusalChannel.Unwrap unwrap = new RefusalChannel.Unwrap();
    unwrap.setNext(failing(fault));
    assertThatThrownBy(() -> unwrap.execute(ANY)).isSameAs(fault);
  }

  @Test
  void aRefusalCarriesItsStatusAsACamundaCustomErrorCode() {
    assertThat(FORBIDDEN.getCode()).isEqualTo(20_403);
    assertThat(EngineRefusal.invalid("recordCount", "必填").getCode()).isEqualTo(20_400);
    assertThat(FORBIDDEN.getMessage()).isEqualTo(FORBIDDEN.reason());
    assertThatThrownBy(() -> new EngineRefusal(500, "x", "a fault is not a refusal")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOutermostCommandHandsItsRefusalToTheRequestBeingServed() {
    RefusalChannel.Announce announce = new RefusalChannel.Announce();
    announce.setNext(failing(FORBIDDEN));
    try (RefusalChannel.Slot slot = RefusalChannel.open()) {
      assertThatThrownBy(() -> announce.execute(ANY)).isSameAs(FORBIDDEN);
      assertThat(slot.refusal()).isSameAs(FORBIDDEN);
      assertThat(RefusalChannel.servingRefusal()).isTrue();
    }
    assertThat(RefusalChannel.servingRefusal()).isFalse();
  }

  @Test
  void camundasRestWarningIsDroppedOnlyForARequestThatWasRefused() {
    Logger rest = new LoggerContext().getLogger(RefusalChannel.QuietRestLog.REST_EXCEPTION_LOGGER);
    Logger other = new LoggerContext().getLogger("org.camunda.bpm.engine.context");
    RefusalChannel.QuietRestLog filter = new RefusalChannel.QuietRestLog();
    assertThat(filter.decide(null, rest, Level.WARN, "ENGINE-REST-HTTP500 {}", null, null)).isEqualTo(FilterReply.NEUTRAL);
    try (RefusalChannel.Slot slot = RefusalChannel.open()) {
      assertThat(filter.decide(null, rest, Level.WARN, "ENGINE-REST-HTTP500 {}", null, null)).isEqualTo(FilterReply.NEUTRAL);
      slot.hold(FORBIDDEN);
      assertThat(filter.decide(null, rest, Level.WARN, "ENGINE-REST-HTTP500 {}", null, null)).isEqualTo(FilterReply.DENY);
      assertThat(filter.decide(null, rest, Level.ERROR, "ENGINE-REST-HTTP500 {}", null, null)).isEqualTo(FilterReply.NEUTRAL);
      assertThat(filter.decide(null, other, Level.ERROR, "ENGINE-16004 {}", null, null)).isEqualTo(FilterReply.NEUTRAL);
    }
    assertThat(filter.decide(null, rest, Level.WARN, "ENGINE-REST-HTTP500 {}", null, null)).isEqualTo(FilterReply.NEUTRAL);
  }
}
