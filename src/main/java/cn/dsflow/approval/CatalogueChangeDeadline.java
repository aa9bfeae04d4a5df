package cn.dsflow.approval;

import cn.dsflow.calendar.WorkingDayCalendar;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** 000 §2.6: a change of the filed catalogue is filed "在发生变化的三个月内" — calendar months, end of day Beijing. */
@Component("catalogueChangeDeadline")
public class CatalogueChangeDeadline {

  private final ApprovalSettings settings;

  public CatalogueChangeDeadline(ApprovalSettings settings) {
    this.settings = settings;
  }

  public Date fromNow() {
    return Date.from(ClockUtil.getCurrentTime().toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate()
        .plusMonths(settings.catalogueChangeMonths())
        .atTime(WorkingDayCalendar.END_OF_DAY).atZone(WorkingDayCalendar.ZONE).toInstant());
  }
}
