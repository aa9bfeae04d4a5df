package cn.dsflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.reflect.Method;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The clock fixture leaves the engine's clock as it found it, whatever the test did to it. */
class EngineClockTest {

  @EngineClockAt("2026-12-01T10:00:00+08:00")
  static class OnClass {
    void plain() {}

    @EngineClockAt("2027-02-18T00:00:01+08:00")
    void ownInstant() {}
  }

  static class Unannotated {
    void plain() {}
  }

  private final EngineClock clock = new EngineClock();

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void theClassInstantHoldsDuringTheTestAndTheSystemClockComesBackAfter() throws Exception {
    ExtensionContext test = context(OnClass.class, "plain");
    clock.beforeEach(test);
    assertThat(ClockUtil.getCurrentTime()).isEqualTo(EngineTestSupport.at("2026-12-01T10:00:00+08:00"));
    ClockUtil.setCurrentTime(EngineTestSupport.at("2030-01-01T00:00:00+08:00")); // the test moves it on
    clock.afterEach(test);
    assertThat(Math.abs(ClockUtil.getCurrentTime().getTime() - System.currentTimeMillis())).isLessThan(5_000);
  }

  @Test
  void aMethodInstantWinsOverTheClassInstant() throws Exception {
    ExtensionContext test = context(OnClass.class, "ownInstant");
    clock.beforeEach(test);
    assertThat(ClockUtil.getCurrentTime()).isEqualTo(EngineTestSupport.at("2027-02-18T00:00:01+08:00"));
    clock.afterEach(test);
  }

  @Test
  void aClockThatWasAlreadyFixedIsPutBackAtItsOwnInstant() throws Exception {
    Date before = EngineTestSupport.at("2026-11-23T10:00:00+08:00");
    ClockUtil.setCurrentTime(before);
    ExtensionContext test = context(OnClass.class, "plain");
    clock.beforeEach(test);
    clock.afterEach(test);
    assertThat(ClockUtil.getCurrentTime()).isEqualTo(before);
  }

  @Test
  void withoutAnInstantTheClockIsLeftAloneButStillPutBack() throws Exception {
    Date before = EngineTestSupport.at("2026-11-23T10:00:00+08:00");
    ClockUtil.setCurrentTime(before);
    ExtensionContext test = context(Unannotated.class, "plain");
    clock.beforeEach(test);
    assertThat(ClockUtil.getCurrentTime()).isEqualTo(before);
    ClockUtil.setCurrentTime(EngineTestSupport.at("2030-01-01T00:00:00+08:00"));
    clock.afterEach(test);
    assertThat(ClockUtil.getCurrentTime()).isEqualTo(before);
  }

  private static ExtensionContext context(Class<?> testClass, String method) throws NoSuchMethodException {
    Method m = testClass.getDeclaredMethod(method);
    Map<Object, Object> values = new HashMap<>();
    ExtensionContext.Store store = mock(ExtensionContext.Store.class);
    when(store.remove(any())).thenAnswer(i -> values.remove(i.getArgument(0)));
    org.mockito.Mockito.doAnswer(i -> values.put(i.getArgument(0), i.getArgument(1))).when(store).put(any(), any());
    ExtensionContext context = mock(ExtensionContext.class);
    when(context.getStore(any())).thenReturn(store);
    when(context.getUniqueId()).thenReturn(testClass.getName() + "#" + method);
    when(context.getTestMethod()).thenReturn(Optional.of(m));
    when(context.getTestClass()).thenReturn(Optional.of(testClass));
    when(context.getParent()).thenReturn(Optional.empty());
    return context;
  }
}
