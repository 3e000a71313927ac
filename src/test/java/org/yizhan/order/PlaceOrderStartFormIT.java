package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.support.PhoneBrowser;

/**
 * The start form as Tasklist 7.24's own form-js shows it: a chosen item's quantity starts empty, takes what is typed,
 * and says the item's limit in its label and refuses more before anything is sent (FEEL in the label and in
 * {@code validate.max}).
 */
@StationTest
class PlaceOrderStartFormIT {

  @LocalServerPort int port;

  @Test
  void quantityStartsEmptyTakesWhatIsTypedAndKnowsTheChosenItemsLimitBeforeSubmit() {
    try (PhoneBrowser phone = PhoneBrowser.open(port)) {
      try {
        openStartForm(phone);
        assertThat(phone.all(By.cssSelector("[id$='-Field_Item1Quantity']"))).as("no item, no quantity").isEmpty();
        assertThat(phone.pageText()).contains("居民（编号、姓名或电话） (Resident: number, name or phone)");

        choose(phone, "Field_Item1Sku", "大米");
        WebElement quantity = phone.waitFor(By.cssSelector("[id$='-Field_Item1Quantity']"));
        assertThat(quantity.getAttribute("value")).as("starts empty").isEmpty();
        assertThat(label(phone, "Field_Item1Quantity")).startsWith("数量（大米每单最多 4 袋） (Quantity, at most 4)");
        phone.tap(quantity);
        quantity.sendKeys("2");
        assertThat(quantity.getAttribute("value")).isEqualTo("2");
        assertThat(error(phone, "Field_Item1Quantity")).isEmpty();

        quantity.sendKeys("0");
        leave(phone);
        assertThat(quantity.getAttribute("value")).isEqualTo("20");
        waitForError(phone, "Field_Item1Quantity", "4");

        choose(phone, "Field_Item2Sku", "葵花籽油");
        assertThat(label(phone, "Field_Item2Quantity")).startsWith("数量（葵花籽油每单最多 2 桶） (Quantity, at most 2)");
        WebElement oil = phone.waitFor(By.cssSelector("[id$='-Field_Item2Quantity']"));
        phone.tap(oil);
        oil.sendKeys("3");
        leave(phone);
        waitForError(phone, "Field_Item2Quantity", "2");
        phone.shot("40-start-form-limits");
      } catch (RuntimeException | AssertionError failed) {
        phone.shot("40-start-form-FAILED");
        System.out.println("The start form failed on a page reading: " + phone.pageText());
        throw failed;
      }
    }
  }

  private static void openStartForm(PhoneBrowser phone) {
    phone.go("/camunda/app/tasklist/");
    phone.waitFor(By.cssSelector("form input[type=password]"));
    phone.driver().findElement(By.cssSelector("form input[type=text]")).sendKeys("wang.fang");
    phone.driver().findElement(By.cssSelector("form input[type=password]")).sendKeys("demo");
    phone.driver().findElement(By.cssSelector("form button[type=submit]")).click();
    phone.waitFor(By.cssSelector(".task-filters, [cam-tasklist-filters], .filters"));
    phone.all(By.cssSelector("button.navbar-toggle")).stream().filter(WebElement::isDisplayed).findFirst()
        .ifPresent(phone::tap);
    phone.tap(phone.waitFor(By.xpath("//a[contains(., '发起流程')]")));
    phone.tapUntilShown(By.xpath("//a[contains(., '居民点单')]"), By.cssSelector(".fjs-form"), Duration.ofSeconds(20));
  }

  private static void choose(PhoneBrowser phone, String field, String option) {
    phone.tap(phone.waitFor(By.cssSelector("[id$='-" + field + "-display']")));
    phone.tap(phone.waitFor(By.xpath("//div[contains(@class, 'fjs-dropdownlist-item') and contains(., '" + option
        + "')]")));
  }

  /** Moves on to the resident field, as a volunteer does, which has form-js check the field just left. */
  private static void leave(PhoneBrowser phone) {
    phone.tap(phone.driver().findElement(By.cssSelector("[id$='-Field_ResidentId']")));
  }

  private static String label(PhoneBrowser phone, String field) {
    return new WebDriverWait(phone.driver(), Duration.ofSeconds(5)).until(driver -> String.valueOf(fieldState(phone,
        field).get("label")));
  }

  private static String error(PhoneBrowser phone, String field) {
    return String.valueOf(fieldState(phone, field).get("error"));
  }

  private static void waitForError(PhoneBrowser phone, String field, String max) {
    new WebDriverWait(phone.driver(), Duration.ofSeconds(5)).until(driver -> error(phone, field).contains(max));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fieldState(PhoneBrowser phone, String field) {
    return (Map<String, Object>) phone.script("""
        var input = document.querySelector('[id$="-' + arguments[0] + '"]');
        var box = input.closest('.fjs-form-field');
        var error = box.querySelector('.fjs-form-field-error');
        return {label: box.querySelector('label').innerText, error: error ? error.innerText : ''};""", field);
  }
}
