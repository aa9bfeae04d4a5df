package cn.dsflow.dashboard;

import cn.dsflow.system.BeijingTime;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.system.ApiException;
import cn.dsflow.system.EngineRefusal;
import cn.dsflow.system.SystemCommands;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two views people open beside Tasklist: 我的申请 (every signed-in user, their own requests and incidents only) and
 * the officers' dashboard. Pages: {@code /dsflow/my-requests.html}, {@code /dsflow/dashboard.html}. "Now" is the
 * engine clock, as for every deadline.
 */
@RestController
class DashboardController {

  /** 000 §3.1.2: the data-security officers and the supervision that watch every deadline; nobody else. */
  static final String[] OFFICERS = {Group.DSO.id(), Group.DS_DIRECT.id(), Group.DS_FIRST.id(), Group.AUDIT.id()};

  /** The audit events that make a person the reporter or the lead (grading) of an incident, written by dsflow code. */
  private static final List<String> INCIDENT_ROLES =
      List.of("INCIDENT_REPORTED", "INCIDENT_WARNING_REPORTED", "INCIDENT_GRADED", "INCIDENT_REGRADED");

  record MyIncident(IncidentClocks.OpenIncident incident, List<Coded> roles) {}

  private final MyRequests myRequests;
  private final OfficerDashboard dashboard;
  private final IncidentClocks incidents;
  private final SystemCommands system;
  private final CurrentUser currentUser;
  private final AuditChain audit;
  private final JdbcTemplate jdbc;

  DashboardController(MyRequests myRequests, OfficerDashboard dashboard, IncidentClocks incidents,
      SystemCommands system, CurrentUser currentUser, AuditChain audit, JdbcTemplate jdbc) {
    this.myRequests = myRequests;
    this.dashboard = dashboard;
    this.incidents = incidents;
    this.system = system;
    this.currentUser = currentUser;
    this.audit = audit;
    this.jdbc = jdbc;
  }

  /** The caller's own requests, newest first: the requester is the one dsflow registered, never a parameter. */
  @GetMapping("/api/my/requests")
  Map<String, Object> myRequests() {
    String me = signedIn();
    Instant now = now();
    return Map.of("now", BeijingTime.iso(now), "requests", system.run(() -> myRequests.of(me, now)));
  }

  /** The open incidents the caller reported or graded as the lead, with their report clocks. */
  @GetMapping("/api/my/incidents")
  Map<String, Object> myIncidents() {
    String me = signedIn();
    Instant now = now();
    Map<String, List<String>> roles = new java.util.LinkedHashMap<>();
    jdbc.query("SELECT subject_id, event_type FROM dsf_audit_event WHERE subject_type = 'incident' AND actor = ?"
        + " AND event_type IN (" + String.join(",", INCIDENT_ROLES.stream().map(t -> "'" + t + "'").toList())
        + ") ORDER BY seq", rs -> {
          roles.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(rs.getString(2));
        }, me);
    List<MyIncident> mine = system.run(() -> incidents.running(roles.keySet(), now)).stream()
        .map(i -> new MyIncident(i, roleLabels(roles.get(i.incidentId())))).toList();
    return Map.of("now", BeijingTime.iso(now), "incidents", mine);
  }

  @GetMapping("/api/dashboard")
  OfficerDashboard.Dashboard dashboard() {
    String me = signedIn();
    if (!currentUser.isIn(OFFICERS)) {
      String reason = "仪表板仅供数据安全管理责任部门、直接责任人、第一责任人和审计查看 (officers only)";
      // a look at every open request and incident by someone outside the officers is itself worth a record
      audit.refused("DASHBOARD_REFUSED", me, "dashboard", "officer", EngineRefusal.forbidden("not_an_officer", reason));
      throw new ApiException(HttpStatus.FORBIDDEN, "not_an_officer", reason);
    }
    Instant now = now();
    return system.run(() -> dashboard.at(now));
  }

  private String signedIn() {
    String me = currentUser.id();
    if (me == null) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "需要登录 (sign in first)");
    }
    return me;
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private static List<Coded> roleLabels(List<String> events) {
    boolean reported = events.stream().anyMatch(e -> e.endsWith("REPORTED"));
    boolean graded = events.stream().anyMatch(e -> e.endsWith("GRADED"));
    List<Coded> labels = new java.util.ArrayList<>();
    if (reported) {
      labels.add(new Coded("REPORTER", "报告人"));
    }
    if (graded) {
      labels.add(new Coded("LEAD", "定级负责人"));
    }
    return labels;
  }
}
