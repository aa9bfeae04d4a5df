package cn.dsflow.compliance;

import cn.dsflow.calendar.WorkingDayCalendar;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The compliance calendar's daily tick at 09:00 Beijing, as an ISO-8601 repeating interval in UTC
 * ({@code R/<next 09:00>/P1D}). Its own bean without dependencies: the engine evaluates a timer start event while it is
 * still being built, before any bean that needs the engine's services can exist.
 */
@Component("complianceTick")
public class ComplianceTick {

  public String daily() {
    ZonedDateTime now = ClockUtil.getCurrentTime().toInstant().atZone(WorkingDayCalendar.ZONE);
    ZonedDateTime next = now.toLocalDate().atTime(WorkingDayCalendar.REMINDER_TIME).atZone(WorkingDayCalendar.ZONE);
    return "R/" + DateTimeFormatter.ISO_INSTANT.format((next.isAfter(now) ? next : next.plusDays(1)).toInstant()) + "/P1D";
  }
}
