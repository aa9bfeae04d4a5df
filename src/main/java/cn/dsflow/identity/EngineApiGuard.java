package cn.dsflow.identity;

import cn.dsflow.identity.EngineOperationPolicy.Kind;
import cn.dsflow.identity.EngineOperationPolicy.Operation;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.form.DeclaredInput;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.system.RefusalChannel;
import cn.dsflow.system.SystemCommands;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinitionQuery;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door of Camunda's generic REST API, {@code /engine-rest} (HTTP Basic) and the webapps' session API
 * {@code /camunda/api/engine/engine/{name}} alike: applies {@link EngineOperationPolicy} to ordinary users, and to
 * everyone the rule that a start or completion carries only the fields of its form ({@link DeclaredInput}). It runs
 * before Camunda's REST layer, so a refused call never reaches the engine: a refused job execution cannot count as a
 * failed run (issue 20). Every refusal is answered as JSON and recorded in the audit chain.
 */
public class EngineApiGuard extends OncePerRequestFilter {

  static final String REFUSED = "ENGINE_OPERATION_REFUSED";
  static final String INPUT_REFUSED = "ENGINE_INPUT_REFUSED";

  private static final Pattern WEBAPP = Pattern.compile("/camunda/api/engine/engine/([^/]+)(?:/(.*))?");
  private static final Pattern REST = Pattern.compile("/engine-rest(?:/engine/([^/]+))?(?:/(.*))?");
  /** Cockpit's own back end (process statistics, incident counts): Camunda checks only that a session exists. */
  private static final Pattern COCKPIT = Pattern.compile("/camunda/api/cockpit/plugin/[^/]+/([^/]+)(?:/(.*))?");
  private static final List<String> METHOD_OVERRIDES = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

  private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private final IdentityService identityService;
  private final RepositoryService repositoryService;
  private final FormService formService;
  private final TaskService taskService;
  private final SystemCommands system;
  private final DeclaredInput declaredInput;
  private final AuditChain audit;

