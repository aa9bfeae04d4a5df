package cn.dsflow.notify;

import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.ApiException;
import cn.dsflow.system.SqlTime;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sends a given-up notification again once its cause is fixed (the SMTP server or the robot is back), and closes its
 * alarm: the alarm is the officers' to-do, and this is how it is done, on the record.
 */
@RestController
class NotificationResendController {

  /** The administrator who repairs the mail server or robot, and the department that owns the alarm. */
  private static final String[] RESENDERS = {Group.ADMIN, Group.DSO.id()};

  record Resent(long id, String status) {}

  private final JdbcTemplate jdbc;
  private final CurrentUser currentUser;
  private final AuditChain audit;

  NotificationResendController(JdbcTemplate jdbc, CurrentUser currentUser, AuditChain audit) {
    this.jdbc = jdbc;
    this.currentUser = currentUser;
    this.audit = audit;
  }

  @PostMapping("/api/notifications/{id}/resend")
  @Transactional
  public Resent resend(@PathVariable long id) {
    currentUser.requireAnyOf(RESENDERS, "只有管理员和数据安全管理责任部门可以重发通知 (admin or dso only)");
    var now = SqlTime.ts(ClockUtil.getCurrentTime().toInstant());
    // only a given-up row, and only once: two officers pressing at once resend it once
    int reset = jdbc.update("UPDATE dsf_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = ? "
        + "WHERE id = ? AND status = 'FAILED'", now, id);
    if (reset == 0) {
      Integer exists = jdbc.queryForObject("SELECT count(*) FROM dsf_outbox WHERE id = ?", Integer.class, id);
      if (exists == 0) {
        throw ApiException.notFound("没有这条通知 (no such notification)");
      }
      throw new ApiException(HttpStatus.CONFLICT, "not_given_up",
          "只有已放弃发送的通知可以重发 (only a notification whose retries ran out can be resent)");
    }
    int closed = jdbc.update("UPDATE dsf_clock_alarm SET resolved_at = ?, resolution = ? WHERE job_id = ? AND resolved_at IS NULL",
        now, "已重新发送（" + currentUser.id() + "） (resent)", OutboxWorker.alarmKey(id));
    audit.append("NOTIFICATION_RESENT", currentUser.id(), "notification", String.valueOf(id), Map.of("alarmsClosed", closed));
    return new Resent(id, "PENDING");
  }
}
