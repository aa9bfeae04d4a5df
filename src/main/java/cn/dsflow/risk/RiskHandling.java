package cn.dsflow.risk;

import cn.dsflow.calendar.WorkingDayCalendar;
import cn.dsflow.incident.IncidentSettings;
import cn.dsflow.process.EngineVariables;
import cn.dsflow.process.RiskVariables;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.SubmittedFields;
import cn.dsflow.system.SystemCommands;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The steps of handling a risk (000 §5.2–5.3): the assessment decides whether the regulator must be told (a possible
 * 较大-or-worse incident, or important/core data) and whether the risk is already an incident; disposal is planned as
 * remediation tasks, each with an owner and a deadline; the disposal result enters the register.
 */
@Component("riskHandling")
public class RiskHandling {

  private final RiskRegister register;
  private final IdentityService identityService;
  private final SystemCommands system;
  private final ObjectMapper json;
  private final IncidentSettings incidentSettings;
  private final WorkingDayCalendar workingDays;

  public RiskHandling(RiskRegister register, IdentityService identityService, SystemCommands system, ObjectMapper json,
      IncidentSettings incidentSettings, WorkingDayCalendar workingDays) {
    this.register = register;
    this.identityService = identityService;
    this.system = system;
    this.json = json;
    this.incidentSettings = incidentSettings;
    this.workingDays = workingDays;
  }

  /**
   * Who must be told, and by when. The Plan's warning stage: whoever 认为可能发生较大及以上数据安全事件 reports to the
   * local regulator 立即, the same "立即" as the incident path's warning report (dsflow.incident.warning-report-sla),
   * counted from this assessment, the moment the company forms that view. 000 §5.2(2)–(3) adds important or core data
   * at any level, reported 及时: by the end of the next working day.
   */
  public void assessed(DelegateTask task) {
    SubmittedFields f = new SubmittedFields(task.getVariables());
    boolean possible = f.flag(RiskVariables.MAY_CAUSE_SERIOUS_INCIDENT);
    boolean importantOrCore = !RiskVariables.DATA_LEVEL.is(task, "GENERAL");
    Date now = ClockUtil.getCurrentTime();
    RiskVariables.MAY_CAUSE_SERIOUS_INCIDENT.set(task, possible);
    RiskVariables.REPORT_REQUIRED.set(task, possible || importantOrCore);
    RiskVariables.RISK_REPORT_DUE_AT.set(task,
        possible ? Date.from(now.toInstant().plus(incidentSettings.warningReportSla())) : workingDays.deadline(now, 1));
    RiskVariables.RISK_REPORT_OVERDUE.set(task, false);
    RiskVariables.ESCALATE_TO_INCIDENT.set(task, f.flag(RiskVariables.ESCALATE_TO_INCIDENT));
  }

  public void reportedToRegulator(DelegateTask task) {
    register.markReportedToRegulator(RiskVariables.RISK_ID.get(task), ClockUtil.getCurrentTime().toInstant());
  }

  /** The disposal plan: at least one remediation, each with an existing owner and a deadline not in the past. */
  public void planned(DelegateTask task) {
    List<Map<String, Object>> items = items(RiskVariables.REMEDIATIONS.get(task));
    if (items.isEmpty()) {
      throw EngineRefusal.invalid(RiskVariables.REMEDIATIONS.name(), "至少一项整改措施 (at least one remediation)");
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    List<String> owners = new ArrayList<>();
    List<String> actions = new ArrayList<>();
    List<String> dues = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      SubmittedFields f = new SubmittedFields(items.get(i));
      String at = RiskVariables.REMEDIATIONS.name() + "[" + i + "].";
      String owner;
      String action;
      Instant due;
      try {
        action = f.text(RiskVariables.REMEDIATION_ACTION, SubmittedFields.LONG_TEXT);
        owner = f.text(RiskVariables.REMEDIATION_OWNER, 128);
        due = f.instant(RiskVariables.REMEDIATION_DUE_DATE, true);
      } catch (EngineRefusal e) {
        throw EngineRefusal.invalid(at + e.reason().substring(0, e.reason().indexOf(':')), e.reason().substring(e.reason().indexOf(':') + 2));
      }
      String ownerId = owner;
      if (system.run(() -> identityService.createUserQuery().userId(ownerId).count()) == 0) {
        throw EngineRefusal.invalid(at + RiskVariables.REMEDIATION_OWNER.name(), "没有这个用户 (no such user): " + owner);
      }
      if (due.isBefore(now)) {
        throw EngineRefusal.invalid(at + RiskVariables.REMEDIATION_DUE_DATE.name(), "期限已过 (lies in the past)");
      }
      owners.add(owner);
      actions.add(action);
      dues.add(due.toString());
    }
    // three lists in step, indexed by the multi-instance loopCounter: one fixed name each, none built from the index
    RiskVariables.REMEDIATION_OWNERS.set(task, owners);
    RiskVariables.REMEDIATION_ACTIONS.set(task, actions);
    RiskVariables.REMEDIATION_DUES.set(task, dues);
    RiskVariables.REMEDIATIONS.remove(task);
  }

  /** Create listener of each remediation task: its own action as its name, its own deadline as its due date. */
  public void remediationOpened(DelegateTask task) {
    int i = EngineVariables.LOOP_COUNTER.get(task.getExecution());
    String action = (String) RiskVariables.REMEDIATION_ACTIONS.get(task).get(i);
    task.setName("整改：" + action);
    task.setDueDate(Date.from(Instant.parse((String) RiskVariables.REMEDIATION_DUES.get(task).get(i))));
    RiskVariables.REMEDIATION_ACTION.setLocal(task, action);
  }

  public void disposed(DelegateTask task) {
    SubmittedFields f = new SubmittedFields(task.getVariables());
    register.markDisposed(RiskVariables.RISK_ID.get(task), ClockUtil.getCurrentTime().toInstant(),
        f.text(RiskVariables.DISPOSAL_RESULT, SubmittedFields.LONG_TEXT));
  }

  private List<Map<String, Object>> items(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> maps = (List<Map<String, Object>>) list;
      return maps;
    }
    try {
      return json.readValue(value.toString(), new TypeReference<List<Map<String, Object>>>() {});
    } catch (Exception e) {
      throw EngineRefusal.invalid(RiskVariables.REMEDIATIONS.name(), "格式不符 (must be a list of remediations)");
    }
  }

}
