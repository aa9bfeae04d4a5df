package cn.dsflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The naming classes and the models agree: every variable Java names is one the BPMN, a DMN or a form really uses (a
 * renamed form field or expression fails here, not in a delegate at run time), every variable marked internal is one no
 * model names, and no main Java class outside this package spells a process-variable name as a literal or builds one.
 */
class ProcessVariableNamesTest {

  private static final Path MAIN = Path.of("src/main/java");
  private static final Path NAMING = MAIN.resolve("cn/dsflow/process");

  /** Identifiers in an expression: names, or names quoted as arguments ('filingOverdue' for deadlineChaser). */
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])'?([A-Za-z_][\\w]*)");

  /** Attributes whose value is a variable name itself (call-activity mappings, multi-instance, start initiator). */
  private static final Set<String> NAME_ATTRIBUTES = Set.of("source", "target", "elementVariable", "collection",
      "initiator", "inputVariable", "resultVariable", "variable");

  @Test
  void everyNamedVariableIsUsedByTheBpmnDmnOrAForm() throws Exception {
    Set<String> modelNames = modelNames();
    List<String> missing = new ArrayList<>();
    namedVariables().forEach((where, v) -> {
      if (!v.internal() && !modelNames.contains(v.name())) {
        missing.add(where + " \"" + v.name() + "\"");
      }
    });
    assertThat(missing).as("named in Java but in no BPMN, DMN or form (renamed there? then mark it internal or fix it)")
        .isEmpty();
  }

  @Test
  void internalVariablesAreNamedByNoModel() throws Exception {
    Set<String> modelNames = modelNames();
    List<String> used = new ArrayList<>();
    namedVariables().forEach((where, v) -> {
      if (v.internal() && modelNames.contains(v.name())) {
        used.add(where + " \"" + v.name() + "\"");
      }
    });
    assertThat(used).as("marked internal but a model reads or writes it: declare it with Var.of").isEmpty();
  }

  @Test
  void eachNameHasOneTypeAcrossTheNamingClasses() throws Exception {
    Map<String, Set<String>> types = new TreeMap<>();
    namedVariables().values().forEach(v -> types.computeIfAbsent(v.name(), n -> new TreeSet<>()).add(v.type().getName()));
    types.values().removeIf(t -> t.size() == 1 || t.contains(Object.class.getName()) && t.size() == 2);
    assertThat(types).as("one variable name declared with two different types").isEmpty();
  }

  @Test
  void everyPreparatoryCheckInTheBpmnHasItsOutcomeVariablesNamed() throws Exception {
    Set<String> checks = new TreeSet<>();
    for (File f : files("bpmn", ".bpmn")) {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      NodeList listeners = factory.newDocumentBuilder().parse(f).getElementsByTagNameNS("*", "taskListener");
      for (int i = 0; i < listeners.getLength(); i++) {
        Element listener = (Element) listeners.item(i);
        if ("${preparatoryCheckRecorder}".equals(listener.getAttribute("delegateExpression"))) {
          checks.add(((Element) listener.getParentNode().getParentNode()).getAttribute("id"));
        }
      }
    }
    assertThat(checks).as("user tasks recorded as preparatory checks").isNotEmpty();
    assertThat(RequestVariables.PREPARATORY_CHECKS.keySet()).containsAll(checks);
    RequestVariables.PREPARATORY_CHECKS.forEach((task, fields) -> {
      assertThat(fields.passed().name()).isEqualTo(task + "_passed");
      assertThat(fields.findings().name()).isEqualTo(task + "_findings");
    });
  }

  @Test
  void modelNamesAreReadFromExpressionsMappingsAndFormKeys() throws Exception {
    Set<String> names = modelNames();
    // one of each kind, so that a broken reader cannot pass the tests above by finding nothing at all
    assertThat(names).contains(
        "filingDueAt",          // ${deadlineChaser.remind(..., filingDueAt)} in a BPMN expression
        "filingOverdue",        // quoted argument to deadlineChaser.overdue
        "remediationOwners",    // camunda:collection of a multi-instance
        "rejectionReason",      // camunda:out source/target of a call activity
        "cacOutcome",           // a form field key
        "exemptionGround");     // a DMN input expression
    assertThat(names).doesNotContain("deadlineChaser.remind", "remind", "execution.getVariable");
  }

  @Test
  void noMainClassSpellsOrBuildsAProcessVariableName() throws IOException {
    List<Pattern> forbidden = List.of(
        // a literal name: execution.getVariable("x"), task.setVariableLocal("x", v), builder.setVariable("x", v)
        Pattern.compile("\\b(?:get|set|remove|has)Variable(?:Local|Typed)?\\(\\s*\""),
        // a literal name through a service: runtimeService.getVariable(id, "x"), taskService.setVariable(id, "x", v)
        Pattern.compile("\\b(?:runtimeService|taskService|formService)\\s*\\.\\s*(?:get|set|remove)Variable(?:Local|Typed)?"
            + "\\(\\s*[^,()]+,\\s*\""),
        // a query by a literal name
        Pattern.compile("\\bvariableName\\(\\s*\""),
        // a name built at run time: getVariable(prefix + "passed"), setVariable("action_" + i, v)
        Pattern.compile("\\b(?:get|set|remove)Variable(?:Local|Typed)?\\(\\s*[^,;()]*\\+"));
    // ClaimedTimes files who entered a claimed time beside each claimed field (<field>EnteredBy / <field>ReceivedAt):
    // one rule over whichever time fields a form declares, kept where it is (see docs/process-variables.md)
    Set<String> allowedDerived = Set.of("cn/dsflow/intake/ClaimedTimes.java");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(NAMING)).toList()) {
        String rel = MAIN.relativize(file).toString().replace(File.separatorChar, '/');
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          for (int p = 0; p < forbidden.size(); p++) {
            if (forbidden.get(p).matcher(lines.get(i)).find() && !(p == 3 && allowedDerived.contains(rel))) {
              found.add(rel + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
          }
        }
      }
    }
    assertThat(found).as("process-variable names belong in cn.dsflow.process.*Variables").isEmpty();
  }

  /** Every static {@link Var} of every {@code *Variables} class in this package, by "Class.FIELD". */
  static Map<String, Var<?>> namedVariables() throws Exception {
    Map<String, Var<?>> vars = new TreeMap<>();
    File[] sources = NAMING.toFile().listFiles((d, n) -> n.endsWith("Variables.java"));
    assertThat(sources).isNotEmpty();
    for (File source : sources) {
      String simple = source.getName().replace(".java", "");
      if (simple.equals("EngineVariables")) {
        continue; // Camunda's own names (loopCounter): no model of ours need spell them
      }
      Class<?> type = Class.forName(Var.class.getPackageName() + "." + simple);
      for (Field f : type.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == Var.class) {
          vars.put(simple + "." + f.getName(), (Var<?>) f.get(null));
        }
      }
    }
    return vars;
  }

  /** Variable names the models use: expressions and name attributes in BPMN/DMN, DMN inputs and outputs, form keys. */
  static Set<String> modelNames() throws Exception {
    Set<String> names = new TreeSet<>();
    for (File f : files("bpmn", ".bpmn", ".dmn")) {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      collect(factory.newDocumentBuilder().parse(f).getDocumentElement(), names);
    }
    ObjectMapper json = new ObjectMapper();
    for (File f : files("forms", ".form")) {
      json.readTree(f).findValues("key").forEach(k -> names.add(k.asText()));
      json.readTree(f).findValues("path").forEach(k -> names.add(k.asText()));
    }
    return names;
  }

  private static void collect(Element e, Set<String> names) {
    NamedNodeMap attributes = e.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr a = (Attr) attributes.item(i);
      String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
      if (a.getValue().contains("{")) {
        expressions(a.getValue(), names);
      } else if (NAME_ATTRIBUTES.contains(local)
          || local.equals("name") && Set.of("inputParameter", "outputParameter", "output").contains(e.getLocalName())
          || local.equals("id") && "formField".equals(e.getLocalName())) {
        names.add(a.getValue());
      }
    }
    NodeList children = e.getChildNodes();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < children.getLength(); i++) {
      Node child = children.item(i);
      if (child instanceof Element el) {
        collect(el, names);
      } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(child.getNodeValue());
      }
    }
    boolean dmnInput = "text".equals(e.getLocalName()) && e.getParentNode() != null
        && "inputExpression".equals(e.getParentNode().getLocalName());
    if (dmnInput) {
      identifiers(text.toString(), names); // FEEL/JUEL without ${}
    } else if (!"documentation".equals(e.getLocalName())) {
      expressions(text.toString(), names);
    }
  }

  private static void expressions(String value, Set<String> names) {
    Matcher m = EXPRESSION.matcher(value);
    while (m.find()) {
      identifiers(m.group(1), names);
    }
  }

  private static void identifiers(String expression, Set<String> names) {
    Matcher m = IDENTIFIER.matcher(expression);
    while (m.find()) {
      names.add(m.group(1));
    }
  }

  private static List<File> files(String dir, String... suffixes) {
    File[] found = new File(dir).listFiles((d, n) -> Stream.of(suffixes).anyMatch(n::endsWith));
    assertThat(found).as(dir + "/ holds the models").isNotEmpty();
    return List.of(found);
  }
}