  public EngineApiGuard(IdentityService identityService, RepositoryService repositoryService, FormService formService,
      TaskService taskService, SystemCommands system, DeclaredInput declaredInput, AuditChain audit) {
    this.identityService = identityService;
    this.repositoryService = repositoryService;
    this.formService = formService;
    this.taskService = taskService;
    this.system = system;
    this.declaredInput = declaredInput;
    this.audit = audit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String uri = normalised(request);
    Matcher cockpit = COCKPIT.matcher(uri);
    if (cockpit.matches()) {
      guardCockpit(request, response, chain, cockpit);
      return;
    }
    Matcher webapp = WEBAPP.matcher(uri);
    Matcher rest = REST.matcher(uri);
    EngineApiCaller caller;
    String path;
    if (webapp.matches()) {
      caller = EngineApiCaller.ofSession(request, webapp.group(1), identityService, system);
      path = webapp.group(2);
    } else if (rest.matches()) {
      caller = EngineApiCaller.ofBasicLogin(identityService);
      path = rest.group(2);
    } else {
      chain.doFilter(request, response);
      return;
    }
    if (caller == null || path == null) {
      chain.doFilter(request, response); // not signed in: Camunda answers 401
      return;
    }
    try {
      for (String header : METHOD_OVERRIDES) {
        if (request.getHeader(header) != null) {
          throw new EngineRefusal(400, "method_override_refused", "不接受 " + header + " (method override not accepted)");
        }
      }
      Operation operation = EngineOperationPolicy.classify(request.getMethod(), path);
      if (operation.kind() == Kind.UNCLAIM && !caller.admin()) {
        giveBack(caller, operation.subject(), response);
        return;
      }
      byte[] body = check(caller, operation, request);
      chain.doFilter(body == null ? request : new RewrittenJsonRequest(request, body), response);
    } catch (EngineRefusal refusal) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("code", refusal.code());
      detail.put("reason", refusal.reason());
      detail.put("api", caller.api());
      detail.put("method", request.getMethod());
      detail.put("path", path);
      audit.appendIndependently(refusal.status() == 403 ? REFUSED : INPUT_REFUSED, caller.userId(), "engine-api", path, detail);
      write(response, refusal);
    }
  }

  /**
   * Cockpit's plugin API is for those who may open Cockpit (the officers and admin): an employee's Tasklist session
   * must not read how many incident responses are running through it (issue 13).
   */
  private void guardCockpit(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Matcher cockpit)
      throws ServletException, IOException {
    EngineApiCaller caller = EngineApiCaller.ofSession(request, cockpit.group(1), identityService, system);
    if (caller == null || caller.admin() || caller.in(IdentitySetup.COCKPIT_GROUPS)) {
      chain.doFilter(request, response); // not signed in: Camunda answers 401
      return;
    }
    EngineRefusal refusal = EngineRefusal.forbidden("cockpit_refused",
        "Cockpit 的统计和查询仅限数据安全官员和管理员 (Cockpit's statistics are for officers and the administrator)");
    String path = cockpit.group(2) == null ? "" : cockpit.group(2);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("code", refusal.code());
    detail.put("reason", refusal.reason());
    detail.put("api", "cockpit");
    detail.put("method", request.getMethod());
    detail.put("path", path);
    audit.appendIndependently(REFUSED, caller.userId(), "engine-api", path, detail);
    write(response, refusal);
  }

  /** Applies the rules; returns the body to pass on when it had to be read, else null. */
  private byte[] check(EngineApiCaller caller, Operation operation, HttpServletRequest request) throws IOException {
    String subject = operation.subject();
    switch (operation.kind()) {
      case READ, TASK_NOTE -> {
        return null;
      }
      case STATISTICS -> {
        if (!caller.in(Group.AUDIT_READERS)) {
          throw EngineRefusal.forbidden("statistics_refused",
              "引擎统计和指标仅限数据安全官员和管理员 (engine statistics and metrics are for officers and the administrator)");
        }
        return null;
      }
      case OWN_PASSWORD -> {
        if (!caller.admin() && !subject.equals(caller.userId())) {
          throw operationRefused();
        }
        return null;
      }
      case CLOCKWORK -> {
        if (!caller.admin()) {
          throw EngineRefusal.forbidden("admin_only",
              "作业执行、重试、挂起和删除仅限管理员：法定期限的计时器不得被停下 (jobs, retries, suspension and deletion are for the administrator only)");
        }
        return null;
      }
      case ENGINE_OPERATION -> {
        if (!caller.admin()) {
          throw operationRefused();
        }
        return null;
      }
      case START -> {
        ObjectNode body = RewrittenJsonRequest.bodyOf(request, json);
        if (!caller.admin()) {
          for (String flag : List.of("startInstructions", "skipCustomListeners", "skipIoMappings")) {
            JsonNode v = body.path(flag);
            if (!v.isMissingNode() && !v.isNull() && !(v.isBoolean() && !v.asBoolean())) {
              throw EngineRefusal.forbidden("engine_operation_refused",
                  flag + "：流程只能从开始事件经表单启动 (a process starts only at its start event, through its form)");
            }
          }
        }
        if (present(body.path("businessKey"))) {
          // the business key is what Cockpit and Tasklist show as the request's name: a requester must not pick one
          // that passes for another request (issue 12 follow-up), whoever calls; "" and {} are a choice too, not absence
          throw new EngineRefusal(400, "business_key_refused",
              "业务标识由系统设定，启动时不能指定 (a business key is not accepted on a start)");
        }
        if (present(body.path("caseInstanceId"))) {
          // dsflow runs no CMMN case: a start that names one links the request to a case it never had, whoever calls
          throw new EngineRefusal(400, "case_instance_refused",
              "申请不属于任何案例，启动时不能指定案例实例 (a case instance is not accepted on a start)");
        }
        String definitionId = definitionToStart(caller, subject);
        if (definitionId == null) {
          return json.writeValueAsBytes(body); // the caller may not see it: Camunda answers 404 and starts nothing
        }
        String formId = system.run(() -> formKey(formService.getStartFormData(definitionId).getCamundaFormRef()));
        return variablesAccepted(body, formId, name -> null);
      }
      case COMPLETE, RESOLVE, CLAIM, UNCLAIM -> {
        Task task = system.run(() -> taskService.createTaskQuery().taskId(subject).initializeFormKeys().singleResult());
        if (task == null) {
          return null; // Camunda answers 404
        }
        return taskRules(caller, operation.kind(), task, request);
      }
      default -> throw new IllegalStateException(operation.kind().name());
    }
  }

  /** A start field the caller sent at all: anything but absent or JSON null, the empty string and {} included. */
  private static boolean present(JsonNode field) {
    return !field.isMissingNode() && !field.isNull();
  }

  private byte[] taskRules(EngineApiCaller caller, Kind kind, Task task, HttpServletRequest request) throws IOException {
    ObjectNode body = RewrittenJsonRequest.bodyOf(request, json);
    switch (kind) {
      case CLAIM -> {
        if (!caller.admin() && !caller.userId().equals(body.path("userId").asText(null))) {
          throw EngineRefusal.forbidden("engine_operation_refused", "只能为自己认领任务 (a task is claimed only by oneself)");
        }
        return json.writeValueAsBytes(body);
      }
      case UNCLAIM -> {
        return json.writeValueAsBytes(body); // the administrator's; an ordinary user's is handled by giveBack
      }
      case RESOLVE -> {
        // 000 §3.4.2: a decision is recorded by its listener; resolve skips the listeners, so it is for delegations only
        if (task.getDelegationState() != DelegationState.PENDING) {
          throw EngineRefusal.forbidden("engine_operation_refused",
              "任务未被委派，不能 resolve (resolve is only for a delegated task)");
        }
      }
      default -> { }
    }
    String formId = formKey(task.getCamundaFormRef());
    return variablesAccepted(body, formId, name -> shownOn(task.getId(), name));
  }

  /** The value a read-only field of the task shows now; the task may have been completed by someone else meanwhile. */
  private Object shownOn(String taskId, String name) {
    try {
      return system.run(() -> taskService.getVariable(taskId, name));
    } catch (RuntimeException e) {
      throw new EngineRefusal(409, "task_conflict", "该任务已被他人同时处理 (someone else completed this task meanwhile)");
    }
  }

  /**
   * Gives a task back as Tasklist's "unclaim" does, for its assignee only. Camunda would ask for TASK_ASSIGN, which
   * also lets a user assign a task to anyone; candidates hold only TASK_WORK, so the guard does this one step itself.
   */
  private void giveBack(EngineApiCaller caller, String taskId, HttpServletResponse response) {
    Task task = system.run(() -> taskService.createTaskQuery().taskId(taskId).singleResult());
    if (task == null || !caller.userId().equals(task.getAssignee())) {
      throw EngineRefusal.forbidden("engine_operation_refused", "只能退回自己认领的任务 (only the assignee gives a task back)");
    }
    try {
      system.run(() -> taskService.setAssignee(taskId, null));
    } catch (RuntimeException e) {
      EngineRefusal refusal = EngineRefusal.in(e);
      throw refusal != null ? refusal
          : new EngineRefusal(409, "task_conflict", "任务已被他人处理 (the task changed meanwhile; reload it)");
    }
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }

  private byte[] variablesAccepted(ObjectNode body, String formId, Function<String, Object> stored) throws IOException {
    JsonNode variables = body.path("variables");
    if (variables.isObject()) {
      body.set("variables", declaredInput.accept(formId, (ObjectNode) variables, stored));
    } else if (!variables.isMissingNode() && !variables.isNull()) {
      throw EngineRefusal.invalid("variables", "应为对象 (must be an object)");
    }
    return json.writeValueAsBytes(body);
  }

  private static String formKey(CamundaFormRef ref) {
    return ref == null ? null : ref.getKey();
  }

  /**
   * The definition a start addresses, found the way Camunda's REST layer finds it: by key with the caller's own rights
   * (null when they may not read it, and Camunda answers 404), by id whatever they may read (Camunda then checks
   * CREATE_INSTANCE), so the variables are always checked against the form of what would start.
   */
  private String definitionToStart(EngineApiCaller caller, String selector) {
    if (!selector.startsWith("key/")) {
      return system.run(() -> {
        ProcessDefinition d = repositoryService.createProcessDefinitionQuery().processDefinitionId(selector).singleResult();
        return d == null ? null : d.getId();
      });
    }
    String[] parts = selector.split("/");
    ProcessDefinitionQuery query = repositoryService.createProcessDefinitionQuery().processDefinitionKey(parts[1]).latestVersion();
    if (parts.length == 4) {
      query.tenantIdIn(parts[3]);
    } else {
      query.withoutTenantId();
    }
    Authentication before = identityService.getCurrentAuthentication();
    identityService.setAuthentication(caller.userId(), caller.groups());
    try {
      List<ProcessDefinition> found = query.list();
      return found.size() == 1 ? found.get(0).getId() : null;
    } finally {
      if (before == null) {
        identityService.clearAuthentication();
      } else {
        identityService.setAuthentication(before);
      }
    }
  }

  private static EngineRefusal operationRefused() {
    return EngineRefusal.forbidden("engine_operation_refused",
        "此引擎操作仅限管理员 (this engine operation is for the administrator only; use Tasklist or the dsflow API)");
  }

  /** The path as the REST layer will match it: decoded, path parameters dropped, no empty segments. */
  private static String normalised(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    path = path.replaceAll("/{2,}", "/");
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }

  private void write(HttpServletResponse response, EngineRefusal refusal) throws IOException {
    RefusalChannel.log(refusal);
    Map<String, Object> body = refusal.answer();
    response.resetBuffer();
    response.setStatus(refusal.status());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getOutputStream().write(json.writeValueAsBytes(body));
  }
}
