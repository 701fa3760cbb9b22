package dev.handshake.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.AppProcess;
import dev.handshake.testing.PackagedApp;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo as a newcomer meets it: {@code java -jar target/handshake.jar demo} as its own process in an empty
 * directory, and its page in headless Chromium (Debian's {@code chromium} through {@code /usr/bin/chromedriver}).
 * Sends a sample lead, accepts it as the assignee, rejects another through the modal, sees marketing's notice, asks
 * {@code /sla mql}, and moves the clock until a reminder comes. With {@code -Ddemo.screenshots=<dir>} it also saves
 * screenshots of what it saw.
 */
class DemoBrowserIT {

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String AVA = "U05SDRAVA01";
    private static final String DANA = "U04DWHITFLD";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Path dir;
    private static Process demo;
    private static Path log;
    private static String pageUrl;
    private static CompletableFuture<WebDriver> starting;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        assertThat(new File(CHROMEDRIVER).canExecute()).as("chromedriver is missing: install Debian's chromium and "
                + "chromium-driver (`apt-get install -y chromium chromium-driver`; .ci/run does it)").isTrue();
        dir = Files.createTempDirectory("handshake-demo-it");
        // Chromium starts while the demo does: on a busy machine each takes seconds.
        starting = CompletableFuture.supplyAsync(DemoBrowserIT::chromium);
        log = dir.resolve("demo.log");
        int port = AppProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", PackagedApp.jar().toString(), "demo")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.equals("HANDOFF_TOKEN")
                || k.equals("DATABASE_URL") || k.equals("AGREEMENT_FILE") || k.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().put("PORT", Integer.toString(port));
        demo = builder.start();
        String expected = "Open http://localhost:" + port + "/demo";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(expected)) {
            assertThat(demo.isAlive()).as("the demo stopped: %s", Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("no \"%s\" within 30 s: %s", expected, Files.readString(log))
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(Files.readAllLines(log).get(0)).isEqualTo(expected);
        pageUrl = expected.substring("Open ".length());

        browser = starting.get(60, TimeUnit.SECONDS);
        wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    private static WebDriver chromium() {
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1440,900",
                    "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser == null && starting != null) {
            browser = starting.exceptionally(e -> null).get(60, TimeUnit.SECONDS);
        }
        if (browser != null) {
            browser.quit();
        }
        if (demo != null) {
            demo.destroy();
            if (!demo.waitFor(15, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }

    @Test
    void aNewcomerWalksThroughTheWholeFlow() throws Exception {
        browser.get(pageUrl);
        wait.withTimeout(Duration.ofSeconds(40)).until(d -> "true".equals(d.findElement(By.tagName("body"))
                .getDomAttribute("data-ready")));
        wait.withTimeout(WAIT);
        assertThat(Files.exists(dir.resolve("data/demo.db"))).as("the demo's database").isTrue();
        assertThat(Files.exists(dir.resolve("data/handshake.db"))).as("the app's own database").isFalse();
        becomes(AVA);
        open("#nav-channels .nav-item", "sales-leads");
        String overdue = messageContaining("Samuel Adeyemi");
        wait.until(d -> message(overdue).map(e -> e.findElements(By.cssSelector(".replies"))).filter(r -> !r.isEmpty())
                .map(r -> r.get(0)).orElse(null)).click();
        WebElement thread = wait.until(d -> d.findElement(By.cssSelector("#thread:not(.hidden) .thread-body")));
        // Named, not pinged: Ava gets a direct message of her own.
        wait.until(d -> thread.getText().contains("Reassigned to Ava Reyes"));
        assertThat(thread.getText()).contains("@sales-managers Overdue");
        shoot("thread");
        press(By.cssSelector("#thread .icon-button"));

        String accepted = sendSampleLead(AVA);
        String ts = messageContaining(accepted);
        click(ts, "handoff_accept");
        awaitMessage(ts, "Accepted by @ava");

        String rejected = sendSampleLead(null);
        String rejectedTs = messageContaining(rejected);
        click(rejectedTs, "handoff_reject");
        WebElement modal = wait.until(d -> d.findElement(By.cssSelector("#modal-root .modal")));
        assertThat(modal.getText()).contains("Reject lead", rejected);
        Select reason = new Select(modal.findElement(By.cssSelector(".modal-body select")));
        reason.selectByVisibleText("Not a fit — wrong industry or region");
        modal.findElement(By.cssSelector(".modal-body textarea")).sendKeys("They ship by rail, not by truck.");
        shoot("reject-modal");
        modal.findElement(By.cssSelector("button[data-role=submit]")).click();
        wait.until(d -> d.findElements(By.cssSelector("#modal-root .modal")).isEmpty());
        awaitMessage(rejectedTs, "Rejected by @ava");
        awaitMessage(rejectedTs, "Not a fit — wrong industry or region");

        becomes(DANA);
        open("#nav-channels .nav-item", "marketing-handoffs");
        String notice = messageContaining(rejected);
        awaitMessage(notice, "They ship by rail, not by truck.");
        assertThat(buttons(notice)).contains("handoff_recycle", "handoff_contest");

        WebElement composer = browser.findElement(By.id("composer-input"));
        composer.sendKeys("/sla mql");
        composer.sendKeys(Keys.ENTER);
        WebElement card = wait.until(d -> d.findElements(By.cssSelector("#pane-body .msg.ephemeral")).stream()
                .filter(e -> e.getText().contains("Marketing Qualified") || e.getText().contains("MQL"))
                .findFirst().orElse(null));
        assertThat(card.getText()).contains("Only visible to you", "Fit score 60 or more");
        shoot("sla-mql");

        becomes(AVA);
        for (int hour = 0; hour < 3; hour++) {
            press(By.cssSelector(".step[data-step=hour]"));
            wait.until(d -> d.findElement(By.cssSelector(".step[data-step=hour]")).isEnabled());
        }
        open("#nav-apps .nav-item", "Handshake");
        press(By.cssSelector("button.tab[data-tab=messages]"));
        WebElement reminder = wait.until(d -> d.findElements(By.cssSelector("#pane-body .msg")).stream()
                .filter(e -> e.getText().contains("Reminder:")).findFirst().orElse(null));
        assertThat(reminder.getText()).contains("of business time");
        shoot("reminder");
        press(By.cssSelector("button.tab[data-tab=home]"));
        wait.until(d -> d.findElement(By.id("pane-body")).getText().contains("Your open handoffs"));
        shoot("home");
    }

    /**
     * The page's mrkdwn against Slack's documented formatting (docs.slack.dev, "Formatting text for app surfaces"),
     * for the viewer @ava in Chicago on Monday 2026-12-07.
     */
    @Test
    void theMessageTextIsFormattedAsSlackFormatsIt() {
        browser.get(pageUrl);
        assertThat(mrkdwn("*bold* _italic_ ~strike~ `code`"))
                .isEqualTo("<b>bold</b> <i>italic</i> <s>strike</s> <code class=\"mk-code\">code</code>");
        assertThat(mrkdwn("file_name_here and 2*3*4")).isEqualTo("file_name_here and 2*3*4");
        assertThat(text("&lt;b&gt;not bold&lt;/b&gt; &amp; more")).isEqualTo("<b>not bold</b> & more");
        assertThat(mrkdwn("&lt;b&gt;x&lt;/b&gt;")).doesNotContain("<b>");
        assertThat(mrkdwn("<https://example.com/a?b=1&amp;c=2|the docs>")).isEqualTo(
                "<a href=\"https://example.com/a?b=1&amp;c=2\" target=\"_blank\" rel=\"noopener noreferrer\">"
                        + "the docs</a>");
        assertThat(mrkdwn("<javascript:alert(1)|click>")).isEqualTo("click");
        assertThat(text("<@U05SDRAVA01>, <#C06SALESLEA> and <!subteam^S0SALESMGR1>"))
                .isEqualTo("@ava, #sales-leads and @sales-managers");
        assertThat(mrkdwn("<@U05SDRAVA01>")).contains("mk-mention me");
        assertThat(text("Due <!date^1796659200^{date_short_pretty} at {time}|2026-12-07 10:00>"))
                .isEqualTo("Due today at 10:00 AM");
        assertThat(text("<!date^1392734382^Posted {date_num} {time_secs}|Posted 2014-02-18 6:39:42 AM PST>"))
                .isEqualTo("Posted 2014-02-18 8:39:42 AM");
        assertThat(text("<!date^1796832000^{date_long}|x>")).isEqualTo("Wednesday, December 9th");
        assertThat(mrkdwn(">quoted\nnot")).isEqualTo("<blockquote class=\"mk-quote\">quoted</blockquote>not");
        assertThat(mrkdwn("```a *b*```")).isEqualTo("<pre class=\"mk-pre\">a *b*</pre>");
    }

    private String mrkdwn(String source) {
        return (String) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const ctx = { users: { U05SDRAVA01: { handle: 'ava', realName: 'Ava Reyes', title: 'SDR' } },"
                        + " channels: { C06SALESLEA: { name: 'sales-leads' } },"
                        + " groups: { S0SALESMGR1: { handle: 'sales-managers', name: 'Sales managers' } },"
                        + " me: 'U05SDRAVA01', now: Date.UTC(2026, 11, 7, 18, 0), zone: 'America/Chicago' };"
                        + " const box = document.createElement('div'); box.append(Mrkdwn.render(arguments[0], ctx));"
                        + " return box.innerHTML;", source);
    }

    private String text(String source) {
        return (String) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const box = document.createElement('div'); box.innerHTML = arguments[0]; return box.textContent;",
                mrkdwn(source));
    }

    /** Fills and sends the sample lead form as it comes (the assignee chosen); returns the lead's name. */
    private String sendSampleLead(String assignee) throws IOException {
        browser.findElement(By.id("sample-open")).click();
        WebElement form = wait.until(d -> d.findElement(By.id("sample")));
        String name = form.findElement(By.cssSelector("input[name=name]")).getDomProperty("value");
        Select who = new Select(form.findElement(By.cssSelector("select[name=assignee]")));
        if (assignee == null) {
            who.selectByIndex(0);
        } else {
            who.selectByValue(assignee);
        }
        form.findElement(By.id("sample-send")).click();
        WebElement status = wait.until(d -> d.findElement(By.id("sample-status")));
        assertThat(status.getText()).isEqualTo("HTTP 202");
        assertThat(browser.findElement(By.id("sample-body")).getText()).contains("\"status\": \"queued\"");
        shoot("sample-lead");
        form.findElement(By.linkText("Show #sales-leads")).click();
        return name;
    }

    /** Clicks what {@code by} finds, again if the page re-rendered it in between. */
    private void press(By by) {
        wait.until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    private void becomes(String user) {
        new Select(browser.findElement(By.id("who"))).selectByValue(user);
    }

    /** Clicks the item of {@code items} named {@code name}, again if the page re-rendered it in between. */
    private void open(String items, String name) {
        wait.until(d -> {
            WebElement item = d.findElements(By.cssSelector(items)).stream().filter(e -> e.getText().contains(name))
                    .findFirst().orElse(null);
            if (item == null) {
                return false;
            }
            item.click();
            return true;
        });
    }

    /** Waits for a message of the open conversation that says {@code text}; returns the latest one's ts. */
    private String messageContaining(String text) {
        return wait.until(d -> d.findElements(By.cssSelector("#pane-body .msg[data-conversation]")).stream()
                .filter(e -> e.getText().contains(text)).map(e -> e.getDomAttribute("data-ts"))
                .reduce((first, second) -> second).orElse(null));
    }

    private void awaitMessage(String ts, String text) {
        wait.until(d -> message(ts).filter(e -> e.getText().contains(text)).isPresent());
    }

    private void click(String ts, String actionId) {
        wait.until(d -> {
            WebElement button = message(ts)
                    .map(e -> e.findElements(By.cssSelector("button[data-action-id=" + actionId + "]")))
                    .filter(found -> !found.isEmpty()).map(found -> found.get(0)).orElse(null);
            if (button == null) {
                return false;
            }
            button.click();
            return true;
        });
    }

    private List<String> buttons(String ts) {
        List<String> ids = new ArrayList<>();
        message(ts).ifPresent(e -> e.findElements(By.cssSelector("button[data-action-id]"))
                .forEach(b -> ids.add(b.getDomAttribute("data-action-id"))));
        return ids;
    }

    private Optional<WebElement> message(String ts) {
        return browser.findElements(By.cssSelector("#pane-body .msg[data-ts='" + ts + "']")).stream().findFirst();
    }

    private void shoot(String name) throws IOException {
        String target = System.getProperty("demo.screenshots");
        if (target == null) {
            return;
        }
        Path file = Path.of(target).resolve(name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
