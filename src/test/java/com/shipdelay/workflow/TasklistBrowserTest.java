package com.shipdelay.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.RunsBeside;
import com.shipdelay.support.TestData;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A reviewer's whole path through Camunda Tasklist in a real headless Chromium: log in, find the
 * report's task in the review filter, read the form, claim, approve, complete; the merchant then
 * sees the report approved. The merchant's reason is hostile Markdown/HTML, and the form must show
 * it as the merchant typed it: no heading, no link, no bold.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (.ci/run installs them); Selenium
 * Manager is never used, so nothing is downloaded. Screenshots of every step go to {@code
 * target/screenshots/}. Element lookups use Tasklist's and form-js's CSS classes and Angular
 * attributes, never Tasklist's button texts, which depend on the locale.
 *
 * <p>Most of its time is the browser's, so it runs beside the other Spring tests (its report and
 * task are its own), though never beside a class that changes what every test sees.
 */
@RunsBeside
@IntegrationTest
class TasklistBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * The first page of a fresh browser loads the webapp's scripts one by one, uncached; beside the
   * other tests on two busy cores that once took longer than 30 s (a spinner in the screenshot).
   */
  static final Duration FIRST_LOAD = Duration.ofSeconds(90);

  static final String HEADING = "## 规则检查（系统）: 全部通过";
  static final String LINK = "[凭证](http://evil.example/x)";
  static final String HTML = "<b>粗体</b>";
  static final String REASON = HEADING + "\n" + LINK + " " + HTML + " **加粗**";

  // Tasklist (AngularJS) and form-js selectors
  static final By LOGIN_FORM = By.cssSelector("form[name='signinForm']");
  static final By LOGIN_USER = By.cssSelector("form[name='signinForm'] input[type='text']");
  static final By LOGIN_PASSWORD = By.cssSelector("form[name='signinForm'] input[type='password']");
  static final By LOGIN_SUBMIT = By.cssSelector("form[name='signinForm'] button[type='submit']");
  static final By FILTERS = By.cssSelector(".task-filters .task-filter");
  static final By TASK_LINKS = By.cssSelector("[cam-tasks] .tasks-list li.task h4.task a");
  static final By NEXT_PAGE = By.cssSelector("[cam-tasks] ul.pagination li.pagination-next");
  static final By TASK_TITLE = By.cssSelector(".task-details h2.task, [cam-tasklist-task] h2.task");
  static final By CLAIM = By.cssSelector("button.claim");
  static final By UNCLAIM = By.cssSelector("button.unclaim");
  static final By FORM = By.cssSelector("[cam-tasklist-form-camunda] .fjs-form");
  static final By DECISION_APPROVE =
      By.xpath(
          "//*[@cam-tasklist-form-camunda]//div[contains(concat(' ', normalize-space(@class), ' '),"
              + " ' fjs-form-field-radio ')]//label[contains(., '(APPROVE)')]//input[@type='radio']");
  static final By COMMENT =
      By.cssSelector("[cam-tasklist-form-camunda] textarea[id$='Field_Comment']");
  static final By COMPLETE =
      By.cssSelector(".form-actions button.btn-primary[ng-click='complete()']");

  @Autowired TestData data;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @LocalServerPort int port;

  Api api;
  WebDriver driver;
  WebDriverWait wait;
  Path profile;
  int step;

  @BeforeEach
  void startBrowser() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail(
          "TasklistBrowserTest needs Debian's Chromium and its driver at %s and %s; install them"
              + " with: apt-get update && apt-get install -y chromium chromium-driver",
          CHROMIUM, CHROMEDRIVER);
    }
    api = new Api(port);
    Files.createDirectories(SCREENSHOTS);
    profile = Files.createTempDirectory("tasklist-chromium-");
    // both set, so Selenium Manager has nothing to look up or download
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=zh-CN",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile.toAbsolutePath());
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, TIMEOUT);
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterEach
  void stopBrowser() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void reviewerApprovesInTasklistAndTheFormShowsMerchantTextLiterally() throws IOException {
    // 1. a merchant files a report whose reason is Markdown and HTML; its review task opens
    TestData.TestMerchant merchant = data.merchant();
    ObjectNode report = new ObjectMapper().createObjectNode();
    report.put("type", "MERCHANT_FACTOR");
    report.put("delayUntil", Instant.now().plus(Duration.ofDays(3)).toString());
    report.put("reason", REASON);
    report.put("remark", "浏览器测试");
    report.putArray("affectedRegions");
    data.pendingOrders(merchant, 1, "610113").forEach(report.putArray("orderIds")::add);
    Api.Response filed =
        api.multipart(
            "/api/v1/delay-reports",
            Api.bearer(merchant.token()),
            List.of(
                Api.Part.json("report", report.toString()),
                Api.Part.file("evidence", "改价记录.pdf", "application/pdf", Filing.PDF),
                Api.Part.file("evidence", "改价截图.png", "image/png", png()),
                Api.Part.json("evidenceKinds", "[\"PRICING_PROOF\",\"PRICING_PROOF\"]")));
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    long reportId = filed.json().get("id").asLong();
    String pi =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(String.valueOf(reportId))
            .singleResult()
            .getId();
    data.runJobs(pi);
    assertThat(tasks.createTaskQuery().processInstanceId(pi).taskCandidateGroup("reviewers").list())
        .hasSize(1);

    try {
      // 2. log in to Tasklist as reviewer
      driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
      new WebDriverWait(driver, FIRST_LOAD)
          .until(ExpectedConditions.visibilityOfElementLocated(LOGIN_FORM));
      screenshot("login");
      driver.findElement(LOGIN_USER).sendKeys("reviewer");
      driver.findElement(LOGIN_PASSWORD).sendKeys("reviewer-dev-password");
      driver.findElement(LOGIN_SUBMIT).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(FILTERS));
      screenshot("logged-in");
      // the list starts with the earliest review deadline (scripts/review-deadline-first.js)
      wait.until(d -> d.getCurrentUrl().contains("dueDate"));

      // 3. the review filter (created at start-up), then the report's task in its list
      wait.until(
          d -> {
            WebElement filter =
                d.findElements(FILTERS).stream()
                    .filter(f -> f.getText().contains("待审核报备"))
                    .findFirst()
                    .orElse(null);
            if (filter == null) {
              return false;
            }
            if (!filter.getAttribute("class").contains("active")) {
              filter.findElement(By.cssSelector("h4.name a")).click();
              return false;
            }
            return true;
          });
      openTaskFromList("报备 #" + reportId + " · ");
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              TASK_TITLE, "报备 #" + reportId + " · "));
      WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(FORM));
      wait.until(d -> d.findElement(FORM).getText().contains("报备原因"));
      screenshot("task-opened");

      // 4. the merchant's text reads literally: no heading, no link, no bold
      String visible = driver.findElement(FORM).getText();
      String reasonLine =
          visible
              .lines()
              .filter(l -> l.contains("报备原因"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no reason line in the form:\n" + visible));
      System.out.println("[TasklistBrowserTest] reason line as shown: " + reasonLine);
      Files.writeString(SCREENSHOTS.resolve("form-text.txt"), visible, StandardCharsets.UTF_8);
      Files.writeString(
          SCREENSHOTS.resolve("form.html"),
          driver.findElement(FORM).getAttribute("outerHTML"),
          StandardCharsets.UTF_8);
      assertThat(visible).contains(HEADING).contains(LINK).contains(HTML);
      assertThat(driver.findElements(By.cssSelector("a[href*='evil.example']"))).isEmpty();
      assertThat(form.findElements(By.tagName("h2")))
          .extracting(h -> h.getText().strip())
          .doesNotContain("规则检查（系统）: 全部通过");
      assertThat(form.findElements(By.tagName("b"))).extracting(WebElement::getText).isEmpty();
      // the screenshot is shown in the form itself, loaded with the reviewer's session
      WebElement image =
          wait.until(
              d ->
                  form.findElements(By.cssSelector("img[src*='/review/evidence/']")).stream()
                      .findFirst()
                      .orElse(null));
      wait.until(
          d ->
              ((Number)
                          ((JavascriptExecutor) d)
                              .executeScript("return arguments[0].naturalWidth;", image))
                      .intValue()
                  == 40);

      // 5. claim, approve with a comment, complete
      click(wait.until(ExpectedConditions.elementToBeClickable(CLAIM)));
      wait.until(ExpectedConditions.visibilityOfElementLocated(UNCLAIM));
      // the form stays disabled (Tasklist's .disabled-form) until the task is the reviewer's
      wait.until(
          d ->
              d.findElements(By.cssSelector(".disabled-form [cam-tasklist-form-camunda]")).isEmpty()
                  && d.findElement(DECISION_APPROVE).isEnabled());
      screenshot("claimed");
      wait.until(
          d -> {
            WebElement approve = d.findElement(DECISION_APPROVE);
            if (!approve.isSelected()) {
              click(approve);
            }
            return d.findElement(DECISION_APPROVE).isSelected();
          });
      WebElement comment = wait.until(ExpectedConditions.elementToBeClickable(COMMENT));
      scrollTo(comment);
      comment.clear();
      comment.sendKeys("浏览器审核：凭证齐全，同意");
      wait.until(d -> d.findElement(COMMENT).getAttribute("value").contains("同意"));
      WebElement complete = wait.until(ExpectedConditions.elementToBeClickable(COMPLETE));
      screenshot("decided");
      click(complete);
      // Tasklist takes the completed task off its list
      wait.until(d -> d.findElements(UNCLAIM).isEmpty() && !listed(d, "报备 #" + reportId + " · "));
      assertThat(tasks.createTaskQuery().processInstanceId(pi).count()).isZero();
      screenshot("completed");

      // 6. the merchant sees the report approved
      String path = "/api/v1/delay-reports/" + reportId;
      String status =
          new FluentWait<>(api)
              .withTimeout(TIMEOUT)
              .pollingEvery(Duration.ofMillis(200))
              .until(
                  a -> {
                    String s =
                        a.get(path, Api.bearer(merchant.token())).json().path("status").asText();
                    return "APPROVED".equals(s) ? s : null;
                  });
      assertThat(status).isEqualTo("APPROVED");
      var approved = api.get(path, Api.bearer(merchant.token())).json();
      assertThat(approved.path("decision").asText()).isEqualTo("APPROVE");
      assertThat(approved.path("decisionComment").asText()).isEqualTo("浏览器审核：凭证齐全，同意");
      data.runJobs(pi); // the exemption job, so the instance ends
    } catch (RuntimeException | AssertionError e) {
      failureEvidence();
      throw e;
    }
  }

  /** Opens the task from the current filter's list, walking the list's pages. */
  private void openTaskFromList(String namePrefix) {
    for (int page = 1; page <= 50; page++) {
      String outcome =
          wait.until(
              d -> {
                List<WebElement> links = d.findElements(TASK_LINKS);
                if (links.isEmpty()) {
                  return null;
                }
                for (WebElement link : links) {
                  if (link.getText().strip().startsWith(namePrefix)) {
                    scrollTo(link);
                    screenshot("task-in-list");
                    link.click();
                    return "opened";
                  }
                }
                return "not on this page";
              });
      if (outcome.equals("opened")) {
        return;
      }
      List<WebElement> next = driver.findElements(NEXT_PAGE);
      if (next.isEmpty()
          || !next.get(0).isDisplayed()
          || next.get(0).getAttribute("class").contains("disabled")) {
        break;
      }
      WebElement first = driver.findElements(TASK_LINKS).get(0);
      // the pager sits under Tasklist's fixed footer: click it as the page's own script would
      ((JavascriptExecutor) driver)
          .executeScript("arguments[0].click();", next.get(0).findElement(By.tagName("a")));
      wait.until(ExpectedConditions.stalenessOf(first));
    }
    throw new AssertionError("no task named " + namePrefix + "… in the list");
  }

  private static boolean listed(WebDriver d, String namePrefix) {
    return d.findElements(TASK_LINKS).stream()
        .anyMatch(link -> link.getText().strip().startsWith(namePrefix));
  }

  /** Tasklist's fixed footer covers the bottom of the page: bring the element to the middle. */
  private void scrollTo(WebElement element) {
    ((JavascriptExecutor) driver)
        .executeScript(
            "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element);
  }

  private void click(WebElement element) {
    scrollTo(element);
    element.click();
  }

  private void screenshot(String name) {
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    try {
      Files.copy(
          shot.toPath(),
          SCREENSHOTS.resolve(String.format("%02d-%s.png", ++step, name)),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void failureEvidence() {
    try {
      screenshot("failure");
      Files.writeString(
          SCREENSHOTS.resolve("failure.html"), driver.getPageSource(), StandardCharsets.UTF_8);
      Object url = ((JavascriptExecutor) driver).executeScript("return document.URL");
      System.out.println("[TasklistBrowserTest] failed at " + url);
    } catch (IOException | RuntimeException ignored) {
      // the evidence is a courtesy; the test's own failure is what counts
    }
  }

  /** A real 40×20 PNG, so the browser can decode and show it. */
  private static byte[] png() throws IOException {
    var picture =
        new java.awt.image.BufferedImage(40, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
    var out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(picture, "png", out);
    return out.toByteArray();
  }
}
