package cn.dsflow.browser;

import static cn.dsflow.EngineTestSupport.at;
import static cn.dsflow.EngineTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import cn.dsflow.EngineClockAt;
import cn.dsflow.EngineTestSupport;
import cn.dsflow.TasklistSession;
import cn.dsflow.approval.ApprovalFixture;
import cn.dsflow.incident.IncidentFixture;
import java.io.File;
import java.io.IOException;
import java.net.HttpCookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a person sees in Debian's Chromium (zh-CN), signed in to the webapps: the 我的申请 page, and the officers'
 * dashboard with its report clocks in Beijing time, counting down and turning red when the legal deadline passes.
 * Needs chromium and chromium-driver ({@code apt-get install -y chromium chromium-driver}); without them it is skipped
 * with that sentence.
 */
@DsflowIntegrationTest
@EngineClockAt("2026-11-23T10:00:00+08:00")
class DashboardBrowserIT {

  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final String CHROMIUM = "/usr/bin/chromium";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @Autowired EngineTestSupport engine;
  @Autowired ApprovalFixture approvals;
  @Autowired IncidentFixture incidents;
  @LocalServerPort int port;

  WebDriver browser;
  Path profile;

  @BeforeEach
  void openBrowser() throws IOException {
    Assumptions.assumeTrue(new File(CHROMEDRIVER).canExecute() && new File(CHROMIUM).canExecute(),
        "browser test skipped: " + CHROMIUM + " or " + CHROMEDRIVER
            + " missing (install them with: apt-get install -y chromium chromium-driver)");
    profile = Files.createTempDirectory("dsflow-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=zh-CN",
        "--window-size=1400,1000", "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void closeBrowser() throws IOException {
    engine.actAsNobody();
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  /**
   * Signs in through the webapps' own login endpoint and hands the session to the browser: the pages under test are
   * the dsflow pages, and Tasklist's large bundle, loaded cold on a busy machine, takes minutes to show its form.
   */
  void signIn(String user) {
    HttpCookie session = TasklistSession.login(port, user, "demo").cookie("JSESSIONID");
    browser.get(url("/dsflow/pages.css"));
    browser.manage().deleteAllCookies();
    browser.manage().addCookie(new Cookie.Builder(session.getName(), session.getValue()).path("/").isHttpOnly(true).build());
  }

  void open(String page) {
    browser.get(url(page));
    waitUpTo(30).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
  }

  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** A requester of this test's own: zhangsan's many requests across the shared suite would crowd out the page. */
  String ownRequester() {
    return engine.employee("browserrequester", "孙浏览");
  }

  @Test
  void theRequesterFollowsTheirRequestOnMyRequestsInChineseAndBeijingTime() throws IOException {
    String requester = ownRequester();
    ProcessInstance request = approvals.start(requester, ApprovalFixture.request("BULK_EXPORT", "IMPORTANT"));
    engine.setClock(at("2026-11-23T10:05:00+08:00"));
    approvals.decide("wangwu", approvals.slot(request, "deptHead"), "APPROVE", "业务需要，同意");
    ProcessInstance someoneElses = approvals.start("lisi", ApprovalFixture.request("BULK_IMPORT", "GENERAL"));

    signIn(requester);
    open("/dsflow/my-requests.html");
    screenshot("my-requests-zhangsan");
    WebElement row = browser.findElement(By.cssSelector("tr[data-request='" + request.getId() + "']"));
    assertThat(row.getText())
        .contains("数据操作事前审批", "2026-11-23 10:00", "审批中", "批量导出", "重要数据")
        .contains("数据所属部门负责人：同意（王五，2026-11-23 10:05）")
        .contains("数据安全管理责任部门：待审批", "数据安全直接责任人：待审批")
        .contains("期限 2026-11-26 23:59") // 3 working days after Monday's slot, end of day in Beijing
        .doesNotContain("UTC", "T02:", "Z");
    assertThat(browser.findElements(By.cssSelector("tr[data-request='" + someoneElses.getId() + "']")))
        .as("lisi's request is not on the requester's page").isEmpty();
    assertThat(browser.findElement(By.id("now")).getText()).isEqualTo("北京时间 2026-11-23 10:05");
  }

  @Test
  void theDashboardCountsTheReportClocksDownAndMarksAMissedDeadline() throws IOException {
    ProcessInstance cac = incidents.report("lisi",
        with(IncidentFixture.facts("2026-11-23T09:40:00+08:00"), "directLossYuan", 5_000_000));
    incidents.confirmAsProposed(cac, false);
    ProcessInstance cii = incidents.report("lisi",
        with(IncidentFixture.facts("2026-11-23T09:40:00+08:00"), "ciiInvolved", true, "ciiOutageMinutes", 15));
    incidents.confirmAsProposed(cii, false);
    engine.setClock(at("2026-11-23T10:41:00+08:00"));

    signIn("sunqi");
    open("/dsflow/dashboard.html");
    screenshot("dashboard-sunqi");
    assertThat(browser.findElement(By.id("now")).getText()).isEqualTo("北京时间 2026-11-23 10:41");
    WebElement cacRow = clockRow(cac, "reportToCac");
    assertThat(cacRow.getText()).contains("向省级网信部门报告", "网信", "期限 2026-11-23 13:40");
    WebElement cacClock = cacRow.findElement(By.cssSelector("td.clock"));
    assertThat(cacClock.getAttribute("data-remaining")).isEqualTo(String.valueOf(2 * 3600 + 59 * 60));
    String shown = cacClock.getText();
    assertThat(shown).matches("剩余 0?2:5[89]:\\d\\d");
    // it counts down by itself, second by second, without a reload
    waitUpTo(5).until(d -> !cacClock.getText().equals(shown));

    WebElement ciiRow = clockRow(cii, "reportToCiiAuthority");
    assertThat(ciiRow.getText()).contains("关键信息基础设施", "期限 2026-11-23 10:40");
    WebElement ciiClock = ciiRow.findElement(By.cssSelector("td.clock"));
    assertThat(ciiClock.getText()).startsWith("已超期 00:01:");
    assertThat(ciiClock.getAttribute("class")).contains("overdue");
    assertThat(browser.findElement(By.id("overdue")).isDisplayed()).isTrue();
  }

  WebElement clockRow(ProcessInstance incident, String task) {
    return browser.findElement(By.cssSelector("tr[data-incident='" + incident.getId() + "'][data-task='" + task + "']"));
  }

  @Test
  void anEmployeeOpeningTheDashboardReadsTheRefusalInChinese() throws IOException {
    signIn("zhangsan");
    open("/dsflow/dashboard.html");
    screenshot("dashboard-refused-zhangsan");
    assertThat(browser.findElement(By.id("refused")).getText()).startsWith("仪表板仅供");
    assertThat(browser.findElements(By.id("approvals"))).isEmpty();
  }
}
