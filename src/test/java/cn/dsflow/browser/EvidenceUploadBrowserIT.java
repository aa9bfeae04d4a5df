package cn.dsflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.incident.EvidenceRegister;
import cn.dsflow.incident.IncidentFixture;
import cn.dsflow.ledger.AuditChain;
import cn.dsflow.ledger.Sm3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The incident response team preserves evidence from inside the first-response form in Tasklist (000 §6.5:
 * 保存相关痕迹和证据): the chosen file is uploaded, the server's SM3 digest is shown in the form, and the file is in the
 * evidence register and the audit chain under the person who uploaded it. The form's own texts are Chinese.
 */
@DsflowIntegrationTest
class EvidenceUploadBrowserIT {

  @LocalServerPort int port;
  @Autowired IncidentFixture incidents;
  @Autowired EvidenceRegister register;
  @Autowired AuditChain audit;

  @Test
  void aResponderUploadsEvidenceInsideTheFirstResponseFormAndItIsRecordedWithItsDigest() throws IOException {
    String discovered = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(1).truncatedTo(ChronoUnit.MINUTES).toString();
    ProcessInstance incident = incidents.report("lisi", IncidentFixture.facts(discovered));
    incidents.confirmAsProposed(incident, false);
    Task firstResponse = incidents.only(incident, "firstResponse");
    String content = "10:01 GET /api/users?page=1..9999 from 203.0.113.7 " + UUID.randomUUID() + "\n";
    Path file = Files.createTempFile("gateway-", ".log");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    String sm3 = Sm3.hex(content.getBytes(StandardCharsets.UTF_8));

    try (BrowserSession browser = BrowserSession.open(port)) {
      browser.login("tasklist", "chenyi", "demo");
      browser.go("/camunda/app/tasklist/default/#/?task=" + firstResponse.getId());
      By claim = By.xpath("//*[self::a or self::button][normalize-space(.)='认领']");
      browser.click(claim);
      browser.until(ExpectedConditions.invisibilityOfElementLocated(claim));
      new TasklistForm(browser).field("控制事态的措施");
      assertThat(browser.visible(By.cssSelector(".fjs-repeat-render-add")).getText().strip())
          .as("form-js's own list button, in Chinese").isEqualTo("添加一项");

      WebElement upload = browser.visible(By.cssSelector("fieldset.dsflow-evidence-upload"));
      ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})", upload);
      assertThat(upload.getText()).contains("上传证据文件", "尚未登记证据");
      upload.findElement(By.cssSelector("input[type='file']")).sendKeys(file.toAbsolutePath().toString());
      upload.findElement(By.id("dsflow-evidence-source")).sendKeys("gw-01:/var/log/api/access.log");
      upload.findElement(By.xpath(".//button[normalize-space(.)='上传']")).click();
      browser.until(d -> upload.findElement(By.cssSelector(".dsflow-evidence-status")).getText()
          .equals("已登记：" + file.getFileName() + "，SM3 " + sm3));
      browser.until(d -> upload.findElement(By.cssSelector(".dsflow-evidence-list")).getText().contains(sm3));
      browser.screenshot("08-evidence-upload");
    } finally {
      Files.deleteIfExists(file);
    }

    assertThat(register.of(incident.getId())).singleElement().satisfies(e -> {
      assertThat(e.sm3()).isEqualTo(sm3);
      assertThat(e.stored()).isTrue();
      assertThat(e.registeredBy()).isEqualTo("chenyi");
    });
    assertThat(audit.events("incident", incident.getId()))
        .anyMatch(e -> e.type().equals("INCIDENT_EVIDENCE_REGISTERED") && e.actor().equals("chenyi")
            && e.detail().contains(sm3));
  }
}
