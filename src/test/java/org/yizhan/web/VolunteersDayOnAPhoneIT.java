package org.yizhan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yizhan.delivery.DeliveryProcess.TASK_DELIVER_TO_DOOR;
import static org.yizhan.delivery.DeliveryProcess.TASK_WELFARE_CHECK;
import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;
import static org.yizhan.order.OrderProcess.TASK_CHECK_GOODS;
import static org.yizhan.order.OrderProcess.TASK_CONFIRM_STOCK;
import static org.yizhan.order.OrderProcess.TASK_DELIVER_TO_STATION;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.delivery.DeliveryProcess;
import org.yizhan.mediation.MediationProcess;
import org.yizhan.order.OrderProcess;
import org.yizhan.support.PhoneBrowser;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;

/**
 * One order from the desk to the resident's door, worked in real Tasklist on 390 px phones with the browser set to
 * Chinese, each task by the person whose work it is: the volunteer accepts, the merchant confirms and delivers its
 * goods, a volunteer checks them, and the grid's volunteer carries them to the door, seeing the address only once she
 * has claimed the visit. Every screen is kept under target/phone-shots.
 */
@StationTest
class VolunteersDayOnAPhoneIT {

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService jobs;

  @Test
  void anOrderGoesFromTheDeskToTheDoorOnPhones() {
    String orderNo;
    try (PhoneBrowser phone = PhoneBrowser.open(port)) {
      orderNo = startOrderAtTheDesk(phone);
    }

    work("wang.fang", orderNo, TASK_ACCEPT_ORDER, "10-accept", phone -> {
      waitForText(phone, "合计 (Total): ¥65.00", "送货上门 (Carried to the door)");
      assertThat(phone.driver().findElement(By.cssSelector(".fjs-form")).getText())
          .as("the form shows money like money, the hand-over in words").contains("¥65.00", "送货上门")
          .doesNotContain("DOORSTEP");
      choose(phone, "驿站接单");
    });
    work("hetao.market", orderNo, TASK_CONFIRM_STOCK, "11-confirm-stock", phone -> {
      choose(phone, "有货");
      phone.tap(phone.driver().findElement(By.cssSelector(".fjs-form-field-number input")));
      phone.driver().findElement(By.cssSelector(".fjs-form-field-number input")).sendKeys("65");
    });
    work("hetao.market", orderNo, TASK_DELIVER_TO_STATION, "12-deliver-to-station",
        phone -> choose(phone, "货已送到驿站"));
    work("li.qiang", orderNo, TASK_CHECK_GOODS, "13-check", phone -> choose(phone, "合格"));

    Task door = taskOf(orderNo, TASK_DELIVER_TO_DOOR);
    String deliveryNo = String.valueOf(tasks.getVariable(door.getId(), DeliveryProcess.DELIVERY_NO));
    StationHttp volunteer = StationHttp.as(port, "wang.fang", "demo");
    assertThat(volunteer.get("/api/deliveries/" + deliveryNo + "/contact").status())
        .as("the address before the visit is claimed").isEqualTo(403);
    work("wang.fang", orderNo, TASK_DELIVER_TO_DOOR, "14-door", phone -> {
      assertThat(volunteer.get("/api/deliveries/" + deliveryNo + "/contact").status())
          .as("the address once she holds the visit").isEqualTo(200);
      // What the door needs, on the form: the goods, the amount to collect, the order, and now that she holds the
      // visit, the resident's name.
      waitForText(phone, "张桂英");
      assertThat(phone.driver().findElement(By.cssSelector(".fjs-form")).getText())
          .contains("大米 5公斤", "2", "¥65.00", orderNo, deliveryNo, "张桂英").doesNotContain("{{", "DOORSTEP");
      phone.script("arguments[0].scrollIntoView({block: 'start'})",
          phone.driver().findElement(By.cssSelector(".fjs-form")));
      phone.shot("14b-door-what-to-bring");
      // 地址和电话 opens a page for the doorstep: the address in large print, the phone one tap away, the way back.
      String contactPage = phone.waitFor(By.xpath("//form[contains(@class,'fjs-form')]//a[contains(., '地址和电话')]"))
          .getAttribute("href");
      phone.driver().navigate().to(contactPage);
      phone.waitFor(By.cssSelector("p.address"));
      assertThat(phone.pageText()).contains("1号楼2单元301", "张桂英").doesNotContain("{\"");
      assertThat(phone.driver().findElement(By.cssSelector("a.call")).getAttribute("href")).startsWith("tel:139");
      assertThat(phone.sidewaysOverflow()).isZero();
      phone.shot("14a-address");
      phone.tap(phone.driver().findElement(By.cssSelector("a.back")));
      phone.waitFor(By.cssSelector(".fjs-form"));
      choose(phone, "已送达");
      fill(phone, "签收人", "张 (Zhang)");
      choose(phone, "非常满意");
      choose(phone, "已进行反诈宣传");
    });

    Response order = StationHttp.as(port, "chen.jing", "demo").get("/api/orders/" + orderNo);
    assertThat(order.json().get("status").asText()).isEqualTo("COMPLETED");

    // The resident's family follows it with the code on the slip.
    String publicCode = order.json().get("publicCode").asText();
    try (PhoneBrowser phone = PhoneBrowser.open(port)) {
      phone.go("/order.html?code=" + publicCode);
      phone.waitFor(By.cssSelector("[role=status]"));
      String page = phone.pageText();
      assertThat(page).contains(orderNo, "¥65.00", "送货上门").doesNotContain("Zhang Guiying", "13900000001");
      assertThat(phone.driver().findElement(By.cssSelector("[role=status]")).getText()).contains("已完成");
      assertThat(phone.sidewaysOverflow()).isZero();
      phone.shot("15-residents-page");
    }
  }

