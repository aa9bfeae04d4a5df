package cn.dsflow;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/** Drives the engine the way the job executor would, with the engine clock under the test's control. */
@Component
public class EngineTestSupport {

  private final ManagementService managementService;
  private final IdentityService identityService;

  public EngineTestSupport(ManagementService managementService, IdentityService identityService) {
    this.managementService = managementService;
    this.identityService = identityService;
  }

  /** Executes every job that is due at the engine's current time, repeatedly, until none is left (max 200 rounds). */
  public int runDueJobs() {
    int executed = 0;
    for (int round = 0; round < 200; round++) {
      List<Job> due = managementService.createJobQuery().executable().list();
      if (due.isEmpty()) {
        return executed;
      }
      for (Job job : due) {
        managementService.executeJob(job.getId());
        executed++;
      }
    }
    throw new IllegalStateException("jobs keep coming: a loop in a process?");
  }

  public void setClock(Date now) {
    ClockUtil.setCurrentTime(now);
  }

  public void resetClock() {
    ClockUtil.reset();
  }

  /** Acts as this user, with the groups the identity service knows for them (as the REST filters do). */
  public void actAs(String userId) {
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
    identityService.setAuthentication(userId, groups);
  }

  public void actAsNobody() {
    identityService.clearAuthentication();
  }
}
