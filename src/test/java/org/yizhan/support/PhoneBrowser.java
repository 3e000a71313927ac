package org.yizhan.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A volunteer's phone: Debian's chromium, headless, 390×844 CSS pixels, touch, the browser set to Chinese (zh-CN),
 * driven through Debian's chromedriver (never a downloaded browser). Screenshots go to target/phone-shots for people
 * to look at. Where chromium or chromedriver is missing, the test using it is skipped and says why; CI installs both
 * (.ci/run).
 */
public final class PhoneBrowser implements AutoCloseable {

  public static final int WIDTH = 390;
  public static final int HEIGHT = 844;
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "phone-shots");

  private final ChromeDriver driver;
  private final Path profile;
  private final String base;
  private int taps;

  private PhoneBrowser(ChromeDriver driver, Path profile, String base) {
    this.driver = driver;
    this.profile = profile;
    this.base = base;
  }

  /** A fresh phone (new profile: no cookies, no cached locale files) talking to the app on this port. */
  public static PhoneBrowser open(int port) {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "No browser here: the phone tests need Debian's chromium and chromium-driver (/usr/bin/chromium, "
            + "/usr/bin/chromedriver); .ci/run installs them");
    try {
      Path profile = Files.createTempDirectory("yizhan-phone");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=zh-CN",
          "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT);
      options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
      // The page's console, for the message of a wait that timed out (failed requests, scripts refused, errors).
      options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
      options.setExperimentalOption("mobileEmulation", Map.of(
          "deviceMetrics", Map.of("width", WIDTH, "height", HEIGHT, "pixelRatio", 3.0, "touch", true),
          "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
              + "Chrome/156.0 Mobile Safari/537.36"));
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
          .usingAnyFreePort().build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().implicitlyWait(Duration.ZERO);
      return new PhoneBrowser(driver, profile, "http://127.0.0.1:" + port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public void go(String path) {
    driver.get(base + path);
  }

  /** Waits up to ten seconds for a visible element; when it does not come, says what the page's console said. */
  public WebElement waitFor(By locator) {
    return waitFor(locator, Duration.ofSeconds(10));
  }

  public WebElement waitFor(By locator, Duration timeout) {
    try {
      return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(locator));
    } catch (org.openqa.selenium.TimeoutException notThere) {
      shot("timed-out-" + System.currentTimeMillis());
      throw new org.openqa.selenium.TimeoutException(notThere.getMessage() + "\nPage " + driver.getCurrentUrl()
          + ", its console:\n" + console(), notThere);
    }
  }

  /** What the page wrote to its console since the last look (warnings and errors). */
  public String console() {
    try {
      return String.join("\n", driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll()
          .stream().filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
          .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList());
    } catch (RuntimeException noLog) {
      return "(no console: " + noLog.getMessage() + ")";
    }
  }

  /** Brings the element to the middle of the screen, as a thumb scrolls to it, and taps it. */
  public void tap(WebElement element) {
    taps++;
    for (int attempt = 1; ; attempt++) {
      script("arguments[0].scrollIntoView({block: 'center'})", element);
      try {
        element.click();
        return;
      } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
        // Tasklist's notices slide over the form for a moment; a person waits for them to go and taps again.
        if (attempt == 5) {
          throw covered;
        }
        try {
          Thread.sleep(600);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw covered;
        }
      }
    }
  }

  /**
   * Taps what {@code target} finds until what {@code shown} finds appears, at most three taps, as a person taps again
   * when nothing happened. Tasklist's start dialog draws its list of processes again as its requests return, and a tap
   * on the list as it is being replaced is lost (seen on a loaded machine). Every tap is counted.
   */
  public WebElement tapUntilShown(By target, By shown, Duration timeout) {
    for (int attempt = 1; ; attempt++) {
      tap(waitFor(target));
      try {
        return new WebDriverWait(driver, attempt == 3 ? timeout : Duration.ofSeconds(4))
            .until(ExpectedConditions.visibilityOfElementLocated(shown));
      } catch (org.openqa.selenium.TimeoutException notYet) {
        if (attempt == 3 || all(target).stream().noneMatch(WebElement::isDisplayed)) {
          return waitFor(shown, timeout);
        }
      }
    }
  }

  /** How many times this phone has been tapped so far (each tap once, however often a covered tap was tried). */
  public int taps() {
    return taps;
  }

  public List<WebElement> all(By locator) {
    return driver.findElements(locator);
  }

  public Object script(String javascript, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
  }

  /** How far the page reaches beyond the screen's width, in CSS pixels (0 when nothing scrolls sideways). */
  public long sidewaysOverflow() {
    return ((Number) script("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"))
        .longValue();
  }

  /** The text a person sees on the page, as the browser lays it out. */
  public String pageText() {
    return String.valueOf(script("return document.body.innerText"));
  }

  /** Keeps what the phone shows as target/phone-shots/{name}.png. */
  public void shot(String name) {
    try {
      Files.createDirectories(SHOTS);
      Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException ignored) {
      // a temporary profile left behind is harmless
    }
  }
}
