package cn.dsflow.process;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one writer from a checked record to the variables (or audit detail) it stands for: each component becomes the
 * entry of its own name, in declaration order, so the record is the single place that names and types those values
 * and a renamed component cannot leave a stale key behind in a hand-written map. Values are stored the way Camunda's
 * expressions, DMN tables and the canonical content hash read them: an enum as its name, a time as the caller says.
 * A component that is itself a record (a group of facts read together, such as an incident's grading inputs) is
 * written in place, its entries beside the others, as the flat variables a process and its tables read.
 */
public final class RecordVariables {

  /** How a time is written: as a {@link Date} the engine's timers and forms compare, or as ISO-8601 text to hash. */
  public enum Times { DATE, TEXT }

  private RecordVariables() {}

  public static Map<String, Object> of(Record record, Times times) {
    Map<String, Object> values = new LinkedHashMap<>();
    write(record, times, values);
    return values;
  }

  private static void write(Record record, Times times, Map<String, Object> values) {
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      Object value = read(record, component);
      if (value instanceof Record group) {
        write(group, times, values);
      } else {
        values.put(component.getName(), stored(value, times));
      }
    }
  }

  private static Object stored(Object value, Times times) {
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Instant instant) {
      return times == Times.DATE ? Date.from(instant) : instant.toString();
    }
    return value;
  }

  private static Object read(Record record, RecordComponent component) {
    try {
      var accessor = component.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass().getName(), e);
    }
  }
}
