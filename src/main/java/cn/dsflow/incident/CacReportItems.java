package cn.dsflow.incident;

import cn.dsflow.process.IncidentVariables;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * CAC Measures art. 7: when cause, impact or trend cannot be judged in time, items 1–2 may be reported first and the
 * rest 及时补报. A first report without items 3–7 therefore opens a supplement task with its own deadline, addressed to
 * whoever received the first report (the provincial CAC, or for CII the 保护工作部门 or the 公安机关).
 */
@Component("cacReportItems")
public class CacReportItems implements TaskListener {

  private final IncidentSettings settings;

  public CacReportItems(IncidentSettings settings) {
    this.settings = settings;
  }

  @Override
  public void notify(DelegateTask task) {
    boolean complete = IncidentVariables.CAC_SUPPLEMENT_ITEMS.stream()
        .allMatch(item -> item.isSet(task) && !item.text(task).isBlank());
    Instant now = ClockUtil.getCurrentTime().toInstant();
    IncidentVariables.CAC_SUPPLEMENT_NEEDED.set(task, !complete);
    IncidentVariables.CAC_SUPPLEMENT_DUE_AT.set(task, Date.from(now.plus(settings.cacSupplementSla())));
    IncidentVariables.SUPPLEMENT_RECIPIENT.set(task,
        IncidentVariables.FIRST_REPORT_RECIPIENTS.get(task.getTaskDefinitionKey()).get(task));
  }
}
