package cn.dsflow.browser;

import java.time.LocalDate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** A Camunda Form (form-js) in Tasklist, filled in the way a person does: by the labels they read. */
public final class TasklistForm {

  private final BrowserSession browser;

  public TasklistForm(BrowserSession browser) {
    this.browser = browser;
  }

  /** The field whose label reads {@code label} (the whole form-js field: label, input, description, errors). */
  public WebElement field(String label) {
    return browser.visible(By.xpath("//label[contains(@class,'fjs-form-field-label')][contains(normalize-space(.), "
        + BrowserSession.xpathLiteral(label) + ")]/ancestor::div[contains(@class,'fjs-form-field ')][1]"));
  }

  public TasklistForm type(String label, String text) {
    WebElement input = field(label).findElement(By.cssSelector("input, textarea"));
    input.clear();
    input.sendKeys(text);
    return this;
  }

  /** Picks an option of a select field by the option's Chinese label. */
  public TasklistForm choose(String label, String option) {
    field(label).findElement(By.cssSelector(".fjs-input-group")).click();
    browser.clickable(By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)="
        + BrowserSession.xpathLiteral(option) + "]")).click();
    return this;
  }

  /** Ticks the radio option (or checkbox) whose own label reads {@code option}. */
  public TasklistForm tick(String option) {
    browser.clickable(By.xpath("//label[normalize-space(.)=" + BrowserSession.xpathLiteral(option) + "]")).click();
    return this;
  }

  /** Types a date the way the browser's locale writes it (zh-CN: 2026/11/29), as a person types it. */
  public TasklistForm date(String label, LocalDate date) {
    String written = (String) ((JavascriptExecutor) browser.driver()).executeScript(
        "return new Intl.DateTimeFormat(navigator.language).format(new Date(arguments[0], arguments[1] - 1, arguments[2]))",
        date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    WebElement input = field(label).findElement(By.cssSelector("input"));
    input.sendKeys(written, Keys.TAB);
    return this;
  }

  /** The error shown beside the field, waiting for it to appear. */
  public WebElement errorBeside(String label) {
    WebElement field = field(label);
    browser.until(d -> !field.findElements(By.cssSelector(".fjs-form-field-error")).isEmpty());
    return field.findElement(By.cssSelector(".fjs-form-field-error"));
  }

  public void press(String button) {
    browser.clickable(By.xpath("//button[normalize-space(.)=" + BrowserSession.xpathLiteral(button) + "]")).click();
  }
}
