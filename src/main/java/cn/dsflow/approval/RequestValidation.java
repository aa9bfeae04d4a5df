package cn.dsflow.approval;

import cn.dsflow.identity.Group;
import cn.dsflow.intake.Intake;
import cn.dsflow.process.RequestVariables;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import cn.dsflow.system.SystemCommands;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Start listener of {@code data-operation-approval}, admitted through {@link Intake}: checks the request as the form
 * does (the REST API bypasses the form), and refuses a bad one before anything is written. A valid request — this
 * one, a cross-border transfer or a destruction — is registered (000 §3.4.2(2)) in {@link RequestRegister} with its
 * content hash, and the registration is audited.
 */
@Component("requestValidation")
public class RequestValidation implements ExecutionListener {

  /** More named executors than this is not a named executor but a distribution list. */
  static final int MAX_EXECUTORS = 10;

  /** The audit event of a refused request of the approval family (data operation, cross-border, destruction). */
  public static final String REFUSED = "REQUEST_REFUSED";

  private final Intake intake;
  private final ApprovalSettings settings;
  private final RequestRegister register;
  private final IdentityService identityService;
  private final SystemCommands system;

  public RequestValidation(Intake intake, ApprovalSettings settings, RequestRegister register,
      IdentityService identityService, SystemCommands system) {
    this.intake = intake;
    this.settings = settings;
    this.register = register;
    this.identityService = identityService;
    this.system = system;
  }

  /** A request of the approval family with what its own process adds to it (a transfer's recipient, a destruction's copies). */
  public record Extended<F>(DataOperationRequest request, F facts) {}

  @Override
  public void notify(DelegateExecution execution) {
    Intake.Admitted<DataOperationRequest> admitted = admit(execution, (submitter, submitted) ->
        DataOperationRequest.from(submitted, ClockUtil.getCurrentTime().toInstant(), settings.maxValidity()));
    register(execution, admitted, admitted.content(), Map.of());
  }

  /**
   * The intake of every process of the approval family (data operation, cross-border transfer, destruction): the
   * process's own rules, then its start form's, refused and audited as {@link #REFUSED}; register what passes with
   * {@link #register}.
   */
  public <T> Intake.Admitted<T> admit(DelegateExecution execution, Intake.Rules<T> rules) {
    return intake.admit(execution, REFUSED, rules);
  }

  /** The fields every approved operation has, as submitted to this start (000 §3.4.2(2)). */
  public DataOperationRequest submitted(DelegateExecution execution) {
    return DataOperationRequest.asSubmitted(execution.getVariables(), ClockUtil.getCurrentTime().toInstant(),
        settings.maxValidity());
  }

  /**
   * Registers a checked request (000 §3.4.2(2)) in the register, with who may execute it, and sets the variables
   * that mirror it for forms and Cockpit; audits REQUEST_SUBMITTED with the content (plus what the process adds).
   */
  public void register(DelegateExecution execution, Intake.Admitted<?> admitted, DataOperationRequest request,
      Map<String, Object> extra) {
    String requestId = admitted.instanceId();
    String requester = admitted.submitter();
    List<String> executors;
    try {
      executors = executors(RequestVariables.EXECUTORS.get(execution));
    } catch (EngineRefusal refusal) {
      throw intake.refused(admitted, REFUSED, refusal);
    }
    Date now = ClockUtil.getCurrentTime();
    register.register(admitted.processKey(), requestId, requester, now.toInstant(), request, extra, executors);
    RequestVariables.REQUEST_ID.set(execution, requestId);
    RequestVariables.REQUESTED_AT.set(execution, now);
    RequestVariables.REQUEST_HASH.set(execution, request.contentHash());
    RequestVariables.REQUEST_SUMMARY.set(execution, request.summary());
    RequestVariables.RECORD_COUNT.set(execution, request.recordCount());
    RequestVariables.VALID_FROM_AT.set(execution, Date.from(request.validFrom()));
    RequestVariables.VALID_UNTIL_AT.set(execution, Date.from(request.validUntil()));
    RequestVariables.RECIPIENT_FOREIGN.set(execution, request.recipientForeign());
    RequestVariables.EXECUTORS.set(execution, String.join(", ", executors));
    RequestVariables.REJECTED.set(execution, false);
    RequestVariables.CHECKS_FAILED.set(execution, false);
    Map<String, Object> content = new LinkedHashMap<>(request.content());
    content.putAll(extra);
    content.put("executors", executors);
    intake.recorded(admitted, "REQUEST_SUBMITTED", "request", Map.of("content", content, "hash", request.contentHash()));
  }

  /**
   * The accounts the request names to execute it (D: a permit is not a bearer token): optional, comma- or
   * space-separated, each a member of the group {@code executor}.
   */
  List<String> executors(Object submitted) {
    String text = new SubmittedFields(Map.of(RequestVariables.EXECUTORS.name(), submitted == null ? "" : submitted))
        .optionalText(RequestVariables.EXECUTORS, SubmittedFields.SHORT_TEXT);
    List<String> ids = new ArrayList<>();
    if (text == null) {
      return ids;
    }
    List<String> named = Arrays.stream(text.split("[,，;\\s]+")).filter(s -> !s.isBlank()).distinct().toList();
    if (named.size() > MAX_EXECUTORS) {
      throw EngineRefusal.invalid(RequestVariables.EXECUTORS.name(),
          "最多指定 " + MAX_EXECUTORS + " 个执行账号 (at most " + MAX_EXECUTORS + ")");
    }
    for (String id : named) {
      boolean executor = system.run(() ->
          identityService.createUserQuery().userId(id).memberOfGroup(Group.EXECUTOR.id()).count() > 0);
      if (!executor) {
        throw EngineRefusal.invalid(RequestVariables.EXECUTORS.name(),
            id + " 不是执行系统账号（组 executor） (not an account of the group executor)");
      }
      ids.add(id);
    }
    return ids;
  }

}
