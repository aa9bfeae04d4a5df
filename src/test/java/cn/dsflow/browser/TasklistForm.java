package cn.dsflow.browser;

import java.time.LocalDate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** A Camunda Form (form-js) in Tasklist, filled in the way a person does: by the labels they read. */
public final class TasklistForm {

  private final BrowserSession browser;
  /** What was typed where, so a field Tasklist emptied while settling is typed again before the form is sent. */
  private final java.util.Map<String, String> typed = new java.util.LinkedHashMap<>();

  public TasklistForm(BrowserSession browser) {
    this.browser = browser;
  }

  /** The field whose label reads {@code label} (the whole form-js field: label, input, description, errors). */
  public WebElement field(String label) {
    return browser.visible(By.xpath("//label[contains(@class,'fjs-form-field-label')][contains(normalize-space(.), "
        + BrowserSession.xpathLiteral(label) + ")]/ancestor::div[contains(@class,'fjs-form-field ')][1]"));
  }

  /**
   * Types the text and waits until the field holds it. Under load Tasklist may still be settling the form while a
   * person types, and a keystroke can be lost (seen in CI: one field left empty); a person would see that and retype.
   */
  public TasklistForm type(String label, String text) {
    typed.put(label, text);
    enter(label, text);
    return this;
  }

  private void enter(String label, String text) {
    browser.until(d -> {
      WebElement input = field(label).findElement(By.cssSelector("input, textarea"));
      if (text.equals(input.getAttribute("value"))) {
        return true;
      }
      input.clear();
      input.sendKeys(text);
      return text.equals(input.getAttribute("value"));
    });
  }

  /** Types into a field and deletes it again, as a person who starts and changes their mind: the field is touched. */
  public TasklistForm touchAndLeaveEmpty(String label) {
    WebElement input = field(label).findElement(By.cssSelector("input, textarea"));
    input.sendKeys("x");
    input.sendKeys(org.openqa.selenium.Keys.BACK_SPACE);
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
    click(browser.clickable(By.xpath("//label[normalize-space(.)=" + BrowserSession.xpathLiteral(option) + "]")));
    return this;
  }

  /**
   * Types a date into a form-js date field the way a Chinese reader writes it, year-month-day (GB/T 7408), and waits
   * until the field shows it so: Tasklist's dsflow/chinese-forms script gives form-js that order whatever the
   * browser's language (form-js alone read and showed month/day/year).
   */
  public TasklistForm date(String label, LocalDate date) {
    WebElement input = field(label).findElement(By.cssSelector("input"));
    input.sendKeys(date.toString(), Keys.TAB);
    browser.until(d -> date.toString().equals(input.getAttribute("value")));
    return this;
  }

  /**
   * Opens the calendar of a date field, as a person clicking into it, and returns what it reads: the month shown,
   * then the weekday heads in form-js's order (Sunday first). A click on the form's heading closes it again, as a
   * person clicks elsewhere in the form (Escape would also close the start form's dialog).
   */
  public java.util.List<String> calendar(String label) {
    WebElement field = field(label);
    WebElement input = field.findElement(By.cssSelector("input"));
    ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})", input);
    input.click();
    WebElement open = browser.until(d -> field.findElements(By.cssSelector(".flatpickr-calendar.open")).stream()
        .findFirst().orElse(null));
    java.util.List<String> read = new java.util.ArrayList<>();
    read.add((String) ((JavascriptExecutor) browser.driver()).executeScript(
        "const s = arguments[0].querySelector('.flatpickr-monthDropdown-months, .cur-month');"
            + "return s.options ? s.options[s.selectedIndex].text : s.textContent.trim();", open));
    open.findElements(By.cssSelector(".flatpickr-weekday")).forEach(day -> read.add(day.getText().strip()));
    click(browser.visible(By.cssSelector(".fjs-form-field-text")));
    browser.until(d -> field.findElements(By.cssSelector(".flatpickr-calendar.open")).isEmpty());
    return read;
  }

  /** The text a date field shows. */
  public String shown(String label) {
    return field(label).findElement(By.cssSelector("input")).getAttribute("value");
  }

  /** Brings the field into view, as a person scrolls to it, so a screenshot shows it. */
  public TasklistForm show(String label) {
    ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})",
        field(label));
    return this;
  }

  /** The error shown beside the field, waiting for it to appear. */
  public WebElement errorBeside(String label) {
    WebElement field = field(label);
    browser.until(d -> !field.findElements(By.cssSelector(".fjs-form-field-error")).isEmpty());
    return field.findElement(By.cssSelector(".fjs-form-field-error"));
  }

  public void press(String button) {
    typed.forEach(this::enter);
    click(browser.clickable(By.xpath("//button[normalize-space(.)=" + BrowserSession.xpathLiteral(button) + "]")));
  }

  /** Scrolls the element to the middle first, as a person does: Tasklist's fixed footer covers the window's bottom. */
  private void click(WebElement element) {
    ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    element.click();
  }
}
