package cn.dsflow.form;

import cn.dsflow.system.EngineRefusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Only declared input gets in (issue 12 B): the variables of a start or a task completion must be the fields of the
 * Camunda Form bound to that start event or user task, typed as the form says. Process variables are writable by
 * whoever starts or works a task, so a variable the form does not offer (an approver list, a requester, a check
 * result of someone else's task) would otherwise overwrite state that other steps read.
 *
 * <p>Fits what Tasklist sends: form-js submits every keyed, enabled field, read-only ones included, primitives untyped
 * and lists as {@code Json}. A read-only field is a display of existing state: it is accepted only with the value it
 * already has (or empty), and never written. Types {@code Object}, {@code Bytes}, {@code File}, {@code Xml} and
 * serialized Java are refused; a list field may come as {@code Json}, or as the JSON {@code Object} Tasklist echoes
 * back for a list variable that exists already.
 */
@Component
public class DeclaredInput {

  /** How form-js submits a keyed component: which JSON shapes and Camunda types fit it. */
  enum Shape { TEXT, NUMBER, BOOLEAN, LIST, ANY }

  record Field(String key, Shape shape, boolean readonly) {}

  private static final Set<String> TEXT_TYPES = Set.of("textfield", "textarea", "select", "radio", "datetime");
  private static final Set<String> LIST_TYPES = Set.of("dynamiclist", "checklist", "taglist");
  /** Components that show something but submit nothing. */
  private static final Set<String> UNKEYED = Set.of("text", "html", "image", "spacer", "separator", "button", "iframe", "table");

  private final FormContract forms;

  public DeclaredInput(FormContract forms) {
    this.forms = forms;
  }

  /**
   * Checks the {@code variables} object of a start or completion body against the form {@code formId} (null: the
   * start event or task has no form, and accepts no variable). Returns the variables to pass on: read-only fields
   * removed. {@code stored} gives the value a read-only field shows now.
   *
   * @throws EngineRefusal 400 {@code undeclared_variable} or {@code invalid_input}, naming the variable
   */
  public ObjectNode accept(String formId, ObjectNode variables, Function<String, Object> stored) {
    Map<String, Field> declared = formId == null ? Map.of() : fields(formId);
    List<String> readonly = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      Field field = declared.get(name);
      if (field == null) {
        throw undeclared(name, formId == null
            ? "此处没有表单，不接受任何变量 (no form here: no variable is accepted)"
            : "不是表单 " + formId + " 的字段 (not a field of form " + formId + ")");
      }
      JsonNode variable = entry.getValue();
      if (!variable.isObject()) {
        throw EngineRefusal.invalid(name, "变量格式应为 {\"value\": …} (a variable is an object with a value)");
      }
      checkType(field, variable);
      if (holdsNul(variable.path("value"))) {
        // PostgreSQL cannot store U+0000 in text: refused here as the person's input, not failed later as a 500
        throw EngineRefusal.invalid(name, "含有空字符（U+0000），不能保存 (contains a NUL character)");
      }
      if (field.readonly()) {
        if (!unchanged(variable.path("value"), stored.apply(name))) {
          throw undeclared(name, "只读字段，不能修改 (read-only on form " + formId + ")");
        }
        readonly.add(name);
      }
    }
    ObjectNode accepted = variables.deepCopy();
    accepted.remove(readonly);
    return accepted;
  }

  private static EngineRefusal undeclared(String name, String why) {
    return new EngineRefusal(400, "undeclared_variable", name + ": " + why);
  }

  private static void checkType(Field field, JsonNode variable) {
    String name = field.key();
    String type = variable.path("type").asText("");
    JsonNode value = variable.path("value");
    JsonNode info = variable.path("valueInfo");
    String format = info.path("serializationDataFormat").asText("");
    boolean empty = value.isMissingNode() || value.isNull();
    if ("Null".equals(type) || type.isEmpty() && empty) {
      return;
    }
    if (format.contains("java") || Set.of("Bytes", "File", "Xml").contains(type)) {
      throw EngineRefusal.invalid(name, "不接受此类型 " + type + " (type not accepted)");
    }
    boolean fits = switch (field.shape()) {
      case TEXT -> (type.isEmpty() || "String".equals(type)) && (value.isTextual() || empty);
      case NUMBER -> (type.isEmpty() || Set.of("Integer", "Long", "Double", "Short").contains(type))
          && (value.isNumber() || empty);
      case BOOLEAN -> (type.isEmpty() || "Boolean".equals(type))
          && (value.isBoolean() || value.isTextual() && Set.of("true", "false").contains(value.asText()) || empty);
      case LIST -> ("Json".equals(type) || "Object".equals(type) && "application/json".equals(format)
          && info.path("objectTypeName").asText("").startsWith("java.util."))
          && (value.isTextual() || empty);
      case ANY -> (type.isEmpty() || Set.of("String", "Integer", "Long", "Double", "Short", "Boolean").contains(type))
          && (value.isValueNode() || empty);
    };
    if (!fits) {
      throw EngineRefusal.invalid(name, "类型与表单不符 (type " + (type.isEmpty() ? value.getNodeType() : type)
          + " does not fit the form's " + field.shape().name().toLowerCase() + " field)");
    }
  }

  /**
   * Whether a read-only field comes back as it was shown. An empty field comes back empty ({@code ""}, {@code false},
   * {@code []}); a time comes back in the browser's format, so it is not compared (it is not written either).
   */
  static boolean unchanged(JsonNode submitted, Object current) {
    boolean blank = submitted.isMissingNode() || submitted.isNull()
        || submitted.isTextual() && (submitted.asText().isEmpty() || "[]".equals(submitted.asText()))
        || submitted.isBoolean() && !submitted.asBoolean();
    if (current == null) {
      return blank;
    }
    if (blank || current instanceof java.util.Date) {
      return true;
    }
    if (current instanceof Number n) {
      return submitted.isNumber() && submitted.decimalValue().compareTo(new BigDecimal(n.toString())) == 0;
    }
    if (current instanceof Boolean b) {
      return submitted.asText().equals(b.toString());
    }
    if (current instanceof String s) {
      return submitted.isTextual() && submitted.asText().equals(s);
    }
    return true;
  }

  /** The top-level variables the form submits, by key (a repeating list submits its path). */
  Map<String, Field> fields(String formId) {
    JsonNode schema = forms.schema(formId)
        .orElseThrow(() -> new IllegalStateException("no form " + formId + " in forms/"));
    Map<String, Field> fields = new LinkedHashMap<>();
    collect(schema.path("components"), fields);
    return fields;
  }

  private static void collect(JsonNode components, Map<String, Field> fields) {
    for (JsonNode c : components) {
      String type = c.path("type").asText();
      if (c.path("disabled").asBoolean(false) || UNKEYED.contains(type)) {
        continue;
      }
      if ("dynamiclist".equals(type)) {
        fields.put(c.path("path").asText(), new Field(c.path("path").asText(), Shape.LIST, c.path("readonly").asBoolean(false)));
        continue;
      }
      if (c.has("components")) {
        collect(c.path("components"), fields); // a group without a path adds its fields at the top level
        continue;
      }
      String key = c.path("key").asText(null);
      if (key != null) {
        Shape shape = TEXT_TYPES.contains(type) ? Shape.TEXT
            : "number".equals(type) ? (c.path("serializeToString").asBoolean(false) ? Shape.TEXT : Shape.NUMBER)
            : "checkbox".equals(type) ? Shape.BOOLEAN
            : LIST_TYPES.contains(type) ? Shape.LIST
            : Shape.ANY;
        fields.put(key, new Field(key, shape, c.path("readonly").asBoolean(false)));
      }
    }
  }

  private static boolean holdsNul(JsonNode value) {
    if (value.isTextual()) {
      return value.asText().indexOf('\u0000') >= 0;
    }
    for (JsonNode element : value) {
      if (holdsNul(element)) {
        return true;
      }
    }
    return false;
  }
}
