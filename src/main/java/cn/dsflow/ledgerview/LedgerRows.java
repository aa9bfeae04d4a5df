package cn.dsflow.ledgerview;

import cn.dsflow.approval.DataLevel;
import cn.dsflow.approval.OperationType;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.ApprovalLedger.Entry;
import cn.dsflow.process.CrossBorderVariables;
import cn.dsflow.process.DestructionVariables;
import cn.dsflow.system.BeijingTime;
import cn.dsflow.system.ChineseLabel;
import cn.dsflow.form.FormContract;
import cn.dsflow.system.SystemCommands;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * The ledger as a person reads it (000 §3.4.2(2) 审批台账), shared by the CSV and the .xlsx export: every code in its
 * Chinese label, people by name, every time in Beijing time. The JSON answer keeps the codes and ids for programs; a
 * code without a label is shown as it is, never dropped.
 */
@Component
class LedgerRows {

  static final List<String> HEADERS = List.of("申请编号", "处理方式", "数据处理主体", "数据类别", "数据级别", "数据描述",
      "数据数量（条）", "数据量（GB）", "处理方法", "目的", "范围", "接收方", "时效起", "时效止", "申请人", "申请时间",
      "审批人员及时间", "批准时间", "授权编号", "状态", "使用时间", "执行人", "实际数据量（条）", "超出批准数量", "完成时间", "结果说明",
      "其他事项（出境路径、备案编号等）", "使用授权的账号");

  /** Particulars written under a shorter name than the form field whose label and options they carry. */
  private static final Map<String, String> FORM_KEY = Map.of("method", DestructionVariables.DESTRUCTION_METHOD.name(),
      "medium", DestructionVariables.STORAGE_MEDIUM.name(), "verification", DestructionVariables.VERIFICATION_OUTCOME.name(),
      "supervisor", DestructionVariables.DESTRUCTION_SUPERVISOR.name());

