package cn.dsflow.notify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.approval.ApprovalFixture;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** What a person reads in a notification mail: sent to the right people, once, with times and next steps they can use. */
@DsflowIntegrationTest
class MailContentIT {

  @Autowired Notifier notifier;
  @Autowired EmbeddedMailServer smtp;
  @Autowired EngineTestSupport engine;
  @Autowired ApprovalFixture fixture;
  @Autowired TransactionTemplate transaction;
  @Autowired TestRestTemplate http;
  @Value("${dsflow.public-url}") String publicUrl;

  @BeforeEach
  void emptyMailbox() {
    smtp.start();
    engine.runDueJobs();
    smtp.purge();
  }

  @AfterEach
  void realTime() {
    engine.actAsNobody();
  }

  String mailbox(String user) {
    return http.withBasicAuth(user, "admin".equals(user) ? "demo-admin" : "demo").getForObject("/api/mailbox", String.class);
  }

  static int occurrences(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  List<MimeMessage> mailsTo(String userId, String subjectPart) throws Exception {
    List<MimeMessage> found = new java.util.ArrayList<>();
    for (MimeMessage m : smtp.receivedMessages()) {
      String[] header = m.getHeader(MailDelivery.RECIPIENTS_HEADER);
      if (m.getSubject().contains(subjectPart) && header != null
          && Arrays.asList(header[0].split(",")).contains(userId)) {
        found.add(m);
      }
    }
    return found;
  }

  @Test
  void aMailToTwoPeopleIsListedOnceInTheViewerWithItsTimeInBeijingTime() {
    String subject = "双人通知-" + UUID.randomUUID();
    transaction.executeWithoutResult(s -> notifier.toGroup("deptHead", subject, "有一项待审批。", null));
    engine.runDueJobs();
    assertThat(smtp.receivedMessages()).hasSize(2); // the SMTP server holds one copy per mailbox (wangwu, qianer)

    String all = mailbox("admin");

    assertThat(occurrences(all, subject)).isEqualTo(1);
    assertThat(occurrences(mailbox("wangwu"), subject)).isEqualTo(1);
    assertThat(all).contains("（北京时间）");
  }

  @Test
  void aTaskLinkIsClickable_aLinkWrittenIntoTheTextByAUserIsNot() {
    String subject = "链接-" + UUID.randomUUID();
    transaction.executeWithoutResult(s -> notifier.toUsers(List.of("lisi"), subject,
        "说明：详见 https://evil.example/login 与 " + publicUrl + "/x\"onmouseover=\"alert(1)", notifier.taskLink("T-1")));
    engine.runDueJobs();

    String html = mailbox("lisi");

    String link = publicUrl + "/camunda/app/tasklist/default/#/?task=T-1";
    assertThat(html).contains("<a href=\"" + link + "\">" + link + "</a>");
    assertThat(html).doesNotContain("href=\"https://evil.example").contains("https://evil.example/login");
    assertThat(html).doesNotContain("onmouseover=\"").contains("<a href=\"" + publicUrl + "/x\">");
  }

  @Test
  void aRequesterInTheApprovingGroupGetsNoApprovalMailForTheirOwnRequest_theOtherMemberDoes() throws Exception {
    engine.setClock(ApprovalFixture.MONDAY_MORNING);
    // wangwu is an employee and a department head: his request opens a deptHead slot he may not decide
    ProcessInstance request = fixture.start("wangwu", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    engine.runDueJobs();

    assertThat(mailsTo("qianer", "待审批")).hasSize(1);
    assertThat(mailsTo("wangwu", "待审批")).isEmpty();
    assertThat(fixture.slot(request, "deptHead")).isNotNull();
  }

  @Test
  void theApprovalMailGivesTheValidityInBeijingTimeAndTheNextStepInWords() throws Exception {
    engine.setClock(ApprovalFixture.MONDAY_MORNING);
    ProcessInstance request = fixture.start("zhangsan", ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    fixture.approveImportantBulkExport(request);
    engine.runDueJobs();

    List<MimeMessage> approved = mailsTo("zhangsan", "申请已批准");
    assertThat(approved).hasSize(1);
    String body = (String) approved.get(0).getContent();
    // validUntil 2026-12-31 is the end of that Beijing day; in UTC it would read 15:59
    assertThat(body).contains("有效期：2026-11-23 10:00 至 2026-12-31 23:59（北京时间）")
        .contains("执行后请在 Tasklist 登记执行结果").doesNotContain("/api/permits").doesNotContain("15:59");
  }
}
