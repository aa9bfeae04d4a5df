package cn.dsflow.compliance;

import cn.dsflow.calendar.ProvisionalDeadlines;
import cn.dsflow.calendar.WorkingDayCalendar;
import cn.dsflow.identity.CurrentUser;
import cn.dsflow.identity.Group;
import cn.dsflow.system.ApiException;
import cn.dsflow.system.SystemCommands;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What is due in the coming days, for the officers: every open task with a deadline in the window (or already overdue),
 * from every process, and the annual duties the calendar will open in the window.
 */
@RestController
public class UpcomingController {

  /**
   * One line of the view: an open duty, or an annual duty that will open. {@code provisional}: the deadline rests on a
   * year derived from the holiday law and moves when the State Council notice is loaded.
   */
  public record Item(String kind, String name, String process, String taskId, Instant opensAt, Instant dueAt, boolean overdue,
      boolean provisional) {}

  private final TaskService taskService;
  private final RepositoryService repositoryService;
  private final ComplianceSettings settings;
  private final ComplianceCalendar calendar;
  private final SystemCommands system;
  private final CurrentUser currentUser;
  private final ProvisionalDeadlines provisionalDeadlines;

  UpcomingController(TaskService taskService, RepositoryService repositoryService, ComplianceSettings settings,
      ComplianceCalendar calendar, SystemCommands system, CurrentUser currentUser, ProvisionalDeadlines provisionalDeadlines) {
    this.provisionalDeadlines = provisionalDeadlines;
    this.taskService = taskService;
    this.repositoryService = repositoryService;
    this.settings = settings;
    this.calendar = calendar;
    this.system = system;
    this.currentUser = currentUser;
  }

  /** Also the officers' dashboard's next 30 days (one source for what is due). */
  @GetMapping("/api/calendar/upcoming")
  public List<Item> upcoming(@RequestParam(defaultValue = "90") int days) {
    currentUser.requireAnyOf(Group.LEDGER_READERS, "只有数据安全管理部门、负责人、法务和审计可以查看合规日历 (officers only)");
    if (days < 1 || days > 366) {
      throw ApiException.badRequest("days", "1–366 天 (between 1 and 366 days)");
    }
    Date now = ClockUtil.getCurrentTime();
    Date until = Date.from(now.toInstant().plusSeconds(86_400L * days));
    List<Item> items = new ArrayList<>();
    Set<String> provisional = provisionalDeadlines.openDeadlines();
    system.run(() -> taskService.createTaskQuery().dueBefore(until).orderByDueDate().asc().list()).forEach(t -> items.add(
        new Item("OPEN", t.getName(), processKey(t.getProcessDefinitionId()), t.getId(), null, t.getDueDate().toInstant(),
            t.getDueDate().before(now),
            provisional.contains(ProvisionalDeadlines.key(t.getProcessInstanceId(), t.getDueDate())))));
    LocalDate today = now.toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
    LocalDate last = until.toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
    for (ComplianceDuty duty : ComplianceDuty.values()) {
      if (!duty.annual()) {
        continue;
      }
      MonthDay opens = settings.opens(duty);
      for (int year = today.getYear(); year <= last.getYear(); year++) {
        LocalDate open = opens.atYear(year);
        if (open.isAfter(today) && !open.isAfter(last)) {
          LocalDate due = calendar.dueDayOfWindowContaining(duty, open);
          items.add(new Item("SCHEDULED", duty.chineseName(), "compliance-duty", null,
              open.atTime(WorkingDayCalendar.REMINDER_TIME).atZone(WorkingDayCalendar.ZONE).toInstant(),
              due.atTime(WorkingDayCalendar.END_OF_DAY).atZone(WorkingDayCalendar.ZONE).toInstant(), false, false));
        }
      }
    }
    items.sort(Comparator.comparing(Item::dueAt));
    return items;
  }

  private String processKey(String processDefinitionId) {
    return system.run(() -> repositoryService.getProcessDefinition(processDefinitionId).getKey());
  }
}
