package cn.dsflow.incident;

import cn.dsflow.approval.DataLevel;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.process.IncidentVariables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * After every (re-)grading: which reports are now owed that were not opened before, and whether the response tier went
 * up. A duty opens once per incident: a re-grading never opens a second report of the same kind, and never closes one
 * that is open (regulators are told of a downgrade in the next progress report, not by withdrawing a report).
 */
@Component("incidentDuties")
public class IncidentDuties {

  private final AuditChain audit;
  private final IncidentSettings settings;

  public IncidentDuties(AuditChain audit, IncidentSettings settings) {
    this.audit = audit;
    this.settings = settings;
  }

  /**
   * The emergency response starts: its clocks run from discovery, or, for a warning that turned into an incident,
   * from the moment it did. The incident lead must confirm the grading within the grading SLA.
   */
  public void startResponse(DelegateExecution execution) {
    boolean fromWarning = IncidentVariables.REPORT_KIND.is(execution, "WARNING");
    Date start = fromWarning ? ClockUtil.getCurrentTime() : IncidentVariables.DISCOVERED_AT.get(execution);
    IncidentVariables.RESPONSE_CLOCK_START.set(execution, start);
    IncidentVariables.GRADING_DUE_AT.set(execution, Date.from(start.toInstant().plus(settings.gradingSla())));
    IncidentVariables.GRADING_OVERDUE.set(execution, false);
    audit.append("INCIDENT_RESPONSE_STARTED", null, "incident", IncidentVariables.INCIDENT_ID.get(execution),
        Map.of("clockStart", start.toInstant().toString(), "fromWarning", fromWarning));
  }

  /**
   * The progress-report cycle of the emergency response: the one fixed at intake, handed down by the incident. The
   * engine declares the event sub-process's timer before any start listener runs, so a start the guard is about to
   * refuse has none: it gets the configured cycle, and the refusal, not a missing variable, is what the caller sees.
   */
  public String progressCycle(DelegateExecution execution) {
    String fixed = IncidentVariables.PROGRESS_REPORT_CYCLE.getOrNull(execution);
    return fixed == null ? settings.progressReportCycle() : fixed;
  }

  /** Every duty of the incident is done: the record is closed. */
  public void close(DelegateExecution execution) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("miitLevel", IncidentVariables.MIIT_LEVEL.get(execution));
    detail.put("cacLevel", IncidentVariables.CAC_LEVEL.get(execution));
    detail.put("reportsOpened", IncidentVariables.REPORTS_OPENED.get(execution));
    detail.put("summaryOverdue", IncidentVariables.SUMMARY_OVERDUE.get(execution));
    audit.append("INCIDENT_CLOSED", null, "incident", IncidentVariables.INCIDENT_ID.get(execution), detail);
  }

  public void open(DelegateExecution execution) {
    IncidentLevel miit = IncidentLevel.valueOf(IncidentVariables.MIIT_LEVEL.get(execution));
    IncidentLevel cac = IncidentLevel.valueOf(IncidentVariables.CAC_LEVEL.get(execution));
    DataLevel data = DataLevel.valueOf(IncidentVariables.DATA_LEVEL.get(execution));
    boolean crime = IncidentVariables.CRIME_SUSPECTED.isTrue(execution);
    boolean harm = IncidentVariables.SUBSTANTIVE_HARM.isTrue(execution);
    boolean cii = IncidentVariables.CII_INVOLVED.isTrue(execution);
    Set<ReportKind> opened = parse(IncidentVariables.REPORTS_OPENED.get(execution));

    List<ReportKind> due = new ArrayList<>();
    for (ReportKind kind : ReportKind.INCIDENT_DUTIES) {
      if (!opened.contains(kind) && kind.isOwed(miit, cac, data, cii, crime, harm)) {
        due.add(kind);
      }
    }
    opened.addAll(due);
    // the first grading's clocks run from discovery; a duty that a later re-grading creates runs from that moment
    // playbookTier is the highest tier started so far, and what the called playbook runs
    boolean first = !IncidentVariables.PLAYBOOK_TIER.isSet(execution);
    Date clockStart = first ? IncidentVariables.RESPONSE_CLOCK_START.get(execution) : ClockUtil.getCurrentTime();
    IncidentLevel started = first ? null : IncidentLevel.valueOf(IncidentVariables.PLAYBOOK_TIER.get(execution));
    boolean tierRaised = started == null || (miit.isAtLeast(started) && miit != started);

    IncidentVariables.REPORTS_DUE.set(execution, join(due));
    IncidentVariables.REPORTS_OPENED.set(execution, join(opened));
    IncidentVariables.REPORT_CLOCK_START.set(execution, clockStart);
    IncidentVariables.TIER_RAISED.set(execution, tierRaised);
    if (IncidentVariables.DOWNGRADE_PENDING.isTrue(execution)) {
      // the second person decides before the first clock of the level under review runs out
      IncidentVariables.DOWNGRADE_REVIEW_DUE_AT.set(execution, Date.from(ReportDeadline.downgradeReviewDue(due, miit,
          clockStart.toInstant(), ClockUtil.getCurrentTime().toInstant(), settings)));
    }
    if (tierRaised) {
      IncidentVariables.PLAYBOOK_TIER.set(execution, miit.name());
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("miitLevel", miit.name());
    detail.put("cacLevel", cac.name());
    detail.put("reportsDue", due.stream().map(Enum::name).toList());
    detail.put("tierStarted", tierRaised ? miit.name() : null);
    audit.append("INCIDENT_DUTIES_OPENED", null, "incident", IncidentVariables.INCIDENT_ID.get(execution), detail);
  }

  /** The multi-instance collection of the report call activity. */
  public List<String> kinds(String commaSeparated) {
    return parse(commaSeparated).stream().map(Enum::name).toList();
  }

  public boolean has(String commaSeparated, String kind) {
    return parse(commaSeparated).contains(ReportKind.valueOf(kind));
  }

  /** CAC Measures art. 8: every report made under the Measures is followed by a 30-day summary on the same channel. */
  public boolean cacSummaryOwed(String commaSeparated) {
    return parse(commaSeparated).stream().anyMatch(ReportKind::underCacMeasures);
  }

  private static Set<ReportKind> parse(String s) {
    Set<ReportKind> kinds = new LinkedHashSet<>();
    if (s != null && !s.isBlank()) {
      Arrays.stream(s.split(",")).map(String::strip).map(ReportKind::valueOf).forEach(kinds::add);
    }
    return kinds;
  }

  private static String join(java.util.Collection<ReportKind> kinds) {
    return String.join(",", kinds.stream().map(Enum::name).toList());
  }
}
