package cn.dsflow.form;

import cn.dsflow.system.EngineRefusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The rules a Camunda Form declares (required, length, min/max, pattern, allowed options), enforced on the server.
 * Tasklist checks them in the browser only, and {@code /engine-rest} not at all; reading them from the form files that
 * are deployed keeps one source for the browser and the server. Fields shown conditionally are left to the task's own
 * listener, which knows when they apply.
 */
@Component
public class FormContract {

  private final Map<String, JsonNode> formsById = new HashMap<>();
  private final Map<String, String> labels = new HashMap<>();
  /** Each form's own labels: one key may read differently on two forms (validUntil: 时效 or 计划执行期间). */
  private final Map<String, Map<String, String>> labelsByForm = new HashMap<>();
  private final Map<String, Map<String, String>> optionLabels = new HashMap<>();
  private final java.util.Set<String> dateTimeFields = new java.util.HashSet<>();

  public FormContract(ObjectMapper json) {
    try {
      for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
        try (InputStream in = r.getInputStream()) {
          JsonNode form = json.readTree(in);
          formsById.put(form.path("id").asText(), form);
          collectLabels(form);
          collectFormLabels(form, labelsByForm.computeIfAbsent(form.path("id").asText(), id -> new HashMap<>()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("forms/ could not be read", e);
    }
  }

  /** The deployed form's schema as the browser receives it, for rules that read its declarations. */
  public Optional<JsonNode> schema(String formId) {
    return Optional.ofNullable(formsById.get(formId));
  }

  /** Whether a form asks for this field as a date and a time (not a day alone). */
  public boolean asksForATime(String key) {
    return dateTimeFields.contains(key);
  }

  /** The label a form shows for a variable, for documents and audit records that people read. */
  public Optional<String> labelOf(String key) {
    return Optional.ofNullable(labels.get(key));
  }

  /** The label the form {@code formId} shows for a field, as a person filling it in reads it. */
  public Optional<String> labelOf(String formId, String key) {
    return Optional.ofNullable(labelsByForm.getOrDefault(formId, Map.of()).get(key));
  }

  /**
   * A refusal of one field, told by the label the person saw on {@code formId} rather than by the variable key; any
   * other refusal, or a field the form does not show, as it is.
   */
  public EngineRefusal labelled(String formId, EngineRefusal refusal) {
    return refusal.field() == null ? refusal : labelOf(formId, refusal.field()).map(refusal::labelled).orElse(refusal);
  }

  /** What a select or radio shows for a stored value ({@code "II"} → {@code "重大（橙色）"}), or the value itself. */
  public String optionLabel(String key, String value) {
    return optionLabels.getOrDefault(key, Map.of()).getOrDefault(value, value);
  }

  /** The keys a person fills in on the form (not read-only, not inside a repeating list). */
  public java.util.List<String> editableFields(String formId) {
    java.util.List<String> keys = new java.util.ArrayList<>();
    JsonNode form = formsById.get(formId);
    if (form != null) {
      editable(form.path("components"), keys);
    }
    return keys;
  }

  private static void editable(JsonNode components, java.util.List<String> keys) {
    for (JsonNode c : components) {
      if (c.has("components") && !isList(c)) {
        editable(c.path("components"), keys);
      }
      String key = isList(c) ? c.path("path").asText(null) : c.path("key").asText(null);
      if (key != null && !c.path("readonly").asBoolean(false)) {
        keys.add(key);
      }
    }
  }

  /** The values submitted for the form's own fields, in form order, for the audit record. */
  public Map<String, Object> submittedFields(String formId, Map<String, Object> values) {
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    JsonNode form = formsById.get(formId);
    if (form != null) {
      collectKeys(form.path("components"), values, fields);
    }
    return fields;
  }

  private static void collectKeys(JsonNode components, Map<String, Object> values, Map<String, Object> fields) {
    for (JsonNode c : components) {
      if (c.has("components") && !isList(c)) {
        collectKeys(c.path("components"), values, fields);
      }
      String key = isList(c) ? c.path("path").asText(null) : c.path("key").asText(null);
      if (key != null && !c.path("readonly").asBoolean(false)) {
        Object v = values.get(key);
        fields.put(key, v instanceof java.util.Date d ? d.toInstant().toString()
            : v == null || v instanceof String || v instanceof Number || v instanceof Boolean ? v : v.toString());
      }
    }
  }

  /** A submitted value as a reader should see it: yes/no, whole numbers without ".0", options in words. */
  public String display(String key, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean b) {
      return b ? "是" : "否";
    }
    if (value instanceof Double d && d == Math.rint(d)) {
      return String.format("%,.0f", d);
    }
    return optionLabel(key, value.toString());
  }

  /** Refuses (400, naming the field) the first submitted value that breaks a rule of the form {@code formId}. */
  public void check(String formId, Map<String, Object> values) {
    JsonNode form = formsById.get(formId);
    if (form == null) {
      throw new IllegalStateException("no form " + formId + " in forms/");
    }
    try {
      checkComponents(form.path("components"), values);
    } catch (EngineRefusal refusal) {
      throw labelled(formId, refusal);
    }
  }

  private void checkComponents(JsonNode components, Map<String, Object> values) {
    for (JsonNode c : components) {
      if (c.has("components") && !isList(c)) {
        checkComponents(c.path("components"), values);
      }
      String key = c.path("key").asText(null);
      if (key == null || c.path("readonly").asBoolean(false) || c.has("conditional") || isList(c)) {
        continue;
      }
      checkField(c, key, values.get(key));
    }
  }

  private static void checkField(JsonNode c, String key, Object value) {
    JsonNode v = c.path("validate");
    String type = c.path("type").asText();
    boolean blank = value == null || value.toString().isBlank();
    if (v.path("required").asBoolean(false)) {
      if (blank || ("checkbox".equals(type) && !Boolean.TRUE.equals(value) && !"true".equals(value))) {
        throw EngineRefusal.invalid(key, "必填 (required)");
      }
    }
    if (blank) {
      return;
    }
    switch (type) {
      case "textfield", "textarea" -> {
        String s = value.toString();
        if (v.has("maxLength") && s.length() > v.get("maxLength").asInt()) {
          throw EngineRefusal.invalid(key, "超过 " + v.get("maxLength").asInt() + " 个字符 (too long)");
        }
        if (v.has("minLength") && s.strip().length() < v.get("minLength").asInt()) {
          throw EngineRefusal.invalid(key, "至少 " + v.get("minLength").asInt() + " 个字符 (too short)");
        }
        if (v.has("pattern") && !Pattern.compile(v.get("pattern").asText()).matcher(s).matches()) {
          throw EngineRefusal.invalid(key, "格式不符 (does not match the expected format)");
        }
      }
      case "number" -> {
        double d;
        try {
          d = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
          throw EngineRefusal.invalid(key, "应为数字 (must be a number)");
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw EngineRefusal.invalid(key, "应为数字 (must be a number)");
        }
        if (v.has("min") && d < v.get("min").asDouble()) {
          throw EngineRefusal.invalid(key, "不能小于 " + v.get("min").asText() + " (below the minimum)");
        }
        if (v.has("max") && d > v.get("max").asDouble()) {
          throw EngineRefusal.invalid(key, "不能大于 " + v.get("max").asText() + " (above the maximum)");
        }
      }
      case "select", "radio" -> {
        boolean known = false;
        for (JsonNode option : c.path("values")) {
          known |= option.path("value").asText().equals(value.toString());
        }
        if (!known) {
          throw EngineRefusal.invalid(key, "不是允许的选项 (not one of the offered options)");
        }
      }
      case "checkbox" -> {
        if (!(value instanceof Boolean) && !"true".equals(value) && !"false".equals(value)) {
          throw EngineRefusal.invalid(key, "应为是/否 (must be true or false)");
        }
      }
      default -> {
        if (value.toString().length() > SubmittedFields.LONG_TEXT) {
          throw EngineRefusal.invalid(key, "过长 (too long)");
        }
      }
    }
  }

  /** A repeating list's items are checked by the listener that registers them, which knows their meaning. */
  private static boolean isList(JsonNode c) {
    return "dynamiclist".equals(c.path("type").asText());
  }

  private static void collectFormLabels(JsonNode form, Map<String, String> into) {
    for (JsonNode c : form.path("components")) {
      if (c.has("components")) {
        collectFormLabels(c, into);
      }
      String key = isList(c) ? c.path("path").asText(null) : c.path("key").asText(null);
      String label = c.hasNonNull("label") ? c.get("label").asText() : c.path("dateLabel").asText(null);
      if (key != null && label != null && !label.isBlank()) {
        into.putIfAbsent(key, label);
      }
    }
  }

  private void collectLabels(JsonNode form) {
    for (JsonNode c : form.path("components")) {
      if (c.has("components")) {
        collectLabels(c);
      }
      String key = c.path("key").asText(null);
      if (key != null && "datetime".equals(c.path("type").asText()) && "datetime".equals(c.path("subtype").asText())) {
        dateTimeFields.add(key);
      }
      String label = c.hasNonNull("label") ? c.get("label").asText() : c.path("dateLabel").asText(null);
      if (key != null && label != null) {
        labels.putIfAbsent(key, label);
      }
      if (key != null && c.has("values")) {
        Map<String, String> options = optionLabels.computeIfAbsent(key, k -> new HashMap<>());
        c.path("values").forEach(o -> options.putIfAbsent(o.path("value").asText(), o.path("label").asText()));
      }
    }
  }
}
