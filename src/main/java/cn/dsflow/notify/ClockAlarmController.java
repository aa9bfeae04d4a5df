package cn.dsflow.notify;

import cn.dsflow.calendar.WorkingDayCalendar;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.system.BeijingTime;
import cn.dsflow.system.SqlTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The watchdog's alarms for the officers: which legal clocks are (or were) disabled, and whether they were restored. */
@RestController
class ClockAlarmController {

  /** Officers who own some clock, audit, and the administrator who restores them. */
  private static final String[] READERS = {Group.DSO.id(), Group.DS_DIRECT.id(), Group.DS_FIRST.id(), Group.LEGAL.id(),
      Group.AUDIT.id(), Group.IRT.id(), Group.ADMIN};

  record Alarm(long id, String jobId, String processDefinitionKey, String processInstanceId, String activityId,
      OffsetDateTime dueAt, String cause, int retries, String ownerGroups, OffsetDateTime raisedAt,
      OffsetDateTime resolvedAt, String resolution) {}

  private final JdbcTemplate jdbc;
  private final CurrentUser currentUser;

  ClockAlarmController(JdbcTemplate jdbc, CurrentUser currentUser) {
    this.jdbc = jdbc;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/clock-alarms")
  List<Alarm> alarms(@RequestParam(defaultValue = "false") boolean all) {
    currentUser.requireAnyOf(READERS, "只有数据安全负责人、管理部门、法务、审计和应急处置队伍可以查看期限告警 (officers only)");
    return jdbc.query("SELECT * FROM dsf_clock_alarm" + (all ? "" : " WHERE resolved_at IS NULL")
        + " ORDER BY raised_at DESC, id DESC LIMIT 500", (rs, n) -> new Alarm(rs.getLong("id"), rs.getString("job_id"),
            rs.getString("process_definition_key"), rs.getString("process_instance_id"), rs.getString("activity_id"),
            BeijingTime.offset(SqlTime.instant(rs, "due_at")), rs.getString("cause"), rs.getInt("retries"),
            rs.getString("owner_groups"), BeijingTime.offset(SqlTime.instant(rs, "raised_at")),
            BeijingTime.offset(SqlTime.instant(rs, "resolved_at")), rs.getString("resolution")));
  }

}