  // particulars filed under their variable's name (RouteRecheck, DestructionRecords) are keyed by that variable;
  // "operators", "reclamation", "method" … are the record's own keys, not variables
  private static final Map<String, String> PARTICULAR_LABELS = Map.ofEntries(
      Map.entry(CrossBorderVariables.CROSS_BORDER_ROUTE.name(), "出境路径"),
      Map.entry(CrossBorderVariables.ROUTE_RULE.name(), "适用规则"),
      Map.entry(CrossBorderVariables.RECIPIENT_COUNTRY.name(), "接收方所在国家或地区"),
      Map.entry(CrossBorderVariables.TRANSFER_PERSONS_NON_SENSITIVE.name(), "本年累计出境个人信息（人）"),
      Map.entry(CrossBorderVariables.TRANSFER_PERSONS_SENSITIVE.name(), "本年累计出境敏感个人信息（人）"),
      Map.entry("operators", "执行人"), Map.entry("reclamation", "资源回收"),
      Map.entry(DestructionVariables.DESTROYED_AT.name(), "销毁时间"),
      Map.entry("method", "销毁方式"), Map.entry("medium", "存储介质"), Map.entry("supervisor", "监督人"),
      Map.entry("verification", "不可恢复性核验"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FormContract forms;
  private final IdentityService identityService;
  private final SystemCommands system;

  LedgerRows(FormContract forms, IdentityService identityService, SystemCommands system) {
    this.forms = forms;
    this.identityService = identityService;
    this.system = system;
  }

  /** One list of cells per entry, in {@link #HEADERS} order; numbers stay numbers for the spreadsheet. */
  List<List<Object>> rows(List<Entry> entries) {
    Map<String, String> names = new HashMap<>();
    Function<String, String> name = id -> id == null ? "" : names.computeIfAbsent(id, this::nameOf);
    List<List<Object>> rows = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      rows.add(Arrays.asList(e.requestId(), label(OperationType.class, e.operationType()),
          e.processingSubject(), e.dataCategory(), label(DataLevel.class, e.dataLevel()), e.dataDescription(),
          e.recordCount(), e.volumeGb(), e.processingMethod(), e.purpose(), e.scope(), nz(e.recipientName()),
          time(e.validFrom()), time(e.validUntil()), withId(name, e.requester()), time(e.requestedAt()),
          approvers(e.approvers(), name), time(e.approvedAt()), e.permitId(), label(LedgerStatus.class, e.status()), time(e.usedAt()),
          nz(e.usedBy()), e.actualRecordCount() == null ? "" : e.actualRecordCount(), scopeExceeded(e), time(e.completedAt()),
          nz(e.resultNote()), particulars(e.particulars()), withId(name, e.usedByAccount())));
    }
    return rows;
  }

  /** 超出批准数量: blank until a result is recorded, then 否 or 是 with the excess (000 §3.4.2: done against approved). */
  static String scopeExceeded(Entry e) {
    if (e.actualRecordCount() == null) {
      return "";
    }
    return e.scopeExceeded() ? "是（超出 " + (e.actualRecordCount() - e.recordCount()) + " 条）" : "否";
  }

  /** {@code 王五（数据所属部门负责人）2026-12-01 10:02}, one per decision, in the order they were given. */
  String approvers(String json, Function<String, String> name) {
    if (json == null || json.isBlank()) {
      return "";
    }
    List<Map<String, Object>> decisions;
    try {
      decisions = JSON.readValue(json, new TypeReference<>() {});
    } catch (Exception e) {
      return json; // shown as stored rather than hidden
    }
    List<String> shown = new ArrayList<>();
    for (Map<String, Object> d : decisions) {
      String group = String.valueOf(d.get("group"));
      shown.add(name.apply(String.valueOf(d.get("user"))) + "（" + Group.byId(group).map(Group::chineseName).orElse(group)
          + "）" + Optional.ofNullable(instant(d.get("at"))).map(BeijingTime::minute).orElse(String.valueOf(d.get("at"))));
    }
    return String.join("；", shown);
  }

  /** {@code 出境路径：数据出境安全评估；备案编号：…}, labels and options as the forms that collected them show them. */
  String particulars(String json) {
    if (json == null || json.isBlank()) {
      return "";
    }
    Map<String, Object> items;
    try {
      items = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (Exception e) {
      return json;
    }
    List<String> shown = new ArrayList<>();
    items.forEach((key, value) -> shown.add(particularLabel(key) + "：" + particularValue(key, value)));
    return String.join("；", shown);
  }

  private String particularLabel(String key) {
    String formKey = FORM_KEY.getOrDefault(key, key);
    return Optional.ofNullable(PARTICULAR_LABELS.get(key)).or(() -> forms.labelOf(formKey)).orElse(key);
  }

  private String particularValue(String key, Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Map<?, ?> nested) {
      List<String> parts = new ArrayList<>();
      nested.forEach((k, v) -> parts.add(DestructionVariables.reclamation(String.valueOf(k))
          .flatMap(item -> forms.labelOf(item.reclaimed().name())).orElse(String.valueOf(k)) + " " + v));
      return String.join("，", parts);
    }
    Instant at = instant(value);
    if (at != null) {
      // a date field (结果出具日期) is stored as the start of its Beijing day: show the day a person entered
      String shown = BeijingTime.minute(at);
      return shown.endsWith(" 00:00") ? shown.substring(0, 10) : shown;
    }
    return forms.display(FORM_KEY.getOrDefault(key, key), value);
  }

  private String nameOf(String userId) {
    return ChineseLabel.person(system.run(() -> identityService.createUserQuery().userId(userId).singleResult()), userId);
  }

  /** A name can be shared; the account id beside it makes the row attributable to one person. */
  private static String withId(Function<String, String> name, String userId) {
    if (userId == null) {
      return "";
    }
    String n = name.apply(userId);
    return n.equals(userId) ? userId : n + "（" + userId + "）";
  }

  private static <E extends Enum<E> & ChineseLabel> String label(Class<E> type, String code) {
    return nz(ChineseLabel.of(type, code));
  }

  private static Instant instant(Object value) {
    if (!(value instanceof String s) || s.length() < 20 || s.charAt(10) != 'T') {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Ledger times to the second: the order of approval and use (no 倒挂, 000 §3.4.2(3)) must be readable from the row. */
  static String time(Instant i) {
    return i == null ? "" : BeijingTime.second(i);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
