package cn.dsflow.risk;

import static cn.dsflow.process.RiskVariables.*;

import cn.dsflow.calendar.WorkingDayCalendar;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.system.ApiException;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.form.FormContract;
import cn.dsflow.process.Var;
import cn.dsflow.system.SystemCommands;
import cn.dsflow.system.WordDocument;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Risk information over HTTP: a monitoring system reports a risk (idempotent on its own key, so a retried alert does
 * not open a second case); officers read a risk's annex-1 report and the period summary of annex 2.
 */
@RestController
@RequestMapping("/api/risks")
class RiskController {

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final RiskRegister register;
  private final RiskSummary summary;
  private final FormContract forms;
  private final CurrentUser currentUser;
  private final SystemCommands system;
  private final TransactionTemplate transactions;

  RiskController(RuntimeService runtimeService, HistoryService historyService, RiskRegister register, RiskSummary summary,
      FormContract forms, CurrentUser currentUser, SystemCommands system, TransactionTemplate transactions) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.register = register;
    this.summary = summary;
    this.forms = forms;
    this.currentUser = currentUser;
    this.system = system;
    this.transactions = transactions;
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> report(@RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody Map<String, Object> body) {
    if (key == null || key.isBlank() || key.length() > 128) {
      throw ApiException.badRequest("Idempotency-Key", "须提供请求键（1–128 个字符），重试时使用同一个键 (an Idempotency-Key header of 1–128 characters is required)");
    }
    String caller = currentUser.id();
    var existing = register.caseForKey(caller, key);
    if (existing.isPresent()) {
      return ResponseEntity.ok(Map.of("riskId", existing.get(), "created", false));
    }
    Map<String, Object> variables = new HashMap<>(body);
    variables.put(SOURCE.name(), "MONITORING");
    variables.remove(REPORTER.name());
    try {
      String riskId = transactions.execute(status -> {
        String id = runtimeService.startProcessInstanceByKey("risk-report", variables).getId();
        register.rememberKey(caller, key, id, ClockUtil.getCurrentTime().toInstant());
        return id;
      });
      return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("riskId", riskId, "created", true));
    } catch (DuplicateKeyException raced) {
      // the same alert arrived twice at the same moment: the other request opened the case
      return ResponseEntity.ok(Map.of("riskId", register.caseForKey(caller, key).orElseThrow(), "created", false));
    } catch (RuntimeException e) {
      EngineRefusal refusal = EngineRefusal.in(e);
      if (refusal == null) {
        throw e;
      }
      throw ApiException.refused(refusal);
    }
  }

  /** The risk as reported, in the structure of 002 annex 1 (风险信息报送模板). */
  @GetMapping("/{riskId}/report")
  ResponseEntity<byte[]> riskReport(@PathVariable String riskId) {
    requireOfficer();
    Map<String, Object> v = variables(riskId);
    WordDocument doc = new WordDocument("数据安全风险信息报告")
        .note(v.get(FOUND_DATE.name()) + "，" + v.get(REPORTING_UNIT.name()) + "发现" + v.get(RISK_UNIT.name())
            + v.get(SYSTEM_NAME.name()) + "存在数据安全风险。");
    doc.heading("一、风险基本情况");
    fields(doc, v, CATEGORY, RISK_LEVEL, DATA_TYPES, DATA_LEVEL, DATA_VOLUME, ORIGIN_TIME, AFFECTED_REGIONS,
        AFFECTED_UNITS, AFFECTED_INDUSTRIES, SUMMARY, SYSTEM_NAME, SYSTEM_DOMAIN, IP_ADDRESS, PORT, RISK_URL,
        IP_REGION, IP_CARRIER, ICP_NUMBER);
    doc.heading("二、风险分析");
    fields(doc, v, ANALYSIS);
    doc.heading("三、风险处置建议");
    fields(doc, v, PROPOSED_HANDLING);
    doc.heading("四、报送单位");
    fields(doc, v, REPORTING_UNIT, CONTACT_PERSON, CONTACT_PHONE);
    return WordDocument.download("risk-" + riskId + ".docx", doc.bytes());
  }

  @GetMapping("/summary")
  RiskSummary.Summary summary(@RequestParam String from, @RequestParam String to) {
    requireOfficer();
    return summary.of(register.reportedBetween(start(from, "from"), start(to, "to").plusSeconds(86_400)));
  }

  @GetMapping("/summary.docx")
  ResponseEntity<byte[]> summaryDocument(@RequestParam String from, @RequestParam String to) {
    RiskSummary.Summary s = summary(from, to);
    return WordDocument.download("risk-summary-" + from + "-" + to + ".docx", summary.document(s, from + " 至 " + to));
  }

  private void fields(WordDocument doc, Map<String, Object> v, Var<?>... fields) {
    for (Var<?> field : fields) {
      String key = field.name();
      doc.field(forms.labelOf(key).orElse(key), forms.display(key, v.get(key)));
    }
  }

  private Map<String, Object> variables(String riskId) {
    if (riskId.length() > 64) {
      throw ApiException.badRequest("riskId", "编号过长 (id too long)");
    }
    Map<String, Object> v = new HashMap<>();
    system.run(() -> historyService.createHistoricVariableInstanceQuery().processInstanceId(riskId).list())
        .forEach(h -> v.put(h.getName(), h.getValue()));
    if (!riskId.equals(v.get(RISK_ID.name()))) {
      throw ApiException.notFound("没有这个风险 (no such risk)");
    }
    return v;
  }

  private void requireOfficer() {
    currentUser.requireAnyOf(Group.LEDGER_READERS, "只有数据安全管理部门、负责人、法务和审计可以查看风险台账 (officers only)");
  }

  private static Instant start(String date, String field) {
    LocalDate day;
    try {
      day = LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field, "应为日期 yyyy-MM-dd（北京时间） (a date yyyy-MM-dd)");
    }
    if (day.getYear() < 1900 || day.getYear() > 9999) { // PostgreSQL's timestamps end there (found by the attack)
      throw ApiException.badRequest(field, "应在 1900-01-01 至 9999-12-31 之间 (a date from 1900 to 9999)");
    }
    return day.atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
  }

}
