package cn.dsflow.identity;

import cn.dsflow.form.FormContract;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.system.RefusalChannel;
import cn.dsflow.system.SystemCommands;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Camunda's REST layer (both {@code /engine-rest} and the webapps' {@code /camunda/api/engine}) answers 400 or 500 for
 * a refusal a listener throws. {@link RefusalChannel} hands this filter the refusal object of the request; the filter
 * answers with the status it means (400, 403, 409 …) and {@code {error, message}}, so Tasklist and REST clients see
 * "申请人不得审批自己的申请", not a stack of wrappers. It also turns a lost race into 409 and audits the engine's own
 * authorization refusals.
 */
public class EngineRefusalResponseFilter extends OncePerRequestFilter {

  /** An act on one task that two people can race for: {@code …/task/{id}/complete}, {@code submit-form}, {@code claim}. */
  private static final java.util.regex.Pattern TASK_COMPLETION =
      java.util.regex.Pattern.compile(".*/task/([^/]+)/(complete|submit-form|resolve|claim)$");

  private final ObjectMapper mapper = new ObjectMapper();
  private final TaskConflicts conflicts;
  private final cn.dsflow.ledger.AuditChain audit;
  private final FormContract forms;
  private final TaskService tasks;
  private final SystemCommands system;

  public EngineRefusalResponseFilter(TaskConflicts conflicts, cn.dsflow.ledger.AuditChain audit, FormContract forms,
      TaskService tasks, SystemCommands system) {
    this.conflicts = conflicts;
    this.audit = audit;
    this.forms = forms;
    this.tasks = tasks;
    this.system = system;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
    try (RefusalChannel.Slot slot = RefusalChannel.open()) {
      try {
        chain.doFilter(request, wrapper);
      } finally {
        answer(request, wrapper, slot.refusal());
      }
    }
  }

  private void answer(HttpServletRequest request, ContentCachingResponseWrapper wrapper, EngineRefusal refusal)
      throws IOException {
    String text = new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8);
    java.util.regex.Matcher completion = TASK_COMPLETION.matcher(request.getRequestURI());
    if (wrapper.getStatus() >= 400 && completion.matches()
        && (isLostRace(text) || refusal != null && "task_conflict".equals(refusal.code()))) {
      conflicts.record(completion.group(1), completion.group(2), basicUser(request)).ifPresentOrElse(c -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "TaskConflict");
        body.put("error", "task_conflict");
        body.put("message", "该任务已被处理" + (c.completedBy() == null ? "" : "（" + c.completedBy() + "）")
            + "，您的提交未生效 (the task was already completed; your submission was not applied)");
        write(wrapper, 409, body);
      }, () -> {
        // a task id that never existed is bad input, not a server fault (it was a 500, found by the attack)
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "TaskNotFound");
        body.put("error", "task_not_found");
        body.put("message", "任务不存在 (no such task)");
        write(wrapper, 404, body);
      });
    } else if (wrapper.getStatus() == HttpServletResponse.SC_FORBIDDEN && text.contains("AuthorizationException")
        && !List.of("GET", "HEAD", "OPTIONS").contains(request.getMethod())) {
      // the engine's own authorization refused a write (a slot outside one's group, a start without CREATE_INSTANCE):
      // a refusal that matters to compliance, recorded like ours
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("code", "engine_authorization");
      detail.put("method", request.getMethod());
      detail.put("path", request.getRequestURI());
      detail.put("reason", authorizationMessage(text));
      audit.appendIndependently("ENGINE_AUTHORIZATION_REFUSED", caller(request), "engine-api", request.getRequestURI(),
          detail);
    } else if (wrapper.getStatus() >= 400 && refusal != null) {
      write(wrapper, refusal.status(), named(completion, refusal).answer());
    } else if (wrapper.getStatus() == HttpServletResponse.SC_INTERNAL_SERVER_ERROR && isInvalidQuery(text)) {
      // criteria the engine cannot combine (candidateUser with candidateGroups, assigned tasks on a group filter) are
      // the caller's mistake, not a server fault; the engine answers them 500 (found by the attack)
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", "InvalidQuery");
      body.put("error", "invalid_query");
      body.put("message", "查询条件不能这样组合 (these query criteria cannot be combined)");
      write(wrapper, 400, body);
    }
    wrapper.copyBodyToResponse();
  }

  /**
   * A refused field of a task form, named as the person's form shows it: whichever listener refused it knew the key,
   * not the form (a start's fields are named by Intake, which knows its start form).
   */
  private EngineRefusal named(java.util.regex.Matcher completion, EngineRefusal refusal) {
    if (refusal.field() == null || !completion.matches()) {
      return refusal;
    }
    String taskId = completion.group(1);
    Task task = system.run(() -> tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult());
    CamundaFormRef form = task == null ? null : task.getCamundaFormRef();
    return form == null ? refusal : forms.labelled(form.getKey(), refusal);
  }

  /**
   * The engine's own words for a query whose criteria contradict each other, directly or through a filter, or whose
   * values it cannot use before any command runs (values refused inside a command: RefusalChannel.Unwrap).
   */
  private boolean isInvalidQuery(String body) {
    try {
      JsonNode answer = mapper.readTree(body);
      String message = answer.path("message").asText("");
      String type = answer.path("type").asText();
      return "ProcessEngineException".equals(type)
          && (message.startsWith("Invalid query usage") || message.startsWith("Unable to invoke method 'task"))
          // refused while the engine REST builds the query (no command runs yet): an object as a variable value,
          // a null among a query's values
          || message.startsWith("Object values cannot be used to query") || "NullValueException".equals(type);
    } catch (IOException e) {
      return false;
    }
  }

  private String authorizationMessage(String body) {
    try {
      return mapper.readTree(body).path("message").asText(body);
    } catch (IOException e) {
      return body.length() > 500 ? body.substring(0, 500) : body;
    }
  }

  /** The HTTP Basic user of {@code /engine-rest}, or the Tasklist session's user of the webapps' engine API. */
  private static String caller(HttpServletRequest request) {
    String user = basicUser(request);
    jakarta.servlet.http.HttpSession session = request.getSession(false);
    if (user == null && session != null) {
      var auth = org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil.getAuthsFromSession(session)
          .getAuthenticationForProcessEngine("default");
      user = auth == null ? null : auth.getIdentityId();
    }
    return user;
  }

  /**
   * How the slower of two acts on one task fails. {@link TaskRowLock} makes it wait for the faster one and then find the
   * task gone or claimed by someone else; a stale row or the one-decision-per-task key (V2 migration) remain as the
   * engine's and the database's own backstops.
   */
  private static boolean isLostRace(String body) {
    return body.contains("OptimisticLockingException") || body.contains("Cannot find task") || body.contains("task is null")
        || body.contains("TaskAlreadyClaimedException") || body.contains("dsf_approval_decision_task_id_key");
  }

  private void write(ContentCachingResponseWrapper wrapper, int status, Map<String, Object> body) {
    try {
      wrapper.resetBuffer();
      wrapper.setStatus(status);
      wrapper.setContentType(MediaType.APPLICATION_JSON_VALUE);
      wrapper.setCharacterEncoding(StandardCharsets.UTF_8.name());
      wrapper.getOutputStream().write(mapper.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The user of an HTTP Basic request (the REST API); null for a webapp session. */
  private static String basicUser(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
