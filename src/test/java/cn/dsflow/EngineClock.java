package cn.dsflow;

import java.lang.reflect.Field;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.joda.time.DateTimeUtils;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Sets Camunda's clock for each test and puts back afterwards whatever clock was there, so no test leaks a moved clock
 * into the next one (every integration test shares one engine). Registered by {@link EngineClockAt} and by
 * {@link DsflowIntegrationTest}; without an {@code @EngineClockAt} it only puts the clock back.
 */
public class EngineClock implements BeforeEachCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace SAVED = ExtensionContext.Namespace.create(EngineClock.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(SAVED).put(context.getUniqueId(), currentProvider());
    at(context).ifPresent(ClockUtil::setCurrentTime);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Object saved = context.getStore(SAVED).remove(context.getUniqueId());
    if (saved != null) {
      DateTimeUtils.setCurrentMillisProvider((DateTimeUtils.MillisProvider) saved);
    }
  }

  /** The instant the test method's annotation names, else its class's (or an enclosing class's). */
  static Optional<Date> at(ExtensionContext context) {
    Optional<EngineClockAt> onMethod = context.getTestMethod()
        .flatMap(m -> AnnotationSupport.findAnnotation(m, EngineClockAt.class));
    Optional<EngineClockAt> found = onMethod.isPresent() ? onMethod : onClass(context);
    return found.map(a -> Date.from(OffsetDateTime.parse(a.value()).toInstant()));
  }

  private static Optional<EngineClockAt> onClass(ExtensionContext context) {
    for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
      Optional<EngineClockAt> a = c.get().getTestClass().flatMap(k -> AnnotationSupport.findAnnotation(k, EngineClockAt.class));
      if (a.isPresent()) {
        return a;
      }
    }
    return Optional.empty();
  }

  /**
   * ClockUtil keeps its time in Joda's DateTimeUtils and offers no getter: reading the provider is the only way to put
   * back a fixed clock, an offset clock and the system clock alike. EngineClockTest fails if Camunda stops using Joda.
   */
  static DateTimeUtils.MillisProvider currentProvider() {
    try {
      Field f = DateTimeUtils.class.getDeclaredField("cMillisProvider");
      f.setAccessible(true);
      return (DateTimeUtils.MillisProvider) f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read Camunda's clock to restore it", e);
    }
  }
}
