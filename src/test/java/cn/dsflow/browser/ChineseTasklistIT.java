package cn.dsflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.approval.ApprovalFixture;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an employee and an approver see and do in Tasklist, through a real headless chromium reading zh-CN in Beijing:
 * Chinese buttons and toasts, names surname first, no end-of-life banner, Beijing times, an error beside its field,
 * and a request started and decided end to end (issue 18). Screenshots land in target/screenshots/.
 */
@DsflowIntegrationTest
class ChineseTasklistIT {

  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  @LocalServerPort int port;
  @Autowired HistoryService historyService;
  @Autowired RuntimeService runtimeService;
  @Autowired ApprovalFixture approvals;

  @Test
  void anEmployeeStartsARequestInChineseAndAMissingFieldIsFlaggedBesideItWithNothingStarted() {
    String marker = "浏览器测试-" + UUID.randomUUID().toString().substring(0, 8);
    try (BrowserSession browser = BrowserSession.open(port)) {
      browser.go("/camunda/app/tasklist/default/");
      assertThat(browser.visible(By.cssSelector("form button[type='submit']")).getText()).isEqualTo("登录");
      assertThat(browser.driver().findElement(By.cssSelector("input[ng-model='username']")).getAttribute("placeholder"))
          .isEqualTo("用户名");
      browser.screenshot("01-login");

      browser.login("tasklist", "zhangsan", "demo");
      browser.text("张三");
      browser.text("待我处理");
      assertThat(browser.visible(By.cssSelector("a[href='/dsflow/my-requests.html']")).getText()).isEqualTo("我的申请");
      assertThat(browser.driver().findElement(By.tagName("body")).getText())
          .doesNotContain("三 张").doesNotContain("Camunda 8").contains("我的待办", "待我审批", "逾期");
      assertThat(browser.driver().findElements(By.cssSelector(".ce-eol-banner")))
          .allSatisfy(banner -> assertThat(banner.isDisplayed()).isFalse());
      browser.screenshot("02-tasklist-employee");

      browser.clickable(By.xpath("//a[contains(normalize-space(.), '发起流程')]")).click();
      browser.clickable(By.xpath("//a[contains(normalize-space(.), '数据操作事前审批')]")).click();
      TasklistForm form = new TasklistForm(browser);
      LocalDate today = LocalDate.now(BEIJING);
      form.choose("处理方式", "批量导出").choose("数据级别", "一般数据")
          .type("数据描述", "MES 系统导出的工艺参数").type("数据数量", "5000").type("数据量", "1.5")
          .type("数据处理主体", "本公司").type("处理方法", "加密专线传输").type("目的", "联合工艺优化")
          .type("范围", "3 号产线").date("时效：开始日期", today).date("时效：截止日期", today.plusDays(30));
      browser.screenshot("03-start-form");
      assertThat(form.calendar("时效：截止日期")).as("the calendar's month and weekdays, in Chinese")
          .containsExactly(today.plusDays(30).getMonthValue() + "月", "日", "一", "二", "三", "四", "五", "六");

      // Tasklist disables 发起 while the form is invalid: an empty required field that was touched shows its error
      // beside it, and the request cannot be sent (pressing at once raced Tasklist's own validation under load)
      long before = startedBy("zhangsan");
      form.touchAndLeaveEmpty("数据类别");
      WebElement error = form.errorBeside("数据类别");
      assertThat(error.isDisplayed()).isTrue();
      browser.until(d -> error.getText().equals("此项为必填项。"));
      assertThat(browser.driver().findElement(By.tagName("body")).getText()).doesNotContain("Field is required");
      assertThat(form.shown("时效：开始日期")).as("GB/T 7408 order, not 11/29/2026").isEqualTo(today.toString());
      WebElement start = browser.visible(By.xpath("//button[normalize-space(.)='发起']"));
      browser.until(d -> !start.isEnabled());
      form.show("数据类别");
      browser.screenshot("04-field-error");
      assertThat(startedBy("zhangsan")).as("a refused form starts nothing").isEqualTo(before);

      form.type("数据类别", marker);
      form.press("发起");
      browser.text("流程已发起");
      browser.screenshot("05-request-started");
    }
    HistoricProcessInstance started = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("data-operation-approval").variableValueEquals("dataCategory", marker).singleResult();
    assertThat(started).isNotNull();
    assertThat(started.getStartUserId()).isEqualTo("zhangsan");
    LocalDate today = LocalDate.now(BEIJING);
    assertThat(String.valueOf(variable(started.getId(), "validFrom"))).startsWith(today.toString());
    assertThat(String.valueOf(variable(started.getId(), "validUntil"))).startsWith(today.plusDays(30).toString());
  }

  private Object variable(String processInstanceId, String name) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
        .variableName(name).singleResult().getValue();
  }

  @Test
  void anApproverSeesTheDeadlineInBeijingTimeAndDecidesInChinese() {
    LocalDate today = LocalDate.now(BEIJING);
    Map<String, Object> request = ApprovalFixture.request("BULK_EXPORT", "GENERAL");
    request.put("validFrom", today.toString());
    request.put("validUntil", today.plusDays(30).toString());
    ProcessInstance started = approvals.start("zhangsan", request);
    Task slot = approvals.slot(started, "deptHead");

    try (BrowserSession browser = BrowserSession.open(port)) {
      browser.login("tasklist", "wangwu", "demo");
      browser.text("王五");
      browser.click(By.xpath("//a[starts-with(normalize-space(.), '待我审批')]"));
      By link = By.cssSelector("a[href='#/?task=" + slot.getId() + "']");
      By dueInList = By.xpath("//a[@href='#/?task=" + slot.getId() + "']/ancestor::li[1]//*[@am-time-ago='task.due']");
      String beijing = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
          .format(slot.getDueDate().toInstant().atZone(BEIJING));
      String dueInFull = browser.read(dueInList, e -> e.getAttribute("uib-tooltip"));
      String dueRelative = browser.read(dueInList, WebElement::getText);
      assertThat(dueInFull).as("the deadline in full, Beijing time").isEqualTo(beijing);
      assertThat(dueRelative).as("the deadline relative, in Chinese").matches("\\d+ (分钟|小时|天|个月)后");
      browser.click(link);
      By claim = By.xpath("//*[self::a or self::button][normalize-space(.)='认领']");
      browser.click(claim);
      browser.until(ExpectedConditions.invisibilityOfElementLocated(claim));
      browser.screenshot("06-approval-task");

      TasklistForm form = new TasklistForm(browser);
      form.tick("同意").type("审批意见", "同意导出，注意脱敏");
      form.press("完成");
      // Tasklist closes the form only once the server has accepted the decision; the toast may already have faded
      browser.until(ExpectedConditions.or(
          ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[contains(normalize-space(.), '任务已完成')]")),
          ExpectedConditions.invisibilityOfElementLocated(By.xpath("//button[normalize-space(.)='完成']"))));
      browser.screenshot("07-approved");
    }
    HistoricTaskInstance decided = historyService.createHistoricTaskInstanceQuery().taskId(slot.getId()).singleResult();
    assertThat(decided.getEndTime()).isNotNull();
    assertThat(decided.getAssignee()).isEqualTo("wangwu");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(started.getId())
        .variableName("permitId").singleResult()).as("the only slot said yes: a permit is issued").isNotNull();
  }

  private long startedBy(String user) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey("data-operation-approval")
        .startedBy(user).count();
  }
}
