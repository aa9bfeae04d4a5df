package cn.dsflow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Camunda's clock stands at this instant when each test starts, before its {@code @BeforeEach} methods, and is put back
 * as it was when the test ends: {@code @EngineClockAt("2026-11-23T10:00:00+08:00")}. On a test method it wins over the
 * class's. A test may still move the clock; it is put back all the same. Deadlines are asserted against this clock,
 * never against the wall clock, so a test means the same on any day it runs.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(EngineClock.class)
public @interface EngineClockAt {

  /** An ISO-8601 instant with its offset, as people read it: {@code 2026-11-23T10:00:00+08:00}. */
  String value();
}
