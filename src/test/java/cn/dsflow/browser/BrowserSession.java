package cn.dsflow.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * A person at a browser: Debian's headless chromium driven through chromedriver, reading Chinese (zh-CN) in Beijing
 * (TZ=Asia/Shanghai), with a fresh profile each time so no earlier login or cached locale leaks in. Waits are on
 * conditions, never on the clock. Without chromium and chromedriver the test is skipped and says why; CI installs
 * both (.ci/run).
 */
public final class BrowserSession implements AutoCloseable {

  /** Where Debian's packages put them; override with -Ddsflow.browser.chromium / -Ddsflow.browser.chromedriver. */
  static final String CHROMIUM = System.getProperty("dsflow.browser.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("dsflow.browser.chromedriver", "/usr/bin/chromedriver");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final String base;
  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final WebDriverWait wait;

  private BrowserSession(int port) throws IOException {
    this.base = "http://localhost:" + port;
    this.profile = Files.createTempDirectory("dsflow-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=zh-CN", "--window-size=1366,900");
    // headless chromium takes navigator.languages from this preference, not from --lang alone
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    this.service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
        .withEnvironment(Map.of("TZ", "Asia/Shanghai")).build();
    this.driver = new ChromeDriver(service, options);
    this.wait = new WebDriverWait(driver, PATIENCE);
  }

  /** Opens a browser against the app on {@code port}; skips the calling test, saying why, when none is installed. */
  public static BrowserSession open(int port) {
    String missing = List.of(CHROMIUM, CHROMEDRIVER).stream().filter(p -> !new File(p).canExecute())
        .reduce((a, b) -> a + " and " + b).orElse(null);
    Assumptions.assumeTrue(missing == null, () -> "browser tests need Debian's chromium and chromium-driver, but "
        + missing + " is not installed: apt-get install -y chromium chromium-driver (.ci/run does this in CI)");
    try {
      return new BrowserSession(port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Logs in to a webapp ({@code tasklist}, {@code cockpit}, {@code admin}, {@code welcome}) through its login page. */
  public BrowserSession login(String app, String user, String password) {
    go("/camunda/app/" + app + "/default/");
    WebElement name = visible(By.cssSelector("input[ng-model='username']"));
    name.sendKeys(user);
    driver.findElement(By.cssSelector("input[type='password']")).sendKeys(password);
    driver.findElement(By.cssSelector("form button[type='submit']")).click();
    until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
    return this;
  }

  public BrowserSession go(String path) {
    driver.get(base + path);
    return this;
  }

  public WebDriver driver() {
    return driver;
  }

  public WebDriverWait waiting() {
    return wait;
  }

  public WebElement visible(By locator) {
    return until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  public WebElement clickable(By locator) {
    return until(ExpectedConditions.elementToBeClickable(locator));
  }

  /**
   * Waits for a condition; when it never comes, keeps what the person would have seen (screenshot, page, browser
   * console) under target/screenshots/failed-*, so a failure in CI can be read without re-running it.
   */
  public <T> T until(ExpectedCondition<T> condition) {
    try {
      return wait.until(condition);
    } catch (TimeoutException e) {
      String name = "failed-" + System.currentTimeMillis();
      screenshot(name);
      StringBuilder console = new StringBuilder();
      try {
        driver.manage().logs().get(LogType.BROWSER).forEach(entry -> console.append(entry).append('\n'));
        Files.writeString(Path.of("target", "screenshots", name + ".html"), driver.getPageSource());
      } catch (IOException | RuntimeException ignored) {
        // the diagnosis is a courtesy; the timeout below is the failure
      }
      throw new TimeoutException(e.getMessage() + "\nat " + driver.getCurrentUrl() + " (see target/screenshots/" + name
          + ".png)\nbrowser console:\n" + console, e);
    }
  }

  /**
   * Clicks what {@code locator} finds once it can be clicked. Tasklist re-renders its lists on auto-refresh, so an
   * element found a moment ago may be gone: the click is retried on the fresh element until the wait runs out.
   */
  public void click(By locator) {
    until(d -> {
      try {
        d.findElement(locator).click();
        return true;
      } catch (StaleElementReferenceException | ElementClickInterceptedException | NoSuchElementException e) {
        return null;
      }
    });
  }

  /** Reads from what {@code locator} finds, again on the fresh element when a re-render replaced it. */
  public <T> T read(By locator, java.util.function.Function<WebElement, T> reading) {
    return until(d -> {
      try {
        return reading.apply(d.findElement(locator));
      } catch (StaleElementReferenceException | NoSuchElementException e) {
        return null;
      }
    });
  }

  /** Waits until some visible element's text contains {@code text} and returns it. */
  public WebElement text(String text) {
    return visible(By.xpath("//*[not(self::script)][contains(normalize-space(.), " + xpathLiteral(text)
        + ") and not(*[contains(normalize-space(.), " + xpathLiteral(text) + ")])]"));
  }

  /** A full-page picture under target/screenshots/NAME.png, for the reviewer and for docs/img. */
  public Path screenshot(String name) {
    try {
      Path file = Path.of("target", "screenshots", name + ".png");
      Files.createDirectories(file.getParent());
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String xpathLiteral(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      FileSystemUtils.deleteRecursively(profile.toFile());
    }
  }
}
