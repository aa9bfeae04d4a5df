package cn.dsflow.notify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.incident.IncidentFixture;
import cn.dsflow.ledger.AuditChain;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A legal clock that is disabled (retries zeroed, failed, suspended) raises one alarm for the officers who own it — a
 * mail, an audit event, a line in {@code /api/clock-alarms} — and the alarm closes when an operator restores the job.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class ClockWatchdogIT {

  @Autowired ApprovalFixture approvals;
  @Autowired IncidentFixture incidents;
  @Autowired EngineTestSupport engine;
  @Autowired ManagementService managementService;
  @Autowired ClockWatchdog watchdog;
  @Autowired AuditChain audit;
  @Autowired EmbeddedMailServer smtp;
  @Autowired TestRestTemplate http;

  @BeforeEach
  void monday() {
    watchdog.scan(); // alarms left by other tests are not ours
    engine.runDueJobs();
    smtp.purge();
  }

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  Job overdueTimerOfASlot() {
    ProcessInstance request = approvals.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    String slotInstance = approvals.slot(request, "deptHead").getProcessInstanceId();
    return managementService.createJobQuery().processInstanceId(slotInstance).timers().activityId("approvalOverdue")
        .list().get(0);
  }

  List<MimeMessage> alarmMails() {
    engine.runDueJobs();
    return smtp.receivedMessages().stream().filter(m -> {
      try {
        return m.getSubject().contains("法定期限计时器失效");
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  long disabledEvents(String jobId) {
    return audit.eventsOfType("DEADLINE_JOB_DISABLED").stream().filter(e -> e.subjectId().equals(jobId)).count();
  }

  @Test
  void anAdminZeroingADeadlineJobsRetriesRaisesOneAlarmForItsOwners_repeatedScansDoNotRepeatIt() throws Exception {
    Job timer = overdueTimerOfASlot();
    assertThat(watchdog.scan()).isZero();

    managementService.setJobRetries(timer.getId(), 0);
    assertThat(watchdog.scan()).isEqualTo(1);
    assertThat(watchdog.scan()).isZero();

    assertThat(disabledEvents(timer.getId())).isEqualTo(1);
    List<MimeMessage> mails = alarmMails();
    // dso (zhaoliu) and dsDirect (sunqi), once each
    assertThat(mails).hasSize(2);
    assertThat(mails.stream().map(m -> {
      try {
        return m.getAllRecipients()[0].toString();
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    })).containsExactlyInAnyOrder("zhaoliu@dsflow.local", "sunqi@dsflow.local");
    assertThat((String) mails.get(0).getContent()).contains("审批逾期", "approvalOverdue", timer.getId(), "北京时间", "Cockpit");

    ResponseEntity<String> listed = http.withBasicAuth("zhaoliu", "demo").getForEntity("/api/clock-alarms", String.class);
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(listed.getBody()).contains(timer.getId(), "\"cause\":\"FAILED\"", "approvalOverdue", "+08:00");
    assertThat(http.withBasicAuth("zhangsan", "demo").getForEntity("/api/clock-alarms", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    // the operator restores it (Cockpit "increment retries" is the same call): the alarm closes, nothing new is sent
    managementService.setJobRetries(timer.getId(), 3);
    assertThat(watchdog.scan()).isZero();
    assertThat(audit.eventsOfType("DEADLINE_JOB_RESTORED").stream().filter(e -> e.subjectId().equals(timer.getId())))
        .hasSize(1);
    assertThat(http.withBasicAuth("zhaoliu", "demo").getForObject("/api/clock-alarms", String.class))
        .doesNotContain(timer.getId());
    assertThat(alarmMails()).hasSize(2);
  }

  @Test
  void oneRetryLessIsAlreadyAnAlarm_atTheDefaultThereIsNone_andASecondDropAfterARestoreIsANewAlarm() {
    Job timer = overdueTimerOfASlot();
    managementService.setJobRetries(timer.getId(), 3);
    assertThat(watchdog.scan()).isZero();
    managementService.setJobRetries(timer.getId(), 2);
    assertThat(watchdog.scan()).isEqualTo(1);
    managementService.setJobRetries(timer.getId(), 1);
    assertThat(watchdog.scan()).isZero(); // the same episode, still one alarm
    managementService.setJobRetries(timer.getId(), 3);
    watchdog.scan();
    managementService.setJobRetries(timer.getId(), 2);
    assertThat(watchdog.scan()).isEqualTo(1);
    assertThat(disabledEvents(timer.getId())).isEqualTo(2);
  }

  @Test
  void aDisabledIncidentReportClockAlsoAlarmsTheResponseTeam() throws Exception {
    ProcessInstance incident = incidents.report("lisi",
        EngineTestSupport.with(IncidentFixture.facts("2026-11-23T09:40:00+08:00"), "dataLevel", "IMPORTANT"));
    incidents.confirmAsProposed(incident, false);
    String reportInstance = incidents.only(incident, "reportToRegulator").getProcessInstanceId();
    Job clock = managementService.createJobQuery().processInstanceId(reportInstance).timers().list().get(0);
    managementService.setJobRetries(clock.getId(), 0);
    assertThat(watchdog.scan()).isEqualTo(1);
    assertThat(alarmMails().stream().map(m -> {
      try {
        return m.getAllRecipients()[0].toString();
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    })).containsExactlyInAnyOrder("chenyi@dsflow.local", "zhaoliu@dsflow.local", "sunqi@dsflow.local");
  }

  @Test
  void aSuspendedDeadlineJobIsAnAlarmToo() {
    Job timer = overdueTimerOfASlot();
    managementService.suspendJobById(timer.getId());
    assertThat(watchdog.scan()).isEqualTo(1);
    assertThat(http.withBasicAuth("sunqi", "demo").getForObject("/api/clock-alarms", String.class))
        .contains(timer.getId(), "\"cause\":\"SUSPENDED\"");
    managementService.activateJobById(timer.getId());
    watchdog.scan();
    assertThat(http.withBasicAuth("sunqi", "demo").getForObject("/api/clock-alarms", String.class))
        .doesNotContain(timer.getId());
  }
}
