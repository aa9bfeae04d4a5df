package cn.dsflow.metrics;

import static cn.dsflow.system.SqlTime.ts;

import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.ChainVerification;
import cn.dsflow.notify.Outbox;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The compliance state an operator watches, as Prometheus gauges. Every value is read from the database when
 * Prometheus scrapes ({@link MetricsAccess} calls {@link #refresh()}), so each node of a cluster reports the same
 * numbers and nothing here depends on code paths other features own. Only the audit-chain verification, which reads
 * the whole chain, runs on its own schedule ({@code dsflow.metrics.audit-verify-interval}).
 */
@Component
public class ComplianceMetrics {

  /** Age classes of an open approval slot; the default slot deadline is 3 working days (ApprovalSettings). */
  static final String UNDER_1D = "under_1d";
  static final String FROM_1D_TO_3D = "1d_to_3d";
  static final String OVER_3D = "over_3d";

  private final JdbcTemplate jdbc;
  private final AuditChain audit;
  private final MeterRegistry registry;

  private final MultiGauge approvalsOpen;
  private final MultiGauge tasksOverdue;
  private final MultiGauge incidentsOpen;
  private final MultiGauge reportClockMinutes;
  private final MultiGauge notificationIncidents;
  private final MultiGauge notificationRetrying;
  private final Map<String, Long> permitOutcomes = new ConcurrentHashMap<>();
  private final AtomicReference<ChainVerification> lastVerification = new AtomicReference<>();
  private final AtomicReference<Instant> lastVerifiedAt = new AtomicReference<>();

  public ComplianceMetrics(JdbcTemplate jdbc, AuditChain audit, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.registry = registry;
    approvalsOpen = MultiGauge.builder("dsflow.approvals.open")
        .description("open approval slots by group and age since the slot opened").register(registry);
    tasksOverdue = MultiGauge.builder("dsflow.tasks.overdue")
        .description("open tasks past their due date, by process (approvals, duties, reports)").register(registry);
    incidentsOpen = MultiGauge.builder("dsflow.incidents.open")
        .description("running incident responses by confirmed MIIT level (UNGRADED before the lead confirms)")
        .register(registry);
    reportClockMinutes = MultiGauge.builder("dsflow.report.clock.minutes.left")
        .description("minutes until each open regulator/CAC/police/affected-party report is due; negative when late")
        .register(registry);
    notificationIncidents = MultiGauge.builder("dsflow.notification.failures.open")
        .description("notifications given up after their retries (an UNDELIVERED alarm waits for a resend)")
        .register(registry);
    notificationRetrying = MultiGauge.builder("dsflow.notification.retrying")
        .description("notifications that failed at least once and are still being retried").register(registry);
    Gauge.builder("dsflow.audit.chain.valid", lastVerification, r -> r.get() == null ? Double.NaN : r.get().valid() ? 1 : 0)
        .description("1 when the last full re-check of the audit chain found every link intact, 0 when one is broken")
        .register(registry);
    Gauge.builder("dsflow.audit.chain.checked.events", lastVerification, r -> r.get() == null ? Double.NaN : r.get().checked())
        .description("events the last re-check of the audit chain read").register(registry);
    Gauge.builder("dsflow.audit.chain.unsealed.events", lastVerification, r -> r.get() == null ? Double.NaN : r.get().unsealed())
        .description("events appended but not yet linked into the chain at the last re-check (grows if no sealer runs)")
        .register(registry);
    Gauge.builder("dsflow.audit.chain.verified.age.seconds", lastVerifiedAt,
            r -> r.get() == null ? Double.NaN : Duration.between(r.get(), Instant.now()).toSeconds())
        .description("seconds since the audit chain was last re-checked").register(registry);
  }

  /** Reads the current state from the database; called before each scrape. */
  public synchronized void refresh() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    approvalsOpen.register(jdbc.query(
        "SELECT s.slot_group, CASE WHEN s.opened_at > ? THEN '" + UNDER_1D + "' WHEN s.opened_at > ? THEN '"
            + FROM_1D_TO_3D + "' ELSE '" + OVER_3D + "' END AS age, count(*)"
            + " FROM dsf_slot_task s JOIN act_ru_task t ON t.id_ = s.task_id GROUP BY 1, 2",
        (rs, i) -> MultiGauge.Row.of(Tags.of("slot", rs.getString(1), "age", rs.getString(2)), rs.getLong(3)),
        ts(now.minus(Duration.ofDays(1))), ts(now.minus(Duration.ofDays(3)))), true);
    tasksOverdue.register(jdbc.query(
        "SELECT d.key_, count(*) FROM act_ru_task t JOIN act_re_procdef d ON d.id_ = t.proc_def_id_"
            + " WHERE t.due_date_ < ? GROUP BY 1",
        (rs, i) -> MultiGauge.Row.of(Tags.of("process", rs.getString(1)), rs.getLong(2)), ts(now)), true);
    incidentsOpen.register(jdbc.query(
        "SELECT coalesce(v.text_, 'UNGRADED'), count(*) FROM act_ru_execution e"
            + " JOIN act_re_procdef d ON d.id_ = e.proc_def_id_"
            + " LEFT JOIN act_ru_variable v ON v.execution_id_ = e.id_ AND v.name_ = 'incidentLevel'"
            + " WHERE d.key_ = 'incident-response' AND e.id_ = e.proc_inst_id_ GROUP BY 1",
        (rs, i) -> MultiGauge.Row.of(Tags.of("level", rs.getString(1)), rs.getLong(2))), true);
    reportClockMinutes.register(jdbc.query(
        "SELECT t.task_def_key_, e.root_proc_inst_id_, t.due_date_ FROM act_ru_task t"
            + " JOIN act_re_procdef d ON d.id_ = t.proc_def_id_ JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_"
            + " WHERE d.key_ = 'incident-regulatory-report' AND t.due_date_ IS NOT NULL",
        (rs, i) -> MultiGauge.Row.of(Tags.of("report", rs.getString(1), "incident", rs.getString(2)),
            Duration.between(now, rs.getTimestamp(3).toInstant()).toMinutes())), true);
    // the notification outbox (issue 16): given-up rows wait for an officer's resend; retrying rows are still pending
    // every channel reports, 0 included: an alert rule on "> 0" needs the series to exist before the first failure
    notificationIncidents.register(perChannel("status = 'FAILED'"), true);
    notificationRetrying.register(perChannel("status = 'PENDING' AND attempts > 0"), true);
    // the permit gate records every use and every refusal with its code in the audit chain (README REST API)
    jdbc.query("SELECT event_type = 'PERMIT_USED', detail::jsonb ->> 'outcome', count(*) FROM dsf_audit_event"
            + " WHERE event_type IN ('PERMIT_USED', 'PERMIT_USE_REFUSED') GROUP BY 1, 2",
        rs -> {
          String outcome = rs.getBoolean(1) ? "used" : String.valueOf(rs.getString(2));
          if (permitOutcomes.put(outcome, rs.getLong(3)) == null) {
            FunctionCounter.builder("dsflow.permit.uses", permitOutcomes, m -> m.getOrDefault(outcome, 0L))
                .description("uses of single-use permits at the gate: outcome=used, or the refusal's code")
                .tag("outcome", outcome).register(registry);
          }
        });
  }

  private List<MultiGauge.Row<?>> perChannel(String condition) {
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    for (Outbox.Channel channel : Outbox.Channel.values()) {
      counts.put(channel.name().toLowerCase(java.util.Locale.ROOT), 0L);
    }
    jdbc.query("SELECT lower(channel), count(*) FROM dsf_outbox WHERE " + condition + " GROUP BY 1",
        (org.springframework.jdbc.core.RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)));
    return counts.entrySet().stream()
        .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("channel", e.getKey()), e.getValue())).toList();
  }

  /** Re-checks the whole audit chain (as GET /api/audit/verify does) and keeps the result for the gauges. */
  @Scheduled(fixedDelayString = "${dsflow.metrics.audit-verify-interval:PT15M}", initialDelayString = "PT30S")
  public void verifyAuditChain() {
    lastVerification.set(audit.verify());
    lastVerifiedAt.set(Instant.now());
  }
}
