package cn.dsflow.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

@DsflowIntegrationTest
class NotificationIT {

  @Autowired Notifier notifier;
  @Autowired EmbeddedMailServer smtp;
  @Autowired EngineTestSupport engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired TransactionTemplate transaction;

  @BeforeEach
  void emptyMailbox() {
    smtp.start();
    engine.runDueJobs();
    smtp.purge();
  }

  @AfterEach
  void smtpBackUp() {
    smtp.start();
  }

  @Test
  void aNotificationArrivesOverSmtpWithAChineseSubject() throws Exception {
    transaction.executeWithoutResult(s -> notifier.toUsers(List.of("lisi"), "审批待办：数据对外提供申请", "请审批。", "/x"));
    assertThat(smtp.receivedMessages()).isEmpty(); // nothing is sent inside the user's transaction
    engine.runDueJobs();
    List<MimeMessage> mails = smtp.receivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).getSubject()).isEqualTo("【数据安全合规】审批待办：数据对外提供申请");
    assertThat(mails.get(0).getAllRecipients()[0].toString()).isEqualTo("lisi@dsflow.local");
    assertThat((String) mails.get(0).getContent()).contains("请审批。").contains("/x");
  }

  @Test
  void aGroupNotificationReachesEveryMember() {
    transaction.executeWithoutResult(s -> notifier.toGroup("deptHead", "新的审批任务", "有一项待审批。", null));
    engine.runDueJobs();
    assertThat(smtp.receivedMessages()).hasSize(2); // wangwu and qianer
  }

  @Test
  void withSmtpDownTheActionCommitsAndTheMailArrivesOnceAfterSmtpReturns() throws Exception {
    smtp.stop();
    transaction.executeWithoutResult(s -> notifier.toUsers(List.of("lisi"), "SMTP 中断测试", "正文", null));
    ProcessInstance queued =
        runtimeService.createProcessInstanceQuery().processDefinitionKey(Notifier.PROCESS_KEY).active().list().stream()
            .filter(p -> ((String) runtimeService.getVariable(p.getId(), "mailSubject")).endsWith("SMTP 中断测试"))
            .findFirst()
            .orElseThrow();
    Job job = managementService.createJobQuery().processInstanceId(queued.getId()).singleResult();
    assertThatThrownBy(() -> managementService.executeJob(job.getId())).isNotNull();
    Job failed = managementService.createJobQuery().jobId(job.getId()).singleResult();
    assertThat(failed.getRetries()).isEqualTo(5); // R6/PT5M: one try used, five left
    assertThat(failed.getExceptionMessage()).isNotBlank();

    smtp.start();
    managementService.executeJob(job.getId());
    assertThat(smtp.receivedMessages()).hasSize(1);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(queued.getId()).count()).isZero();
    engine.runDueJobs();
    assertThat(smtp.receivedMessages()).hasSize(1); // never twice
  }
}
