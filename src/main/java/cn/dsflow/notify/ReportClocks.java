package cn.dsflow.notify;

import cn.dsflow.identity.Group;
import cn.dsflow.system.SqlTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the incident officers' chat groups when half and when 90 % of a regulator report's time is gone: the 1-hour
 * and 4-hour clocks of an incident report (《国家网络安全事件报告管理办法》 art. 4: 1 hour for CII, 4 hours for others) leave no room to notice a missed mail. A scan, not a
 * BPMN timer, so the clocks of running instances are covered without migrating them; each alert is a row in
 * {@code dsf_report_clock_alert}, so several nodes scanning at once post it once.
 */
@Component
public class ReportClocks {

  /** The process whose user tasks are the regulator reports; their due date is the legal limit. */
  static final String REPORT_PROCESS = "incident-regulatory-report";
  private static final List<String> OWNERS = List.of(Group.IRT.id(), Group.DSO.id());

  private record Clock(String taskId, String name, Instant startedAt, Instant dueAt) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final ChatAlerts chat;
  private final Notifier notifier;

  public ReportClocks(JdbcTemplate jdbc, PlatformTransactionManager transactions, ChatAlerts chat, Notifier notifier) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.chat = chat;
    this.notifier = notifier;
  }

  /** One pass; returns the number of alerts posted. */
  public int scan() {
    if (!chat.anyRobotFollows(ChatEvent.REPORT_CLOCK_50, ChatEvent.REPORT_CLOCK_90)) {
      return 0;
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    // the legal clock runs from when the duty arose (reportClockStart, e.g. the discovery), not from when the task
    // opened; a variable is writable by candidates, so it may only make an alert earlier, never later than the task's
    // own creation would
    List<Clock> running = jdbc.query("""
        SELECT t.id_, t.name_, t.due_date_,
               LEAST(t.create_time_, to_timestamp(v.long_ / 1000.0)) AS started_at
        FROM act_ru_task t
        JOIN act_re_procdef d ON d.id_ = t.proc_def_id_
        LEFT JOIN act_ru_variable v ON v.proc_inst_id_ = t.proc_inst_id_ AND v.execution_id_ = t.proc_inst_id_
             AND v.name_ = 'reportClockStart' AND v.type_ = 'date'
        WHERE d.key_ = ? AND t.due_date_ IS NOT NULL AND t.due_date_ > ?""",
        (rs, n) -> new Clock(rs.getString(1), rs.getString(2), SqlTime.instant(rs, "started_at"),
            SqlTime.instant(rs, "due_date_")),
        REPORT_PROCESS, SqlTime.ts(now));
    int posted = 0;
    for (Clock clock : running) {
      int mark = clock.startedAt().isBefore(clock.dueAt()) ? mark(clock, now) : 0;
      if (mark > 0) {
        posted += Boolean.TRUE.equals(transaction.execute(status -> post(clock, mark, now))) ? 1 : 0;
      }
    }
    return posted;
  }

  /** 90 once 90 % of the time is used, 50 once half is, else 0. */
  static int mark(Instant startedAt, Instant dueAt, Instant now) {
    long total = Duration.between(startedAt, dueAt).toMillis();
    long used = Duration.between(startedAt, now).toMillis();
    return used * 10 >= total * 9 ? 90 : used * 2 >= total ? 50 : 0;
  }

  private static int mark(Clock clock, Instant now) {
    return mark(clock.startedAt(), clock.dueAt(), now);
  }

  private boolean post(Clock clock, int mark, Instant now) {
    String insert = "INSERT INTO dsf_report_clock_alert (task_id, mark, posted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    if (jdbc.update(insert, clock.taskId(), mark, SqlTime.ts(now)) == 0) {
      return false; // posted before, by this node or another
    }
    if (mark == 90) {
      // the 90 % alert stands for a 50 % one a stopped scanner never posted: one message, not two at once
      jdbc.update(insert, clock.taskId(), 50, SqlTime.ts(now));
    }
    long minutesLeft = Duration.between(now, clock.dueAt()).toMinutes();
    chat.post(mark == 90 ? ChatEvent.REPORT_CLOCK_90 : ChatEvent.REPORT_CLOCK_50, OWNERS, clock.name(),
        "报告时限已用去 " + mark + "%，将于 " + DeadlineChaser.beijing(Date.from(clock.dueAt()))
            + " 到期，剩余约 " + minutesLeft + " 分钟。", notifier.taskLink(clock.taskId()));
    return true;
  }
}
