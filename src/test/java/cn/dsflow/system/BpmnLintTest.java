package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.identity.IdentitySetup;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model in bpmn/ is a document people read and the engine runs: executable, retained for a stated time, fully
 * drawn (every node a shape, every flow an edge), labelled, and every human step has a form and an owner.
 */
class BpmnLintTest {

  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

  static Stream<File> bpmnFiles() {
    return files("bpmn", ".bpmn");
  }

  static Stream<File> dmnFiles() {
    return files("bpmn", ".dmn");
  }

  static Stream<File> files(String dir, String suffix) {
    File[] found = new File(dir).listFiles((d, name) -> name.endsWith(suffix));
    return found == null ? Stream.empty() : Stream.of(found).sorted();
  }

  static Set<String> formIds() throws Exception {
    Set<String> ids = new HashSet<>();
    File[] forms = new File("forms").listFiles((d, name) -> name.endsWith(".form"));
    if (forms != null) {
      for (File f : forms) {
        ids.add(new ObjectMapper().readTree(f).path("id").asText());
      }
    }
    return ids;
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void processIsExecutableRetainedAndFullyDrawn(File file) throws Exception {
    BpmnModelInstance model = Bpmn.readModelFromFile(file);
    Bpmn.validateModel(model);
    Set<String> shapes = new HashSet<>();
    model.getModelElementsByType(BpmnShape.class).forEach(s -> shapes.add(s.getBpmnElement().getId()));
    Set<String> edges = new HashSet<>();
    model.getModelElementsByType(BpmnEdge.class).forEach(e -> edges.add(e.getBpmnElement().getId()));
    Set<String> forms = formIds();
    List<String> problems = new ArrayList<>();

    for (Process p : model.getModelElementsByType(Process.class)) {
      if (!p.isExecutable()) {
        problems.add(p.getId() + " is not executable");
      }
      if (p.getCamundaHistoryTimeToLiveString() == null) {
        problems.add(p.getId() + " has no historyTimeToLive");
      }
      if (p.getName() == null || p.getName().isBlank()) {
        problems.add(p.getId() + " has no name");
      }
      if (IdentitySetup.STARTABLE_PROCESSES.contains(p.getId())) {
        boolean startForm = p.getChildElementsByType(StartEvent.class).stream()
            .anyMatch(s -> s.getAttributeValueNs(CAMUNDA, "formRef") != null);
        if (!startForm) {
          problems.add(p.getId() + " is started from Tasklist but has no start form");
        }
      }
    }
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (!shapes.contains(node.getId())) {
        problems.add(node.getId() + " has no diagram shape");
      }
      if (!node.getId().matches("[A-Za-z][A-Za-z0-9_]*")) {
        problems.add(node.getId() + " is not an English identifier");
      }
      if (!(node instanceof org.camunda.bpm.model.bpmn.instance.Gateway) && (node.getName() == null || node.getName().isBlank())) {
        problems.add(node.getId() + " has no label");
      }
    }
    for (SubProcess sub : model.getModelElementsByType(SubProcess.class)) {
      if (!shapes.contains(sub.getId())) {
        problems.add(sub.getId() + " has no diagram shape");
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (!edges.contains(flow.getId())) {
        problems.add(flow.getId() + " has no diagram edge");
      }
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String formRef = task.getAttributeValueNs(CAMUNDA, "formRef");
      if (formRef == null) {
        problems.add(task.getId() + " has no form");
      } else if (!formRef.contains("${") && !forms.contains(formRef)) {
        problems.add(task.getId() + " refers to form " + formRef + " which is not in forms/");
      } else if (!"deployment".equals(task.getAttributeValueNs(CAMUNDA, "formRefBinding"))) {
        problems.add(task.getId() + " must bind its form to the deployment");
      }
      if (task.getCamundaCandidateGroups() == null && task.getCamundaAssignee() == null) {
        problems.add(task.getId() + " has neither candidate group nor assignee");
      }
    }
    for (BaseElement e : model.getModelElementsByType(StartEvent.class)) {
      String formRef = e.getAttributeValueNs(CAMUNDA, "formRef");
      if (formRef != null && !forms.contains(formRef)) {
        problems.add(e.getId() + " refers to form " + formRef + " which is not in forms/");
      }
    }
    assertThat(problems).as(file.getName()).isEmpty();
  }

  /** One screen in Cockpit: a full-HD display at 100 % zoom, less the header (issue 17, "fits one screen"). */
  static final int SCREEN_WIDTH = 1920;
  static final int SCREEN_HEIGHT = 1000;

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void diagramFitsOneScreenInCockpit(File file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file);
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (Bounds b : model.getModelElementsByType(Bounds.class)) { // shapes and their labels
      minX = Math.min(minX, b.getX());
      minY = Math.min(minY, b.getY());
      maxX = Math.max(maxX, b.getX() + b.getWidth());
      maxY = Math.max(maxY, b.getY() + b.getHeight());
    }
    for (Waypoint w : model.getModelElementsByType(Waypoint.class)) {
      minX = Math.min(minX, w.getX());
      minY = Math.min(minY, w.getY());
      maxX = Math.max(maxX, w.getX());
      maxY = Math.max(maxY, w.getY());
    }
    double width = maxX - minX;
    double height = maxY - minY;
    assertThat(width <= SCREEN_WIDTH && height <= SCREEN_HEIGHT).as(file.getName() + " is " + Math.round(width) + "×"
        + Math.round(height) + " px, more than one screen (" + SCREEN_WIDTH + "×" + SCREEN_HEIGHT
        + "): split it into called processes").isTrue();
  }

  @ParameterizedTest(allowZeroInvocations = true)
  @MethodSource("dmnFiles")
  void everyDecisionIsRetained(File file) {
    DmnModelInstance model = Dmn.readModelFromFile(file);
    for (Decision d : model.getModelElementsByType(Decision.class)) {
      assertThat(d.getCamundaHistoryTimeToLiveString()).as(d.getId() + " historyTimeToLive").isNotNull();
    }
  }

  @ParameterizedTest(allowZeroInvocations = true)
  @MethodSource("formFiles")
  void formsAreWhatTasklist724Renders(File file) throws Exception {
    JsonNode form = new ObjectMapper().readTree(file);
    assertThat(form.path("id").asText()).as("form id").isNotBlank();
    assertThat(form.path("schemaVersion").asInt()).as("schemaVersion").isBetween(1, 16);
    assertThat(form.path("type").asText()).isEqualTo("default");
  }

  static Stream<File> formFiles() {
    return files("forms", ".form");
  }
}
