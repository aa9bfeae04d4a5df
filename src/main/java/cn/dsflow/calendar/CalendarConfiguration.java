package cn.dsflow.calendar;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduling is for {@link OfficialYears#refresh()}: each node re-reads the shared calendar data. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CalendarConfiguration {

  /** Named {@code workingDays} for BPMN expressions such as {@code ${workingDays.deadlineFromNow(3)}}. */
  @Bean("workingDays")
  WorkingDayCalendar workingDayCalendar(@Value("${dsflow.calendar.directory:}") String directory,
      @Value("${dsflow.calendar.provisional-years-ahead:" + WorkingDayCalendar.DEFAULT_YEARS_AHEAD + "}") int yearsAhead) {
    return new WorkingDayCalendar(new HolidayDataLoader().load(directory), yearsAhead);
  }
}
