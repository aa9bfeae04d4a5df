package cn.dsflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * A field a listener reads from a submitted form is named by its {@link Var}, and that variable is a field of a form
 * that really reaches the listener: a renamed or misspelt key otherwise becomes a field no person can fill in, and the
 * start or task it guards can never complete (or, for an optional field, its rule silently never applies).
 *
 * <p>Which forms reach a class is read from the models, not written here: a BPMN element with a {@code camunda:formRef}
 * reaches every bean its listeners and expressions name; a bean the model names only elsewhere (a service task) is
 * reached by every form of that model; and a class is reached by whatever reaches the classes naming it.
 */
class FormFieldNamesTest {

  private static final Path MAIN = Path.of("src/main/java");
  private static final Path NAMING = MAIN.resolve("cn/dsflow/process");

  /** The readers of {@code SubmittedFields}: a field named by a literal here bypasses the naming classes. */
  private static final String READERS = "(?:text|optionalText|oneOf|count|optionalCount|optionalAmount|amount|flag"
      + "|pastInstant|instant)";
  private static final Pattern READ_BY_VAR = Pattern.compile("\\." + READERS + "\\(\\s*(\\w+Variables)\\.(\\w+)\\s*[,)]");
  private static final Pattern REFUSED_BY_VAR =
      Pattern.compile("EngineRefusal\\.invalid\\(\\s*(\\w+Variables)\\.(\\w+)\\.name\\(\\)");

  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\n]*", Pattern.DOTALL);

  private static Map<String, Var<?>> named;
  private static Map<String, Set<String>> fieldsByForm;
  private static Map<String, String> sources;

  @BeforeAll
  static void readModelsAndSources() throws Exception {
    named = ProcessVariableNamesTest.namedVariables();
    fieldsByForm = fieldsByForm();
    sources = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.startsWith(NAMING)).toList()) {
        sources.put(MAIN.relativize(f).toString().replace(File.separatorChar, '/'), Files.readString(f));
      }
    }
  }

  @Test
  void everyFieldAListenerReadsIsAFieldOfAFormThatReachesIt() throws Exception {
    Map<String, Set<String>> reach = formsReachingEachClass();
    List<String> wrong = new ArrayList<>();
    int reads = 0;
    for (var source : sources.entrySet()) {
      for (Pattern p : List.of(READ_BY_VAR, REFUSED_BY_VAR)) {
        Matcher m = p.matcher(source.getValue());
        while (m.find()) {
          reads++;
          Var<?> v = named.get(m.group(1) + "." + m.group(2));
          assertThat(v).as(source.getKey() + " reads " + m.group(1) + "." + m.group(2) + ", which is no Var").isNotNull();
          Set<String> forms = reach.getOrDefault(simpleName(source.getKey()), Set.of());
          if (forms.stream().noneMatch(form -> fieldsByForm.get(form).contains(v.name()))) {
            wrong.add(source.getKey() + " reads \"" + v.name() + "\", a field of none of " + forms);
          }
        }
      }
    }
    // so that a reader pattern gone blind cannot pass by finding nothing
    assertThat(reads).as("form fields read through SubmittedFields or refused by name").isGreaterThan(100);
    assertThat(wrong).as("a field read from a form that does not declare it (renamed in the .form?)").isEmpty();
  }

  @Test
  void theReachOfAListenerIsItsFormAndOfAHelperTheFormsOfItsCallers() throws Exception {
    Map<String, Set<String>> reach = formsReachingEachClass();
    assertThat(reach.get("FactsUpdate")).containsExactly("incident-regrading");         // task listener on its task
    assertThat(reach.get("RiskIntake")).contains("risk-report");                        // start listener on its start
    assertThat(reach.get("IncidentFacts")).contains("incident-report", "incident-regrading"); // a record its callers use
    assertThat(reach.get("ComplianceCalendar")).contains("compliance-change", "compliance-duty");
  }

  @Test
  void noFormFieldIsNamedByALiteralWhereItIsReadOrRefused() {
    Set<String> fields = new TreeSet<>();
    fieldsByForm.values().forEach(fields::addAll);
    List<Pattern> anyLiteral = List.of(
        // f.text("regradeReason", …): every reader of a submitted form names its field by a Var
        Pattern.compile("\\." + READERS + "\\(\\s*\"(\\w*)\""),
        // a deadline's variables: new Rule("审批时限", "approvalDueAt", …)
        Pattern.compile("\\bRule(?:\\.withoutReminder)?\\(\\s*[^,()]+,\\s*\"(\\w*)\""));
    List<Pattern> fieldLiteral = List.of(
        Pattern.compile("EngineRefusal\\.invalid\\(\\s*\"(\\w+)\""),
        Pattern.compile("ClaimedTime\\.check\\(\\s*\"(\\w+)\""),
        Pattern.compile("\\.optionLabel\\(\\s*\"(\\w+)\""),
        Pattern.compile("\\.labelOf\\(\\s*(?:\"[\\w-]+\",\\s*)?\"(\\w+)\""));
    List<String> found = new ArrayList<>();
    sources.forEach((file, text) -> {
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        for (Pattern p : anyLiteral) {
          if (p.matcher(lines[i]).find()) {
            found.add(file + ":" + (i + 1) + ": " + lines[i].strip());
          }
        }
        for (Pattern p : fieldLiteral) {
          Matcher m = p.matcher(lines[i]);
          if (m.find() && fields.contains(m.group(1))) {
            found.add(file + ":" + (i + 1) + ": " + lines[i].strip());
          }
        }
      }
    });
    assertThat(found).as("form fields are named by their Var in cn.dsflow.process.*Variables").isEmpty();
  }

  /**
   * The report documents, the risk notice and register, the declared-time rule and the read views name each variable
   * they print or read by its {@code Var}. What stays literal there is a record's own key, not a variable read: a SQL
   * column ({@code rs.getString("title")}), a JSON error's field ({@code ApiException.badRequest("riskId", …)}) and a
   * REST answer's key ({@code ResponseEntity.ok(Map.of("riskId", …))}).
   */
  @Test
  void readViewsAndRegistersNameNoVariableByALiteral() throws Exception {
    Set<String> variables = new TreeSet<>(ProcessVariableNamesTest.modelNames());
    variables.removeIf(n -> !Character.isLowerCase(n.charAt(0))); // 'CAC', 'POLICE': values in expressions, not names
    Pattern recordKey = Pattern.compile("\\brs\\.get\\w+\\(\\s*$|\\(\\s*rs,\\s*$|\\bApiException\\.\\w+\\(\\s*$"
        + "|ResponseEntity\\b.*\\bMap\\.of\\(\\s*$");
    Pattern literal = Pattern.compile("\"(\\w+)\"");
    List<String> readers = List.of("incident/ReportTemplate", "risk/RiskController", "risk/RiskRegister",
        "intake/ClaimedTimes", "dashboard/IncidentClocks", "incident/IncidentTimeline", "ledgerview/LedgerRows",
        "dashboard/MyRequests");
    List<String> found = new ArrayList<>();
    for (String reader : readers) {
      String file = "cn/dsflow/" + reader + ".java";
      assertThat(sources).as(file + " (moved? then follow it here)").containsKey(file);
      // comments blanked, not removed, so that the line numbers of what is found stay true
      String code = COMMENT.matcher(sources.get(file))
          .replaceAll(c -> Matcher.quoteReplacement(c.group().replaceAll("[^\n]", " ")));
      String[] lines = code.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        Matcher m = literal.matcher(lines[i]);
        while (m.find()) {
          if (variables.contains(m.group(1)) && !recordKey.matcher(lines[i].substring(0, m.start())).find()) {
            found.add(file + ":" + (i + 1) + ": \"" + m.group(1) + "\" in " + lines[i].strip());
          }
        }
      }
    }
    assertThat(found).as("a variable read or printed by name: use its Var from cn.dsflow.process.*Variables").isEmpty();
  }

  /** The field keys of each form, nested ones and the items of a repeating list included, by form id. */
  private static Map<String, Set<String>> fieldsByForm() throws IOException {
    Map<String, Set<String>> byForm = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    File[] forms = new File("forms").listFiles((d, n) -> n.endsWith(".form"));
    assertThat(forms).isNotEmpty();
    for (File f : forms) {
      JsonNode form = json.readTree(f);
      Set<String> keys = new TreeSet<>();
      collectKeys(form.path("components"), keys);
      byForm.put(form.path("id").asText(), keys);
    }
    return byForm;
  }

  private static void collectKeys(JsonNode components, Set<String> keys) {
    for (JsonNode c : components) {
      for (String attribute : List.of("key", "path")) {
        if (c.hasNonNull(attribute)) {
          keys.add(c.get(attribute).asText());
        }
      }
      collectKeys(c.path("components"), keys);
    }
  }

  /** Forms by the simple name of each main class they reach (see the class comment). */
  private static Map<String, Set<String>> formsReachingEachClass() throws Exception {
    Map<String, Set<String>> byBean = formsByBean();
    Map<String, Set<String>> reach = new HashMap<>();
    Map<String, String> textByClass = new HashMap<>();
    // only code names a caller: a {@link} in a comment calls nothing
    sources.forEach((file, text) -> textByClass.put(simpleName(file), COMMENT.matcher(text).replaceAll(" ")));
    textByClass.forEach((cls, text) -> reach.put(cls, new TreeSet<>(byBean.getOrDefault(beanName(cls, text), Set.of()))));
    Map<String, Set<String>> callees = new HashMap<>();
    Pattern identifier = Pattern.compile("\\b[A-Z]\\w*\\b");
    textByClass.forEach((cls, text) -> {
      Set<String> mentioned = new TreeSet<>();
      Matcher m = identifier.matcher(text);
      while (m.find()) {
        if (!m.group().equals(cls) && textByClass.containsKey(m.group())) {
          mentioned.add(m.group());
        }
      }
      callees.put(cls, mentioned);
    });
    boolean grew = true;
    while (grew) {
      grew = false;
      for (var caller : callees.entrySet()) {
        for (String callee : caller.getValue()) {
          grew |= reach.get(callee).addAll(reach.get(caller.getKey()));
        }
      }
    }
    return reach;
  }

  /** Forms by the bean a BPMN element with that form names in its listeners and expressions. */
  private static Map<String, Set<String>> formsByBean() throws Exception {
    Map<String, Set<String>> byBean = new HashMap<>();
    File[] models = new File("bpmn").listFiles((d, n) -> n.endsWith(".bpmn"));
    assertThat(models).isNotEmpty();
    for (File f : models) {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Element root = factory.newDocumentBuilder().parse(f).getDocumentElement();
      NodeList all = root.getElementsByTagName("*");
      Set<String> formsOfTheModel = new TreeSet<>();
      Set<String> beansOnAForm = new TreeSet<>();
      for (int i = 0; i < all.getLength(); i++) {
        Element e = (Element) all.item(i);
        String form = e.getAttributeNS("http://camunda.org/schema/1.0/bpmn", "formRef");
        if (!form.isEmpty()) {
          formsOfTheModel.add(form);
          Set<String> beans = new TreeSet<>();
          beansNamed(e, beans);
          beansOnAForm.addAll(beans);
          beans.forEach(bean -> byBean.computeIfAbsent(bean, b -> new TreeSet<>()).add(form));
        }
      }
      // a service task reads what the process's earlier forms submitted: any form of its own model
      Set<String> elsewhere = new TreeSet<>();
      beansNamed(root, elsewhere);
      elsewhere.removeAll(beansOnAForm);
      elsewhere.forEach(bean -> byBean.computeIfAbsent(bean, b -> new TreeSet<>()).addAll(formsOfTheModel));
    }
    return byBean;
  }

  private static void beansNamed(Element e, Set<String> beans) {
    NamedNodeMap attributes = e.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Matcher m = Pattern.compile("\\$\\{(\\w+)").matcher(((Attr) attributes.item(i)).getValue());
      while (m.find()) {
        beans.add(m.group(1));
      }
    }
    NodeList children = e.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element child) {
        beansNamed(child, beans);
      }
    }
  }

  private static String beanName(String simpleName, String text) {
    Matcher component = Pattern.compile("@Component\\(\"(\\w+)\"\\)").matcher(text);
    return component.find() ? component.group(1)
        : Character.toLowerCase(simpleName.charAt(0)) + simpleName.substring(1);
  }

  private static String simpleName(String file) {
    return file.substring(file.lastIndexOf('/') + 1, file.length() - ".java".length());
  }
}
