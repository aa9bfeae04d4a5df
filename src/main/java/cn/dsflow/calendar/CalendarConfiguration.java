package cn.dsflow.calendar;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

  /** Named {@code workingDays} for BPMN expressions such as {@code ${workingDays.deadlineFromNow(3)}}. */
  @Bean("workingDays")
  WorkingDayCalendar workingDayCalendar(@Value("${dsflow.calendar.directory:}") String directory) {
    return new WorkingDayCalendar(new HolidayDataLoader().load(directory));
  }
}
