package org.dsa110.contimg.sink.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.sink.SinkService;
import org.dsa110.contimg.sink.SinkSettings;
import org.dsa110.contimg.sink.status.MonitorSettings;
import org.dsa110.contimg.sink.store.PointingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's chromium (headless, through chromium-driver and Selenium) against a sink on the shared
 * test broker whose database holds known rows: the panels fill in, an issue shows, a new row appears without a
 * reload, and a file name made of markup is shown as the text it is.
 */
@ExtendWith(SharedKafka.class)
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * A name a correlator would never write, but a topic may carry: markup, quotes and a newline. Inserted as HTML
     * anywhere, its element (id {@code injected-...}) would be in the page; shown as text, it is only characters.
     */
    private static String hostile(String where) {
        return "/data/incoming/<img id=\"injected-" + where + "\" src=x onerror=\"window.pwned=1\">'q'\n<b>line</b>"
                + "_sb00.hdf5";
    }

    private static final String HOSTILE = hostile("transit");

    @TempDir
    Path home;

    @Test
    void everyPanelFillsInUpdatesWithoutAReloadAndShowsNamesAsText(TestBroker broker) throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver): "
                        + "the dashboard's browser test is skipped; .ci/run installs them");
        KafkaSettings kafka = broker.withContractTopics();
        retireEveryComponent(kafka); // other tests' components, stopped long ago, are not this sink's issues
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.state())) {
            Files.createDirectories(dir);
        }
        MonitorSettings settings = MonitorSettings.of(paths)
                .withStatusInterval(Duration.ofSeconds(1))
                .withLagGroups(Map.of());
        // An hour of 5-minute files at 3C286's declination, ending an hour ago, and one transit of a hostile name.
        double start = Mjd.of(Instant.now().minus(Duration.ofHours(2)));
        var transit = Samples.transit(
                "J1331+305", "3C286", start + 0.02, Mjd.toInstant(start + 0.02).toString(), 0.98);
        try (var store = PointingStore.open(settings.productsDb(), Clock.systemUTC())) {
            store.upsert(Samples.driftFiles(start, 12, 30.3704), List.of(Samples.inFile(transit, HOSTILE)));
        }
        var membership = new Membership("test-" + UUID.randomUUID(), Duration.ofSeconds(10));
        var sink = new SinkService(
                kafka,
                new SinkSettings(settings, membership, "127.0.0.1", 0, TransitFinder.defaults()),
                Clock.systemUTC());
        var options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        try (sink) {
            sink.start();
            ChromeDriver chrome = new ChromeDriver(
                    new ChromeDriverService.Builder()
                            .usingDriverExecutable(DRIVER.toFile())
                            .build(),
                    options);
            try {
                chrome.get(sink.api().url() + "/?refresh=1");
                var wait = new WebDriverWait(chrome, WAIT);
                wait.until(d -> "true".equals(attribute(d, "#health-summary", "data-healthy")));
                assertThat(chrome.findElement(By.id("health-summary")).getText())
                        .isEqualTo("Healthy");
                assertThat(chrome.findElement(By.id("connection")).getText()).startsWith("live");

                // The week's plot: one point per row; the sky map marks the latest pointing.
                wait.until(d -> "12".equals(attribute(d, "#declination-plot", "data-points")));
                // Read in one script: the sky map is drawn anew at every refresh, its marker with it.
                Object marker = wait.until(d -> ((JavascriptExecutor) d)
                        .executeScript("const m = document.getElementById('current-pointing');"
                                + " return m && m.getAttribute('aria-label')"));
                assertThat(marker).asString().contains("Dec 30.370");
                assertThat(chrome.findElement(By.id("sky-summary")).getText()).contains("cells exposed");

                // The known transit, its file shown as text: no element made of it, no script run.
                wait.until(
                        d -> d.findElement(By.id("recent-transits")).getText().contains("3C286"));
                Object shown = chrome.executeScript(
                        "return document.querySelector('#recent-transits tbody tr td:nth-child(3)').textContent");
                assertThat(shown).isEqualTo(HOSTILE);
                assertNothingInjected(chrome);
                assertThat(chrome.findElement(By.cssSelector("#upcoming tbody")).getText())
                        .contains("J1331+305 (3C286)");
                // The current campaign's calibrator, with a countdown that runs.
                wait.until(
                        d -> d.findElement(By.id("best-calibrator")).getText().contains("J1331+305 (3C286)"));
                assertThat(chrome.findElement(By.id("best-calibrator")).getText())
                        .startsWith("Best calibrator at Dec 30.370° in the next 24 h: J1331+305 (3C286), transit ");
                String before = chrome.findElement(By.id("best-countdown")).getText();
                wait.until(
                        d -> !d.findElement(By.id("best-countdown")).getText().equals(before));
                assertThat(chrome.findElement(By.id("best-countdown")).getText())
                        .matches("\\d+ h \\d\\d min \\d\\d s");

                // An issue: the incoming directory goes away.
                Files.delete(paths.incoming());
                wait.until(d -> "false".equals(attribute(d, "#health-summary", "data-healthy")));
                wait.until(d -> d.findElement(By.id("health-issues"))
                        .getText()
                        .contains(paths.incoming().toString()));

                // Hostile text in every panel that shows a name or a reason from a topic: a failed file and its
                // reason (recent failures), a component's name, host and issue (components, issues). A failed log
                // move, not extraction: the extraction figures are other tests' on this shared broker.
                String failedFile = hostile("failure");
                String reason = "<i id=\"injected-reason\">bad</i> & \"quoted\"";
                String component = "producer@" + hostile("component");
                String componentIssue = "<script id=\"injected-issue\">window.pwned=2</script>";
                try (var sender = new TopicSender(kafka.producer("test-hostile"))) {
                    sender.send(
                            Topics.OUTCOMES,
                            failedFile,
                            Samples.outcome(Outcome.Stage.LOG_MOVE, Outcome.Result.FAILED, failedFile, reason),
                            null);
                    sender.publishStatus(new StatusSnapshot(
                            StatusSnapshot.SCHEMA,
                            component,
                            hostile("host"),
                            Instant.now(),
                            Instant.now().minusSeconds(60),
                            true,
                            false,
                            List.of(componentIssue),
                            Map.of(),
                            Map.of("watch_mode", hostile("detail"))));
                    sender.flush();
                }
                wait.until(d -> d.findElement(By.id("failures-table")).getText().contains("bad</i>"));
                wait.until(d -> d.findElement(By.id("components")).getText().contains("injected-component"));
                assertThat(texts(chrome, "#failures-table td")).contains(failedFile, reason);
                assertThat(texts(chrome, "#components td")).contains(component, hostile("host"));
                // The issues list is drawn from the health endpoint, the components table from the status one: a
                // refresh may fill in one before the other, so the issue is waited for, not read once.
                wait.until(d -> texts(chrome, "#health-issues li").contains(component + ": " + componentIssue));
                assertNothingInjected(chrome);

                // A new row, and the plot has it without a reload.
                ((JavascriptExecutor) chrome).executeScript("window.notReloaded = true");
                try (var store = PointingStore.open(settings.productsDb(), Clock.systemUTC())) {
                    store.upsert(Samples.driftFiles(start + 12 * 5.0 / 1440, 1, 30.3704));
                }
                wait.until(d -> "13".equals(attribute(d, "#declination-plot", "data-points")));
                assertThat(chrome.executeScript("return window.notReloaded === true"))
                        .isEqualTo(true);

                // At a phone's width the page is one column that does not scroll sideways.
                chrome.manage().window().setSize(new Dimension(390, 844));
                wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                        .executeScript("return document.documentElement.scrollWidth <= window.innerWidth")));

                List<LogEntry> errors = chrome.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                        .toList();
                assertThat(errors).as("console errors").isEmpty();
            } finally {
                chrome.quit();
                retireEveryComponent(kafka);
            }
        }
    }

    /**
     * No element made of hostile text is in the page (where any were inserted as HTML, their {@code injected-} ids
     * would be), and no script of theirs ran. The ids are what could fail: the page's content security policy
     * would stop an inline handler from running even if the markup were inserted.
     */
    private static void assertNothingInjected(ChromeDriver chrome) {
        assertThat(chrome.executeScript(
                        "return document.querySelectorAll('[id^=injected], img, b, i, script:not([src])')" + ".length"))
                .as("elements made of hostile text")
                .isEqualTo(0L);
        assertThat(chrome.executeScript("return window.pwned === undefined")).isEqualTo(true);
    }

    /**
     * The text of every element the selector finds, as the page set it, read in one script: the page replaces its
     * tables every second, so elements found in one call may be gone by the next.
     */
    @SuppressWarnings("unchecked")
    private static List<String> texts(ChromeDriver chrome, String selector) {
        return (List<String>) chrome.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent)", selector);
    }

    private static String attribute(WebDriver driver, String selector, String name) {
        return driver.findElement(By.cssSelector(selector)).getAttribute(name);
    }

    /** Tombstones for every component on {@code contimg.status}: what {@code contimg status --retire} sends. */
    private static void retireEveryComponent(KafkaSettings kafka) {
        Set<String> components = new HashSet<>();
        try (var consumer = new KafkaConsumer<>(
                kafka.consumer(null, "test-retire"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.STATUS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> components.add(r.key()));
            }
        }
        try (var sender = new TopicSender(kafka.producer("test-retire"))) {
            for (String component : components) {
                sender.send(Topics.STATUS, component, null, null);
            }
            sender.flush();
        }
    }
}
