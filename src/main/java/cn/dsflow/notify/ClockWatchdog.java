package cn.dsflow.notify;

import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.SqlTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches the legal clocks. Every timer job in dsflow is a deadline (an approval slot's reminder and escalation, an
 * incident report's limit, a permit's expiry, the compliance calendar's daily tick, a cross-border filing window):
 * when its retries drop below the engine's default, when it fails into a {@code failedJob} incident, or when it is
 * suspended, the deadline may never fire and a late duty would go unescalated. The officers who own the clock get a
 * mail, the audit chain an event, and {@code GET /api/clock-alarms} lists it until an operator restores the job.
 *
 * <p>Cluster-safe: an alarm is a row, at most one open per job (a partial unique index), inserted with the mail and
 * the audit event in one transaction, so several nodes scanning at once raise it once.
 */
@Component
public class ClockWatchdog {

  private static final Logger LOG = LoggerFactory.getLogger(ClockWatchdog.class);

  /** Who owns the clocks of each process (数据安全管理责任部门 and the direct responsible person always). */
  private static final Map<String, List<String>> OWNERS = Map.of(
      "incident-response", List.of(Group.IRT.id(), Group.DSO.id(), Group.DS_DIRECT.id()),
      "incident-emergency-response", List.of(Group.IRT.id(), Group.DSO.id(), Group.DS_DIRECT.id()),
      "incident-regulatory-report", List.of(Group.IRT.id(), Group.DSO.id(), Group.DS_DIRECT.id()),
      "cross-border-transfer", List.of(Group.DSO.id(), Group.LEGAL.id(), Group.DS_DIRECT.id()),
      // the transfer's filing clocks run in the processes it calls
      "cross-border-contract", List.of(Group.DSO.id(), Group.LEGAL.id(), Group.DS_DIRECT.id()));
  private static final List<String> DEFAULT_OWNERS = List.of(Group.DSO.id(), Group.DS_DIRECT.id());

  private record WeakClock(String jobId, int retries, boolean suspended, boolean failed, String processInstanceId,
      String processDefinitionKey, String activityId, Instant dueAt, String exceptionMessage, String processDefinitionId) {}

  private final JdbcTemplate jdbc;
  private final AuditChain audit;
  private final Notifier notifier;
  private final TransactionTemplate transaction;
  private final int defaultRetries;
  private final RepositoryService repositoryService;

  public ClockWatchdog(JdbcTemplate jdbc, AuditChain audit, Notifier notifier, PlatformTransactionManager transactions,
      ProcessEngineConfiguration engine, RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
    this.jdbc = jdbc;
    this.audit = audit;
    this.notifier = notifier;
    this.transaction = new TransactionTemplate(transactions);
    this.defaultRetries = ((ProcessEngineConfigurationImpl) engine).getDefaultNumberOfRetries();
  }

  /**
   * One pass: raises an alarm for each newly weakened clock and closes the alarms of clocks that were restored or are
   * gone. Returns the number of alarms raised by this pass.
   */
  public int scan() {
    // read directly: the job query has no "retries below n" filter, and a scan must stay cheap with 10,000 timers
    List<WeakClock> weak = jdbc.query("""
        SELECT j.id_, j.retries_, j.suspension_state_, j.process_instance_id_, j.process_def_key_, jd.act_id_,
               j.duedate_, j.exception_msg_, j.process_def_id_,
               EXISTS (SELECT 1 FROM act_ru_incident i WHERE i.configuration_ = j.id_ AND i.incident_type_ = 'failedJob') AS failed
        FROM act_ru_job j LEFT JOIN act_ru_jobdef jd ON jd.id_ = j.job_def_id_
        WHERE j.type_ = 'timer' AND (j.retries_ < ? OR j.suspension_state_ = 2)""",
        (rs, n) -> new WeakClock(rs.getString(1), rs.getInt(2), rs.getInt(3) == 2, rs.getBoolean("failed"), rs.getString(4),
            rs.getString(5), rs.getString(6), SqlTime.instant(rs, "duedate_"), rs.getString(8), rs.getString(9)),
        defaultRetries);
    int raised = 0;
    for (WeakClock clock : weak) {
      Boolean created = transaction.execute(status -> raise(clock));
      raised += Boolean.TRUE.equals(created) ? 1 : 0;
    }
    closeRestored();
    return raised;
  }

  private boolean raise(WeakClock clock) {
    String cause = clock.failed() || clock.retries() == 0 ? "FAILED" : clock.suspended() ? "SUSPENDED" : "RETRIES_DROPPED";
    List<String> owners = OWNERS.getOrDefault(clock.processDefinitionKey(), DEFAULT_OWNERS);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    List<Long> inserted = jdbc.queryForList("""
        INSERT INTO dsf_clock_alarm (job_id, process_definition_key, process_instance_id, activity_id, due_at, cause,
            retries, exception_message, owner_groups, raised_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (job_id) WHERE resolved_at IS NULL DO NOTHING RETURNING id""", Long.class,
        clock.jobId(), clock.processDefinitionKey(), clock.processInstanceId(), clock.activityId(),
        clock.dueAt() == null ? null : SqlTime.ts(clock.dueAt()), cause, clock.retries(),
        clock.exceptionMessage() == null ? null : clock.exceptionMessage().substring(0, Math.min(4000, clock.exceptionMessage().length())),
        String.join(",", owners), SqlTime.ts(now));
    if (inserted.isEmpty()) {
      return false;
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("alarmId", inserted.get(0));
    detail.put("jobId", clock.jobId());
    detail.put("processDefinitionKey", clock.processDefinitionKey());
    detail.put("processInstanceId", clock.processInstanceId());
    detail.put("activityId", clock.activityId());
    detail.put("dueAt", clock.dueAt() == null ? null : clock.dueAt().toString());
    detail.put("cause", cause);
    detail.put("retries", clock.retries());
    detail.put("ownerGroups", owners);
    audit.append("DEADLINE_JOB_DISABLED", null, "job", clock.jobId(), detail);
    String what = activityName(clock) + " " + clock.activityId() + "（" + clock.processDefinitionKey() + "）";
    String body = "法定期限计时器 " + what + " 已" + causeText(cause) + "，到期 "
        + (clock.dueAt() == null ? "-" : DeadlineChaser.beijing(java.util.Date.from(clock.dueAt())))
        + " 时可能不会触发提醒或逾期升级。\n流程实例：" + clock.processInstanceId() + "\n作业：" + clock.jobId()
        + "\n剩余重试次数：" + clock.retries()
        + "\n\n请管理员在 Cockpit 中对该作业\u201c增加重试次数\u201d或解决事件（incident），"
        + "或调用 PUT /engine-rest/job/" + clock.jobId() + "/retries {\"retries\":" + defaultRetries + "}。";
    for (String group : owners) {
      notifier.toGroup(group, "法定期限计时器失效：" + what, body, null);
    }
    LOG.warn("Deadline job {} ({} {}) {}: retries {}", clock.jobId(), clock.processDefinitionKey(), clock.activityId(),
        cause, clock.retries());
    return true;
  }

  private void closeRestored() {
    List<Map<String, Object>> open = jdbc.queryForList("""
        SELECT a.id, a.job_id, j.id_ IS NULL AS gone
        FROM dsf_clock_alarm a LEFT JOIN act_ru_job j ON j.id_ = a.job_id
        WHERE a.resolved_at IS NULL AND a.cause <> 'UNDELIVERED'
          AND (j.id_ IS NULL OR (j.retries_ >= ? AND j.suspension_state_ <> 2))""",
        defaultRetries);
    for (Map<String, Object> alarm : open) {
      transaction.executeWithoutResult(status -> {
        boolean gone = (Boolean) alarm.get("gone");
        String resolution = gone ? "作业已不存在（已触发或被删除） (job gone: fired or deleted)"
            : "作业已恢复 (job restored)";
        int closed = jdbc.update("UPDATE dsf_clock_alarm SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL",
            SqlTime.ts(ClockUtil.getCurrentTime().toInstant()), resolution, alarm.get("id"));
        if (closed == 1) {
          audit.append("DEADLINE_JOB_RESTORED", null, "job", (String) alarm.get("job_id"),
              Map.of("alarmId", alarm.get("id"), "resolution", resolution));
        }
      });
    }
  }

  /** The Chinese name the diagram gives the timer (审批逾期), as Cockpit shows it. */
  private String activityName(WeakClock clock) {
    try {
      var element = repositoryService.getBpmnModelInstance(clock.processDefinitionId()).getModelElementById(clock.activityId());
      String name = element == null ? null : element.getAttributeValue("name");
      return name == null ? "" : name;
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static String causeText(String cause) {
    return switch (cause) {
      case "FAILED" -> "失败并停止（重试次数为 0 / failedJob 事件）";
      case "SUSPENDED" -> "被挂起";
      default -> "重试次数减少";
    };
  }
}
