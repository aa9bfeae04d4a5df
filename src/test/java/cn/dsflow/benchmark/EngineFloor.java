package cn.dsflow.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CompletionCondition;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The engine's floor for the full approval flow: the real {@code bpmn/} files of the flow (the request, the
 * multi-person approval it calls, the permit lifecycle) and the real DMN, with every dsflow listener, delegate and
 * bean call taken out, deployed under other keys. What the engine itself does for that model — two called instances,
 * two decision tables, three timers, the same variables, authorization rows and checks, history at level full — is
 * then measured beside the application, so the benchmark can say how much of the gap to a bare three-task BPMN is the
 * model and the engine's settings, and how much is dsflow's own code.
 *
 * <p>What replaces the application: the validated request's derived variables (request id and summary), the approval
 * deadlines and the permit's id and validity are start variables; the slots are the decision's own output, passed
 * down; every gateway that asks the register takes its usual path ({@code false}: not rejected, not expired, no
 * catalogue change). No form is resolved (the engine does not resolve one while the flow runs).
 */
final class EngineFloor {

  static final String PREFIX = "floor-";
  static final String REQUEST = PREFIX + "data-operation-approval";
  private static final String[] PROCESSES = {"data-operation-approval", "multi-person-approval", "permit-lifecycle"};

  private EngineFloor() {
  }

  static void deploy(RepositoryService repository, AuthorizationService authorizations) throws IOException {
    var deployment = repository.createDeployment().name("benchmark engine floor");
    for (String key : PROCESSES) {
      deployment.addModelInstance(PREFIX + key + ".bpmn", strip(Bpmn.readModelFromFile(Path.of("bpmn", key + ".bpmn").toFile())));
    }
    String dmn = Files.readString(Path.of("bpmn", "approval-policy.dmn"), StandardCharsets.UTF_8)
        .replace("id=\"approval-policy\"", "id=\"" + PREFIX + "approval-policy\"")
        .replace("id=\"approval-checks\"", "id=\"" + PREFIX + "approval-checks\"");
    deployment.addString(PREFIX + "approval-policy.dmn", dmn);
    deployment.deploy();
    // the requester starts it as he starts the real one: with a grant on its definition
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId("employee");
    grant.setResource(Resources.PROCESS_DEFINITION);
    grant.setResourceId(REQUEST);
    grant.addPermission(Permissions.READ);
    grant.addPermission(ProcessDefinitionPermissions.CREATE_INSTANCE);
    authorizations.saveAuthorization(grant);
  }

  /** The request's variables as the requester submits them, plus what dsflow's code would have set. */
  static Map<String, Object> startVariables(Map<String, Object> request) {
    Map<String, Object> v = new HashMap<>(request);
    long now = System.currentTimeMillis();
    v.put("requestId", java.util.UUID.randomUUID().toString());
    v.put("requestSummary", "批量导出 · 一般数据 · 5000 条");
    v.put("crossBorderRoute", null);
    v.put("approvalReminderAt", new Date(now + 86_400_000L * 3));
    v.put("approvalDueAt", new Date(now + 86_400_000L * 5));
    v.put("permitId", java.util.UUID.randomUUID().toString());
    v.put("permitValidUntil", new Date(now + 86_400_000L * 30));
    v.put("permitOutcome", "ISSUED");
    return v;
  }

  static BpmnModelInstance strip(BpmnModelInstance model) {
    for (Process p : model.getModelElementsByType(Process.class)) {
      p.setId(PREFIX + p.getId());
    }
    remove(model.getModelElementsByType(CamundaExecutionListener.class));
    remove(model.getModelElementsByType(CamundaTaskListener.class));
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      task.removeAttributeNs(BpmnModelConstants.CAMUNDA_NS, "delegateExpression");
      task.setCamundaExpression("${true}");
    }
    for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
      task.setCamundaDecisionRef(PREFIX + task.getCamundaDecisionRef());
    }
    for (ConditionExpression c : model.getModelElementsByType(ConditionExpression.class)) {
      if (c.getTextContent().contains("(execution)")) {
        c.setTextContent("${false}");
      }
    }
    for (CompletionCondition c : model.getModelElementsByType(CompletionCondition.class)) {
      c.setTextContent("${false}");
    }
    for (MultiInstanceLoopCharacteristics mi : model.getModelElementsByType(MultiInstanceLoopCharacteristics.class)) {
      mi.setCamundaCollection("${approverGroups}");
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      withoutForm(task);
      if (task.getCamundaDueDate() != null && task.getCamundaDueDate().contains("(")) {
        task.removeAttributeNs(BpmnModelConstants.CAMUNDA_NS, "dueDate");
      }
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      withoutForm(start);
    }
    for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
      call.setCalledElement(PREFIX + call.getCalledElement());
      if (call.getCalledElement().endsWith("multi-person-approval")) {
        // dsflow's code sets these inside the called approval (slots from the register, deadlines from the calendar)
        for (String name : List.of("approverGroups", "approvalReminderAt", "approvalDueAt")) {
          CamundaIn in = model.newInstance(CamundaIn.class);
          in.setCamundaSource(name);
          in.setCamundaTarget(name);
          call.getExtensionElements().addChildElement(in);
        }
      }
    }
    Bpmn.validateModel(model);
    return model;
  }

  private static void withoutForm(ModelElementInstance element) {
    element.removeAttributeNs(BpmnModelConstants.CAMUNDA_NS, "formRef");
    element.removeAttributeNs(BpmnModelConstants.CAMUNDA_NS, "formRefBinding");
  }

  private static void remove(java.util.Collection<? extends ModelElementInstance> elements) {
    for (ModelElementInstance e : new ArrayList<>(elements)) {
      e.getParentElement().removeChildElement(e);
    }
  }
}
