package cn.dsflow.risk;

import cn.dsflow.process.RiskVariables;
import cn.dsflow.system.BeijingTime;
import cn.dsflow.form.FormContract;
import cn.dsflow.calendar.WorkingDayCalendar;
import cn.dsflow.system.WordDocument;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The period summary of risk information (002 annex 2): counts by category and level, the three regions and industries
 * most affected, counts by data type and data level, how many were notified by a regulator and how many are disposed,
 * and the summary table (序号, 报送时间, 风险名称, 类别与级别, 所在单位, 处置情况, 报送单位).
 */
@Service
public class RiskSummary {

  /** The figures of one period. */
  public record Summary(int total, Map<String, Long> byCategory, Map<String, Long> byLevel,
      Map<String, Long> topRegions, Map<String, Long> topIndustries, Map<String, Long> byDataType,
      Map<String, Long> byDataLevel, long notifiedByRegulator, long disposed, List<List<String>> table) {}

  static final List<String> TABLE_HEADERS = List.of("序号", "风险报送时间", "风险名称", "风险类别与级别", "风险所在单位", "风险处置情况", "风险报送单位");

  private final FormContract forms;

  public RiskSummary(FormContract forms) {
    this.forms = forms;
  }

  public Summary of(List<RiskRegister.Risk> risks) {
    List<List<String>> table = new java.util.ArrayList<>();
    int n = 1;
    for (RiskRegister.Risk r : risks) {
      table.add(List.of(String.valueOf(n++), BeijingTime.day(r.reportedAt()), r.title(),
          forms.optionLabel(RiskVariables.CATEGORY.name(), r.category()) + " / "
              + forms.optionLabel(RiskVariables.RISK_LEVEL.name(), r.riskLevel()), r.riskUnit(),
          r.disposedAt() == null ? "处置中" : "已处置（" + BeijingTime.day(r.disposedAt()) + "）", r.reportingUnit()));
    }
    return new Summary(risks.size(),
        count(risks, r -> List.of(r.category())), count(risks, r -> List.of(r.riskLevel())),
        top3(count(risks, r -> split(r.regions()))), top3(count(risks, r -> split(r.industries()))),
        count(risks, r -> split(r.dataTypes())), count(risks, r -> List.of(r.dataLevel())),
        risks.stream().filter(r -> "REGULATOR_NOTICE".equals(r.source())).count(),
        risks.stream().filter(r -> r.disposedAt() != null).count(), table);
  }

  public byte[] document(Summary s, String period) {
    WordDocument doc = new WordDocument("数据安全风险信息汇总（" + period + "）");
    doc.heading("一、总体情况").field("风险信息总数", String.valueOf(s.total()))
        .field("监管部门通报", String.valueOf(s.notifiedByRegulator())).field("已处置", String.valueOf(s.disposed()));
    doc.heading("二、按风险类别和级别");
    s.byCategory().forEach((k, v) -> doc.field(forms.optionLabel(RiskVariables.CATEGORY.name(), k), String.valueOf(v)));
    s.byLevel().forEach((k, v) -> doc.field(forms.optionLabel(RiskVariables.RISK_LEVEL.name(), k), String.valueOf(v)));
    doc.heading("三、影响地区和行业（前三）");
    s.topRegions().forEach((k, v) -> doc.field("地区：" + k, String.valueOf(v)));
    s.topIndustries().forEach((k, v) -> doc.field("行业：" + k, String.valueOf(v)));
    doc.heading("四、按数据类型和数据级别");
    s.byDataType().forEach((k, v) -> doc.field("数据类型：" + k, String.valueOf(v)));
    s.byDataLevel().forEach((k, v) -> doc.field(forms.optionLabel(RiskVariables.DATA_LEVEL.name(), k), String.valueOf(v)));
    doc.heading("五、风险信息汇总表").table(TABLE_HEADERS, s.table());
    return doc.bytes();
  }

  private static List<String> split(String list) {
    return Arrays.stream(list.split("[,，、;；]")).map(String::strip).filter(x -> !x.isEmpty()).toList();
  }

  private static Map<String, Long> count(List<RiskRegister.Risk> risks, Function<RiskRegister.Risk, List<String>> keys) {
    return risks.stream().flatMap(r -> keys.apply(r).stream())
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
  }

  /** The three most frequent, ties broken by name so the answer is stable. */
  private static Map<String, Long> top3(Map<String, Long> counts) {
    Map<String, Long> top = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(3).forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }
}