  @Test
  void aNeighboursDisputeIsSettledInTheBuildingOnAPhone() {
    Response registered = StationHttp.as(port, "wang.fang", "demo").post("/api/disputes", """
        {"buildingId": "B01", "type": "NOISE", "parties": "301 and 401", "description": "Drums at night",
         "riskFlags": []}""");
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    String caseNo = registered.json().get("caseNo").asText();

    work("liu.yang", caseNo, MediationProcess.TASK_MEDIATE_AT_LEVEL, "20-mediate-in-building", phone -> {
      choose(phone, "调解成功");
      fill(phone, "调解协议", "晚上九点后不打鼓 (No drums after 9 pm)");
    });
    // The agreement is recorded after a save point; the tests run jobs themselves.
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNo).singleResult().getId();
    jobs.executeJob(jobs.createJobQuery().processInstanceId(instance).activityId(MediationProcess.TASK_RECORD_SETTLEMENT).singleResult()
        .getId());

    assertThat(taskOf(caseNo, MediationProcess.TASK_FOLLOW_UP_VISIT).getAssignee()).as("the owner visits again").isEqualTo("wang.fang");
  }

  @Test
  void aClosedDoorAtAVeryOldResidentsHomeBringsAWelfareCheckOnAPhone() {
    Response started = StationHttp.as(port, "sun.hao", "demo").post("/api/deliveries",
        "{\"residentId\": \"R-0001\", \"kind\": \"MEDICINE\", \"note\": \"Eye drops\"}");
    assertThat(started.status()).as(started.text()).isEqualTo(201);
    String deliveryNo = started.json().get("deliveryNo").asText();

    work("wang.fang", deliveryNo, TASK_DELIVER_TO_DOOR, "30-nobody-answered", phone -> choose(phone, "无人应答"));
    Task check = taskOf(deliveryNo, TASK_WELFARE_CHECK);
    String checker = tasks.getIdentityLinksForTask(check.getId()).stream()
        .filter(link -> link.getGroupId() != null).map(link -> link.getGroupId()).findFirst().orElseThrow();
    assertThat(checker).as("the grid's workers look in").contains("worker");
    work("wu.lei", deliveryNo, TASK_WELFARE_CHECK, "31-welfare-check", phone -> {
      choose(phone, "安全");
      fill(phone, "探视情况", "在家睡觉，没听到敲门 (Asleep, did not hear the knock)");
    });
  }

  /** Signs in on a fresh phone, opens the task, claims it, fills its form and completes it. */
  private void work(String user, String businessKey, String taskKey, String shot, Consumer<PhoneBrowser> fill) {
    Task task = taskOf(businessKey, taskKey);
    try (PhoneBrowser phone = PhoneBrowser.open(port)) {
      try {
        workOn(phone, user, task, shot, fill);
      } catch (RuntimeException | AssertionError failed) {
        phone.shot(shot + "-FAILED");
        System.out.println(shot + " failed on a page reading: " + phone.pageText());
        throw failed;
      }
    }
  }

  /**
   * Wang Fang takes an order at the desk in Tasklist's start dialog: first for a resident number that is not in the
   * registry, whose refusal she reads right above the Start button, then for the resident she meant, given by name,
   * and is told the new order's number.
   */
  private String startOrderAtTheDesk(PhoneBrowser phone) {
    signIn(phone, "wang.fang");
    By startProcess = By.xpath("//a[@ng-click='open()'][contains(., '发起流程')]");
    if (!phone.driver().findElement(startProcess).isDisplayed()) {
      phone.tap(phone.driver().findElement(By.cssSelector(".navbar-toggle")));
    }
    phone.tap(phone.waitFor(startProcess));
    phone.tapUntilShown(By.xpath("//div[contains(@class,'modal-body')]//a[contains(., '(Station order)')]"),
        By.cssSelector(".modal-body .fjs-form"), Duration.ofSeconds(10));
    WebElement resident = phone.driver().findElement(By.cssSelector(".modal-body .fjs-form-field-textfield input"));
    phone.tap(resident);
    resident.sendKeys("R-9999");
    phone.tap(phone.driver().findElements(By.cssSelector(".modal-body .fjs-form-field-select")).get(0));
    phone.tap(phone.waitFor(By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][contains(., '大米')]")));
    // The quantity's label names the chosen item's limit once form-js has drawn the row again for it.
    By quantityField = By.cssSelector(".modal-body .fjs-form-field-number");
    new WebDriverWait(phone.driver(), Duration.ofSeconds(10)).until(driver -> driver.findElement(quantityField)
        .getText().contains("最多"));
    WebElement quantity = phone.driver().findElement(By.cssSelector(".modal-body .fjs-form-field-number input"));
    phone.tap(quantity);
    quantity.sendKeys("2");
    assertThat(phone.driver().findElement(By.cssSelector(".modal-body .fjs-form-field-number input"))
        .getAttribute("value")).as("typing 2 gives 2: the quantity starts empty").isEqualTo("2");
    phone.shot("01-start-order");
    WebElement start = phone.driver().findElement(
        By.cssSelector(".modal-footer button[ng-click='startProcessInstance()']"));
    assertThat(start.getText()).isEqualTo("开始");
    phone.tap(start);

    WebElement refusal = phone.waitFor(By.cssSelector(".yizhan-refusal"));
    assertThat(refusal.getText()).as("the refusal says why, in Chinese first").contains("R-9999").contains("居民");
    int refusalBottom = refusal.getRect().getY() + refusal.getRect().getHeight();
    assertThat(refusalBottom).as("the refusal sits right above the Start button")
        .isLessThanOrEqualTo(start.getRect().getY()).isGreaterThan(start.getRect().getY() - 120);
    assertThat(refusalBottom).as("on screen, where her finger is").isLessThanOrEqualTo(PhoneBrowser.HEIGHT);
    phone.shot("02-start-refused");

    // She knows the resident by name; the registry has one 张桂英, and the order is hers (R-0001).
    resident.clear();
    resident.sendKeys("张桂英");
    phone.tap(start);
    WebElement notice = new WebDriverWait(phone.driver(), Duration.ofSeconds(15)).until(driver -> driver
        .findElements(By.xpath("//*[contains(@class,'notification')][contains(., '编号 (Number)')]")).stream()
        .filter(WebElement::isDisplayed).findFirst().orElse(null));
    phone.shot("03-order-started");
    Matcher number = Pattern.compile("YZ-\\d{6}-\\d{4}").matcher(notice.getText());
    assertThat(number.find()).as("the new order's number is told: %s", notice.getText()).isTrue();
    assertThat(phone.all(By.cssSelector(".yizhan-refusal"))).as("the old refusal is gone").isEmpty();
    return number.group();
  }

  private void workOn(PhoneBrowser phone, String user, Task task, String shot, Consumer<PhoneBrowser> fill) {
    signIn(phone, user);
    List<String> numbers = numbersOf(task);
    String number = numbers.get(0);
    // Her group's list is long (the suite leaves hundreds of open tasks, oldest first, 15 a page): she searches it for
    // the number, as Tasklist's search box does (a process variable equal to the number), finds the card and taps it.
    String numberVariable = List.of(DeliveryProcess.DELIVERY_NO, MediationProcess.CASE_NO, OrderProcess.ORDER_NO).stream()
        .filter(name -> number.equals(String.valueOf(tasks.getVariable(task.getId(), name)))).findFirst().orElseThrow();
    String search = "[{\"type\":\"processVariables\",\"operator\":\"eq\",\"value\":\"" + number
        + "\",\"name\":\"" + numberVariable + "\"}]";
    phone.go("/camunda/app/tasklist/default/#/?searchQuery="
        + java.net.URLEncoder.encode(search, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    By cardOfTask = By.xpath("//*[contains(@class,'tasks-list')]//li[contains(@class,'task')][contains(., '" + number
        + "')][.//h4[contains(., '" + task.getName() + "')]]");
    // Tasklist draws the list again when its count arrives; a card found just before is then gone, and found again.
    new WebDriverWait(phone.driver(), Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
        .until(driver -> {
          WebElement card = driver.findElements(cardOfTask).stream().findFirst().orElse(null);
          if (card == null) {
            return false;
          }
          String text = card.getText();
          assertThat(text).as("%s: the card tells the order apart", shot).contains(number).contains("片区 (Area)")
              .doesNotContain("DOORSTEP", "PICKUP");
          for (String shown : CARDS_ALSO_SHOW.getOrDefault(task.getTaskDefinitionKey(), List.of())) {
            assertThat(text).as("%s: the card also shows", shot).contains(shown);
          }
          phone.script("arguments[0].scrollIntoView({block: 'start'})", card);
          phone.shot(shot + "-card");
          phone.tap(card.findElement(By.cssSelector("h4 a")));
          return true;
        });
    WebElement claim = phone.waitFor(By.cssSelector("button.claim"));
    new WebDriverWait(phone.driver(), Duration.ofSeconds(5)).until(driver -> taskPaneTop(phone) <= TOP_OF_SCREEN);
    assertThat(phone.driver().getCurrentUrl()).contains("task=" + task.getId());
    assertThat(phone.all(By.cssSelector(".ce-eol-banner, .small-screen-warning")))
        .as("%s: no end-of-life bar, no larger-screens warning", shot).noneMatch(WebElement::isDisplayed);
    assertThat(claim.getText()).isEqualTo("认领");
    assertThat(claim.getRect().getHeight()).as("%s: Claim is a button a thumb can hit", shot).isGreaterThanOrEqualTo(44);
    assertThat(phone.all(By.xpath("//*[contains(text(), 'follow-up') or contains(text(), '跟进日期')]")))
        .as("%s: setting a follow-up date is out of the way", shot).noneMatch(WebElement::isDisplayed);
    phone.tap(claim);
    // Claiming draws the form again, with what only the holder is shown (phone-flow.js marks the pane when done).
    new WebDriverWait(phone.driver(), Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".task-details[data-claimed='" + task.getId() + "']")));
    waitForForm(phone, shot);
    assertThat(fontSize(phone, ".fjs-form")).as("%s: text at least 16 px", shot).isGreaterThanOrEqualTo(16);
    fill.accept(phone);
    assertThat(phone.sidewaysOverflow()).as("%s: nothing scrolls sideways", shot).isZero();
    phone.shot(shot);
    By complete = By.cssSelector(".form-actions button[ng-click='complete()']");
    WebElement completeButton = new WebDriverWait(phone.driver(), Duration.ofSeconds(10))
        .until(ExpectedConditions.elementToBeClickable(complete));
    assertThat(completeButton.getText()).isEqualTo("完成");
    assertThat(completeButton.getRect().getHeight()).as("%s: Complete a thumb can hit", shot)
        .isGreaterThanOrEqualTo(44);
    phone.tap(completeButton);
    new WebDriverWait(phone.driver(), Duration.ofSeconds(15))
        .until(driver -> tasks.createTaskQuery().taskId(task.getId()).count() == 0);
    WebElement done = new WebDriverWait(phone.driver(), Duration.ofSeconds(10)).until(driver -> driver
        .findElements(By.xpath("//*[contains(@class,'notification')][contains(., '已完成 (Done)')]")).stream()
        .filter(WebElement::isDisplayed).findFirst().orElse(null));
    assertThat(done.getText()).as("%s: the completion is confirmed in words", shot).contains(task.getName());
    assertThat(numbers).as("%s: the confirmation names the order, delivery or case: %s", shot, done.getText())
        .anyMatch(done.getText()::contains);
    phone.shot(shot + "-done");
    // For the note: what each task costs a volunteer, from signing in to the confirmation.
    System.out.println("[phone] " + shot + " " + task.getName() + ": " + phone.taps() + " taps after signing in");
  }

  /** Besides the number and the area: the hand-over in words, and on a merchant's card only its own goods. */
  private static final Map<String, List<String>> CARDS_ALSO_SHOW = Map.of(
      TASK_ACCEPT_ORDER, List.of("送货上门"),
      TASK_CONFIRM_STOCK, List.of("要供的货 (To supply)", "大米 5公斤 ×2"),
      TASK_DELIVER_TO_STATION, List.of("要供的货 (To supply)", "大米 5公斤 ×2"),
      TASK_CHECK_GOODS, List.of("送货上门"));

  /** Below Tasklist's header (65 px) with a few pixels to spare: the opened task is at the top of the screen. */
  private static final double TOP_OF_SCREEN = 80;

  private static double taskPaneTop(PhoneBrowser phone) {
    return ((Number) phone.script("return document.querySelector('.task-details').getBoundingClientRect().top"))
        .doubleValue();
  }

  /** The numbers a task's card shows (a delivery's own number before its order's); at least one. */
  private List<String> numbersOf(Task task) {
    List<String> numbers = java.util.stream.Stream.of(DeliveryProcess.DELIVERY_NO, MediationProcess.CASE_NO, OrderProcess.ORDER_NO)
        .map(name -> tasks.getVariable(task.getId(), name))
        .filter(java.util.Objects::nonNull).map(Object::toString).toList();
    assertThat(numbers).as("the numbers of %s", task.getName()).isNotEmpty();
    return numbers;
  }

  /**
   * Waits for the claimed task's form. In one of eight full runs the form of every task stayed away after Claim for
   * ten seconds; a volunteer would pull to reload, so the test does that once (and says so) before it gives up.
   */
  private static void waitForForm(PhoneBrowser phone, String shot) {
    By form = By.cssSelector(".fjs-form");
    try {
      new WebDriverWait(phone.driver(), Duration.ofSeconds(20))
          .until(ExpectedConditions.visibilityOfElementLocated(form));
    } catch (org.openqa.selenium.TimeoutException slow) {
      phone.shot(shot + "-form-late");
      System.out.println(shot + ": the form did not show within 20 s after Claim, reloading once; the page read: "
          + phone.pageText());
      phone.driver().navigate().refresh();
      new WebDriverWait(phone.driver(), Duration.ofSeconds(30))
          .until(ExpectedConditions.visibilityOfElementLocated(form));
    }
  }

  /** Waits until the form shows the text (form-js fills its text blocks after the fields appear). */
  private static void waitForText(PhoneBrowser phone, String... texts) {
    new WebDriverWait(phone.driver(), Duration.ofSeconds(10))
        .until(driver -> java.util.Arrays.stream(texts).allMatch(phone.pageText()::contains));
  }

  private static double fontSize(PhoneBrowser phone, String selector) {
    return Double.parseDouble(String.valueOf(phone.script(
        "return parseFloat(getComputedStyle(document.querySelector(arguments[0])).fontSize)", selector)));
  }

  private static void signIn(PhoneBrowser phone, String user) {
    phone.go("/camunda/app/tasklist/");
    phone.waitFor(By.cssSelector("form input[type=password]"));
    phone.driver().findElement(By.cssSelector("form input[type=text]")).sendKeys(user);
    phone.driver().findElement(By.cssSelector("form input[type=password]")).sendKeys("demo");
    phone.driver().findElement(By.cssSelector("form button[type=submit]")).click();
    phone.waitFor(By.cssSelector(".task-filters, [cam-tasklist-filters], .filters"));
  }

  /** Taps the radio button or checkbox whose label holds the text. */
  private static void choose(PhoneBrowser phone, String label) {
    phone.tap(phone.waitFor(By.xpath("//form[contains(@class,'fjs-form')]//label[contains(., '" + label + "')]")));
  }

  private static void fill(PhoneBrowser phone, String label, String text) {
    String id = phone.waitFor(By.xpath("//form[contains(@class,'fjs-form')]//label[contains(., '" + label + "')]"))
        .getAttribute("for");
    phone.tap(phone.driver().findElement(By.id(id)));
    phone.driver().findElement(By.id(id)).sendKeys(text);
  }

  private Task taskOf(String businessKey, String taskKey) {
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey)
        .singleResult();
    if (task == null) {
      // the doorstep visit belongs to the delivery, whose business key is its own number
      task = tasks.createTaskQuery().taskDefinitionKey(taskKey)
          .processVariableValueEquals(OrderProcess.ORDER_NO, businessKey)
          .singleResult();
    }
    assertThat(task).as("%s of %s", taskKey, businessKey).isNotNull();
    return task;
  }
}
