package cn.dsflow.form;

import cn.dsflow.process.Var;
import cn.dsflow.system.EngineRefusal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads what a form or REST client submitted and refuses it field by field, the way the form shows it, because the
 * engine's REST API bypasses every browser-side check. Each refusal names the field (400 via {@link EngineRefusal}).
 *
 * <p>A form field's key is the process variable it becomes on submit, so callers name a field by its {@link Var} from
 * the process's {@code *Variables} class, never by a literal: a renamed form key then fails
 * {@code FormFieldNamesTest} instead of a start or task that no form can complete. The {@code String} readers stay for
 * rules over whatever fields a form declares ({@code ClaimedTimes}).
 */
public final class SubmittedFields {

  public static final int SHORT_TEXT = 200;
  public static final int LONG_TEXT = 4000;
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private final Map<String, Object> values;

  public SubmittedFields(Map<String, Object> values) {
    this.values = values;
  }

  public String text(String field, int maxLength) {
    Object v = values.get(field);
    if (v == null || v.toString().isBlank()) {
      throw EngineRefusal.invalid(field, "必填 (required)");
    }
    if (!(v instanceof String s)) {
      throw EngineRefusal.invalid(field, "应为文本 (must be text)");
    }
    if (s.length() > maxLength) {
      throw EngineRefusal.invalid(field, "超过 " + maxLength + " 个字符 (longer than " + maxLength + " characters)");
    }
    return s.strip();
  }

  /**
   * A required text whose length its form declares: {@link FormContract#check} binds that limit for every start that
   * comes through {@code Intake}, so Java does not state it a second time (and cannot drift from the form).
   */
  public String text(String field) {
    return text(field, Integer.MAX_VALUE);
  }

  /** An optional text whose length its form declares (see {@link #text(String)}); null when blank. */
  public String optionalText(String field) {
    return optionalText(field, Integer.MAX_VALUE);
  }

  public String optionalText(String field, int maxLength) {
    Object v = values.get(field);
    return v == null || v.toString().isBlank() ? null : text(field, maxLength);
  }

  public <E extends Enum<E>> E oneOf(String field, Class<E> type) {
    Object v = values.get(field);
    if (v == null || v.toString().isBlank()) {
      throw EngineRefusal.invalid(field, "必填 (required)");
    }
    try {
      return Enum.valueOf(type, v.toString());
    } catch (IllegalArgumentException e) {
      throw EngineRefusal.invalid(field, "不是允许的值 (must be one of " + Arrays.toString(type.getEnumConstants()) + ")");
    }
  }

  /** A whole number of at least {@code min}: Tasklist sends integers, REST clients may send longs or strings. */
  public long count(String field, long min) {
    Object v = values.get(field);
    if (v == null) {
      throw EngineRefusal.invalid(field, "必填 (required)");
    }
    long n;
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      n = ((Number) v).longValue();
    } else if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
        && Math.abs(num.doubleValue()) < 9.0e15) {
      n = num.longValue();
    } else if (v instanceof String s && s.strip().matches("-?\\d{1,18}")) {
      n = Long.parseLong(s.strip());
    } else {
      throw EngineRefusal.invalid(field, "应为整数 (must be a whole number)");
    }
    if (n < min) {
      throw EngineRefusal.invalid(field, "不能小于 " + min + " (must be at least " + min + ")");
    }
    return n;
  }

  /** {@link #count} where an empty field means zero (a figure not yet known is entered as 0 and corrected later). */
  public long optionalCount(String field) {
    Object v = values.get(field);
    return v == null || v.toString().isBlank() ? 0 : count(field, 0);
  }

  public double optionalAmount(String field) {
    Object v = values.get(field);
    return v == null || v.toString().isBlank() ? 0 : amount(field, 0);
  }

  public double amount(String field, double min) {
    Object v = values.get(field);
    double d;
    if (v instanceof Number num) {
      d = num.doubleValue();
    } else if (v instanceof String s && !s.isBlank()) {
      try {
        d = Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        throw EngineRefusal.invalid(field, "应为数字 (must be a number)");
      }
    } else {
      throw EngineRefusal.invalid(field, "必填 (required)");
    }
    if (Double.isNaN(d) || Double.isInfinite(d) || d < min) {
      throw EngineRefusal.invalid(field, "不能小于 " + min + " (must be at least " + min + ")");
    }
    return d;
  }

  public boolean flag(String field) {
    Object v = values.get(field);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if ("true".equals(v) || "false".equals(v)) {
      return Boolean.parseBoolean((String) v);
    }
    throw EngineRefusal.invalid(field, "应为是/否 (must be true or false)");
  }

  /**
   * {@link #instant} for something that has already happened (a discovery, an end, a signature): not later than
   * {@code now}, with five minutes' grace for clocks that disagree.
   */
  public Instant pastInstant(String field, Instant now) {
    Instant when = instant(field, false);
    if (when.isAfter(now.plusSeconds(300))) {
      throw EngineRefusal.invalid(field, "不能晚于当前时间 (cannot be in the future)");
    }
    return when;
  }

  /**
   * An ISO-8601 instant with an offset ({@code 2026-12-01T10:00+08:00}), or a date ({@code 2026-12-01}) read as the
   * start or the end of that day in Beijing. A date-time without an offset is refused: its zone would be a guess.
   */
  public Instant instant(String field, boolean endOfDayForDates) {
    Object v = values.get(field);
    if (v == null || v.toString().isBlank()) {
      throw EngineRefusal.invalid(field, "必填 (required)");
    }
    if (v instanceof java.util.Date d) {
      return d.toInstant();
    }
    String s = v.toString().strip();
    try {
      if (s.length() == 10) {
        LocalDate day = LocalDate.parse(s);
        return endOfDayForDates
            ? day.atTime(23, 59, 59).atZone(BEIJING).toInstant()
            : day.atStartOfDay(BEIJING).toInstant();
      }
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw EngineRefusal.invalid(field,
          "应为带时区偏移的时间，如 2026-12-01T10:00+08:00，或日期 2026-12-01 (ISO-8601 with offset, or a date)");
    }
  }

  public String text(Var<?> field, int maxLength) {
    return text(field.name(), maxLength);
  }

  public String text(Var<?> field) {
    return text(field.name());
  }

  public String optionalText(Var<?> field) {
    return optionalText(field.name());
  }

  public String optionalText(Var<?> field, int maxLength) {
    return optionalText(field.name(), maxLength);
  }

  public <E extends Enum<E>> E oneOf(Var<?> field, Class<E> type) {
    return oneOf(field.name(), type);
  }

  public long count(Var<?> field, long min) {
    return count(field.name(), min);
  }

  public long optionalCount(Var<?> field) {
    return optionalCount(field.name());
  }

  public double optionalAmount(Var<?> field) {
    return optionalAmount(field.name());
  }

  public double amount(Var<?> field, double min) {
    return amount(field.name(), min);
  }

  public boolean flag(Var<?> field) {
    return flag(field.name());
  }

  public Instant pastInstant(Var<?> field, Instant now) {
    return pastInstant(field.name(), now);
  }

  public Instant instant(Var<?> field, boolean endOfDayForDates) {
    return instant(field.name(), endOfDayForDates);
  }
}
