package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.dsa110.contimg.app.ops.LocalPrometheus;
import org.dsa110.contimg.app.ops.MetricNames;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.CampaignEvent;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.contract.testing.Accuracy;
import org.dsa110.contimg.contract.testing.Angles;
import org.dsa110.contimg.contract.testing.FreePorts;
import org.dsa110.contimg.contract.testing.TopicTail;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.fixtures.BrokenUvH5;
import org.dsa110.contimg.fixtures.Dsa110File;
import org.dsa110.contimg.fixtures.ReferencePointing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contimg up} as a user runs it, end to end: a separate JVM on a fresh home, a {@code ready} line, a data
 * tree worked on while it runs (CASA logs in nested directories, an old and a fresh temporary directory, DSA-110
 * files renamed into the incoming directory as the correlator does, one bad file), the results seen where a user
 * looks (the log directory, the data tree, {@code pointing_history}, the HTTP API), Ctrl-C, and a second run on the
 * same home that finds the first run's data, duplicates nothing and reads no file again.
 */
class UpCommandTest {

    private static final Duration WORK_WITHIN = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;

    @Test
    void thePipelineDoesItsWorkEndToEndAndARestartDuplicatesNothing() throws Exception {
        int port = FreePorts.pick();
        int controllerPort = FreePorts.pick();
        int httpPort = FreePorts.pick();
        String bootstrap = "127.0.0.1:" + port;
        String api = "http://127.0.0.1:" + httpPort;
        Path data = home.resolve("data");
        Path incoming = home.resolve("incoming");
        Path logs = home.resolve("state/logs");
        Path db = home.resolve("state/products.sqlite3");
        List<ReferencePointing> reference = ReferencePointing.all();
        int files = reference.size() + 3; // and two files holding 3C286's transit, and one at 3C147's declination
        List<String> logNames =
                List.of("casa-20251104-101511.log", "casa-20251104-111111.log", "casa-20251104-121212.log");
        boolean scraped;

        try (var first = ChildContimg.up(home, port, controllerPort, httpPort)) {
            String ready = first.awaitLine("ready at");
            assertThat(ready).isEqualTo("contimg up: ready at " + bootstrap + " (Ctrl-C to stop)");
            assertThat(first.output())
                    .anyMatch(l -> l.contains("new storage in " + home.resolve("kafka/data")))
                    .anyMatch(l -> l.equals("contimg up: 10 topics in place (10 created, 3 partitions each)"))
                    .anyMatch(l -> l.contains("watching [" + data + ", " + incoming))
                    .anyMatch(l -> l.contains("writing pointings into " + db) && l.contains("API at " + api));
            System.out.printf("contimg up ready after %d ms%n", first.millisToReady());
            var transitTail = new TopicTail<>(KafkaSettings.forBootstrap(bootstrap), Topics.CALIBRATOR_TRANSITS);
            var campaignTail = new TopicTail<>(KafkaSettings.forBootstrap(bootstrap), Topics.CAMPAIGNS);

            List<Path> casaLogs = List.of(
                    data.resolve("2025-11-04/" + logNames.get(0)),
                    data.resolve("obs/a/b/" + logNames.get(1)),
                    data.resolve(logNames.get(2)));
            for (Path log : casaLogs) {
                Files.createDirectories(log.getParent());
                Files.writeString(log, "CASA <INFO> imaging " + log.getFileName() + "\n");
            }
            Path oldTemp = Files.createDirectories(data.resolve("TMPPOINTING_20251102"));
            Files.writeString(oldTemp.resolve("pointing.tmp"), "scratch");
            FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
            Files.setLastModifiedTime(oldTemp.resolve("pointing.tmp"), twoDaysAgo);
            Files.setLastModifiedTime(oldTemp, twoDaysAgo);
            Path freshTemp = Files.createDirectories(data.resolve("TMPPOINTING_20251104"));
            for (ReferencePointing fixture : reference) {
                // Written under a temporary name and renamed in, as the correlator does.
                fixture.writeInto(incoming);
            }
            Path bad = BrokenUvH5.IMPOSSIBLE_DECLINATION.writeInto(incoming, Instant.parse("2025-01-01T00:35:00Z"));
            // A DSA-110 file pointed at 3C286 (its apparent declination then) with its transit mid-file
            // (pointing/reference/transits.py).
            double transitMjd = 61055.57317972992;
            Path at3c286 = Dsa110File.at(
                            Mjd.toInstant(transitMjd).minusMillis(Math.round(12 * Dsa110File.INTEGRATION_S * 1000)),
                            30.37039226251386)
                    .writeInto(incoming);
            // A second file of the same transit, 1 deg north and starting 20 s later: a match of its own.
            Path offAxis = Dsa110File.at(
                            Mjd.toInstant(transitMjd)
                                    .minusMillis(Math.round(12 * Dsa110File.INTEGRATION_S * 1000))
                                    .plusSeconds(20),
                            30.37039226251386 + 1.0)
                    .writeInto(incoming);
            // The telescope moved to 3C147's declination, after every file before: a new campaign.
            Path at3c147 =
                    Dsa110File.at(Instant.parse("2027-01-02T00:00:00Z"), 49.85).writeInto(incoming);

            Awaitility.await()
                    .atMost(WORK_WITHIN)
                    .until(() -> ChildContimg.names(logs).containsAll(logNames));
            assertThat(casaLogs).allSatisfy(log -> assertThat(log).doesNotExist());
            Awaitility.await().atMost(WORK_WITHIN).until(() -> !Files.exists(oldTemp));
            assertThat(freshTemp).isDirectory();
            Awaitility.await().atMost(WORK_WITHIN).until(() -> rowCount(db) == files);
            for (ReferencePointing fixture : reference) {
                Path file = incoming.resolve(fixture.file());
                double[] row = row(db, file);
                assertThat(row[0])
                        .as("MJD of " + file)
                        .isCloseTo(fixture.expected().midMjd(), within(Accuracy.MID_MJD_DAYS));
                assertThat(Angles.separationArcsec(
                                row[1],
                                row[2],
                                fixture.expected().raDeg(),
                                fixture.expected().decDeg()))
                        .as("ICRS position of " + file)
                        .isLessThan(Accuracy.ICRS_ARCSEC);
            }

            JsonNode status = Awaitility.await()
                    .atMost(WORK_WITHIN)
                    .until(
                            () -> json(api + "/api/pointing-monitor/status"),
                            s -> s.path("metrics").path("files_failed").asInt() == 1
                                    && s.path("metrics").path("files_succeeded").asInt() == files
                                    && s.path("healthy").asBoolean());
            // 1 of 16 failed: under the 10 % that makes it unhealthy
            assertThat(status.get("issues")).isEmpty();
            assertThat(status.get("stale").asBoolean()).isFalse();
            assertThat(status.get("watch_dir").asText()).isEqualTo(incoming.toString());
            assertThat(status.get("metrics").get("last_error_message").asText())
                    .isEqualTo(bad + ": declination 229.2 deg outside [-90, 90]");
            assertThat(status.get("log_moves").get("moved").asInt()).isEqualTo(3);
            assertThat(status.get("temp_purges").get("purged").asInt()).isEqualTo(1);

            JsonNode history = json(api + "/api/pointing_history?start_mjd=60000&end_mjd=62000");
            List<Double> times = new ArrayList<>();
            history.get("items").forEach(item -> times.add(item.get("timestamp").asDouble()));
            assertThat(times).hasSize(files).isSorted();

            // The 3C286 transit's two files: two matches on the topic, in the table, in the API and in `contimg
            // transits`, the on-axis one best. (The reference files may hold transits of their own.)
            // On the topic, each key's last record (what compaction keeps) marks the on-axis file best.
            Map<String, CalibratorTransit> seen3c286 = lastByKey(transitTail.until(
                    seen -> lastByKey(seen).values().stream()
                            .map(CalibratorTransit::best)
                            .sorted()
                            .toList()
                            .equals(List.of(false, true)),
                    WORK_WITHIN));
            transitTail.close();
            assertThat(seen3c286.values())
                    .extracting(CalibratorTransit::sourceFile, CalibratorTransit::best)
                    .containsExactlyInAnyOrder(tuple(at3c286.toString(), true), tuple(offAxis.toString(), false));
            CalibratorTransit onTopic = seen3c286.get(CalibratorTransit.keyOf("J1331+305", at3c286.toString()));
            assertThat(onTopic.altName()).isEqualTo("3C286");
            assertThat(onTopic.sourceFile()).isEqualTo(at3c286.toString());
            assertThat((onTopic.transitMjd() - transitMjd) * 86400).isBetween(-1.0, 1.0);
            JsonNode served = Awaitility.await()
                    .atMost(WORK_WITHIN)
                    .until(
                            () -> json(api + "/api/calibrator_transits?name=3C286"),
                            t -> t.path("count").asInt() == 2);
            var best = new HashMap<String, JsonNode>();
            served.get("items").forEach(item -> best.put(item.get("source_file").asText(), item));
            assertThat(best.get(at3c286.toString()).get("response").asDouble()).isGreaterThan(0.999);
            assertThat(best.get(at3c286.toString()).get("best").asBoolean()).isTrue();
            assertThat(best.get(offAxis.toString()).get("response").asDouble()).isBetween(0.6, 0.8);
            assertThat(best.get(offAxis.toString()).get("best").asBoolean()).isFalse();
            var listed = new StringWriter();
            assertThat(Contimg.commandLine()
                            .setOut(new PrintWriter(listed, true))
                            .execute("transits", "--products-db", db.toString(), "--name", "3C286"))
                    .isZero();
            assertThat(listed.toString()).contains("J1331+305 3C286").contains(offAxis.toString());
            assertThat(listed.toString().lines().filter(l -> l.contains(" * ")))
                    .singleElement()
                    .satisfies(l -> assertThat(l).endsWith(at3c286.toString()));
            assertThat(HTTP.send(
                                    HttpRequest.newBuilder(URI.create(api + "/healthz"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);

            // The move to 3C147's declination is a campaign on contimg.campaigns, naming 3C147 and its transits.
            CampaignEvent campaign = campaignTail
                    .until(
                            seen -> seen.stream()
                                    .anyMatch(c -> at3c147.toString().equals(c.firstFile())),
                            WORK_WITHIN)
                    .stream()
                    .filter(c -> at3c147.toString().equals(c.firstFile()))
                    .findFirst()
                    .orElseThrow();
            campaignTail.close();
            assertThat(campaign.cause()).isIn(CampaignEvent.Cause.DECLINATION, CampaignEvent.Cause.GAP);
            assertThat(campaign.best().altName()).isEqualTo("3C147");
            assertThat(campaign.nextTransits()).hasSize(7);
            assertThat(campaign.nextTransits().get(0).hoursFromStart()).isBetween(0.0, 24.0);
            var campaignsListed = new StringWriter();
            assertThat(Contimg.commandLine()
                            .setOut(new PrintWriter(campaignsListed, true))
                            .execute("campaigns", "--events", "--bootstrap-servers", bootstrap))
                    .isZero();
            assertThat(campaignsListed.toString().lines().filter(l -> l.endsWith(at3c147.toString())))
                    .singleElement()
                    .satisfies(l -> assertThat(l).contains("J0542+498 3C147"));

            scraped = metricsAsPrometheusSeesThem(api, httpPort, files);

            first.signal("INT");
            assertThat(first.awaitExit()).isEqualTo(130);
            assertThat(first.output()).contains("contimg up: stopping", "contimg up: stopped");
            assertThat(first.errors()).noneMatch(ChildContimg::isStackTrace);
            assertThat(first.errors())
                    .as("each meter registered once")
                    .noneMatch(l -> l.contains("already registered"));
        }
        JsonNode stopped = Json.mapper()
                .readTree(home.resolve("state/pointing-monitor-status.json").toFile());
        assertThat(stopped.get("running").asBoolean())
                .as("the last status says it stopped")
                .isFalse();

        try (var second = ChildContimg.up(home, port, controllerPort, httpPort)) {
            second.awaitLine("ready at");
            assertThat(second.output())
                    .anyMatch(l -> l.contains("reusing storage in " + home.resolve("kafka/data")))
                    .anyMatch(l -> l.equals("contimg up: 10 topics in place (0 created, 3 partitions each)"));
            // The producer remembers what it published before the stop: its startup scan, over the unchanged tree,
            // publishes nothing, so the processors read nothing: no extraction, no outcome, no new row.
            JsonNode again = Awaitility.await()
                    .atMost(WORK_WITHIN)
                    .until(
                            () -> json(api + "/api/pointing-monitor/status"),
                            s -> s.path("running").asBoolean()
                                    && processors(s).path("running").asBoolean()
                                    && running(s, "producer@")
                                                    .path("metrics")
                                                    .path("scans")
                                                    .asInt()
                                            >= 1);
            JsonNode producer = running(again, "producer@").path("metrics");
            assertThat(producer.path("events_published").asInt())
                    .as("events published by the restart")
                    .isZero();
            assertThat(producer.path("candidates_remembered").asInt()).isGreaterThanOrEqualTo(files + 1);
            assertThat(processors(again)
                            .path("metrics")
                            .path("pointing_unchanged")
                            .asInt())
                    .isZero();
            assertThat(processors(again)
                            .path("metrics")
                            .path("pointing_extracted")
                            .asInt())
                    .isZero();
            assertThat(again.path("metrics").path("files_processed").asInt()).isZero();
            assertThat(rowCount(db)).isEqualTo(files);
            assertThat(ChildContimg.names(logs)).containsExactlyInAnyOrderElementsOf(logNames);
            second.signal("TERM");
            assertThat(second.awaitExit()).isEqualTo(143);
            assertThat(second.errors()).noneMatch(ChildContimg::isStackTrace);
        }
        assumeTrue(
                scraped,
                "prometheus is not installed (apt-get install prometheus): all but the scrape by a real Prometheus "
                        + "was checked");
    }

    /**
     * {@code GET /metrics} of the run above: every series the Grafana dashboard and the alert rules read is served,
     * and a real Prometheus scraping it (evaluating the alert rules) finds the run's work: 3 logs moved, 1 directory
     * purged, {@code files} pointings extracted and written, 1 extraction failed, healthy, no issue. False when no
     * Prometheus is installed: the test then ends as skipped, saying so, once all the rest has been checked.
     */
    private boolean metricsAsPrometheusSeesThem(String api, int httpPort, int files) throws Exception {
        String exposition = HTTP.send(
                        HttpRequest.newBuilder(URI.create(api + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Set<String> served = MetricNames.served(exposition);
        for (String expression : MetricNames.dashboardExpressions()) {
            assertThat(served).as("the dashboard's " + expression).containsAll(MetricNames.in(expression));
        }
        MetricNames.alertExpressions()
                .forEach((alert, expression) ->
                        assertThat(served).as(alert + "'s " + expression).containsAll(MetricNames.in(expression)));
        if (!LocalPrometheus.installed()) {
            return false;
        }
        try (var prometheus =
                LocalPrometheus.scraping("contimg-up", "127.0.0.1:" + httpPort, home.resolve("prometheus"))) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> prometheus.value("contimg_sink_rows_written_total") == files);
            assertThat(prometheus.value("up{job=\"contimg-up\"}")).isEqualTo(1);
            assertThat(prometheus.value("contimg_processors_outcomes_total{stage=\"log-move\",result=\"moved\"}"))
                    .isEqualTo(3);
            assertThat(prometheus.value("contimg_processors_outcomes_total{stage=\"temp-purge\",result=\"purged\"}"))
                    .isEqualTo(1);
            assertThat(prometheus.value("contimg_processors_outcomes_total{stage=\"pointing\",result=\"extracted\"}"))
                    .isEqualTo(files);
            assertThat(prometheus.value("contimg_processors_outcomes_total{stage=\"pointing\",result=\"failed\"}"))
                    .isEqualTo(1);
            assertThat(prometheus.value("contimg_processors_extraction_duration_seconds_count"))
                    .isGreaterThanOrEqualTo(files + 1);
            assertThat(prometheus.value("contimg_pipeline_healthy")).isEqualTo(1);
            assertThat(prometheus.value("contimg_pipeline_issues")).isZero();
            // Each component's last status: the producer's, the processors' and the calibration application's,
            // all running and healthy.
            assertThat(prometheus.value("count(contimg_component_healthy)")).isEqualTo(3);
            assertThat(prometheus.value("contimg_calibration_matches_total")).isGreaterThanOrEqualTo(2);
            assertThat(prometheus.value("contimg_calibration_campaigns_total")).isGreaterThanOrEqualTo(1);
            assertThat(prometheus.value("contimg_calibration_streams_state{state=\"RUNNING\"}"))
                    .isEqualTo(1);
            assertThat(prometheus.value("min(contimg_component_healthy)")).isEqualTo(1);
            assertThat(prometheus.value("contimg_extraction_files{result=\"extracted\"}"))
                    .isEqualTo(files);
            assertThat(prometheus.value("contimg_extraction_files{result=\"failed\"}"))
                    .isEqualTo(1);
            assertThat(prometheus.value("contimg_processors_extraction_duration_seconds_sum"))
                    .isPositive();
            assertThat(prometheus.value("contimg_producer_watch_mode{mode=\"inotify\"}"))
                    .isEqualTo(1);
            // Every alert rule evaluated against the live series without an error.
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                var rules = new ArrayList<JsonNode>();
                prometheus.rules().forEach(group -> group.path("rules").forEach(rules::add));
                assertThat(rules).hasSize(MetricNames.alertExpressions().size());
                assertThat(rules)
                        .allSatisfy(rule -> assertThat(rule.path("health").asText())
                                .as(rule.path("name").asText() + ": "
                                        + rule.path("lastError").asText())
                                .isEqualTo("ok"));
            });
        }
        return true;
    }

    /** The processors' section of the pipeline's status ({@code components["processors@<host>"]}). */
    private static JsonNode processors(JsonNode status) {
        return running(status, "processors@");
    }

    /** The running component whose id begins with {@code prefix} in the pipeline's status, or a missing node. */
    private static JsonNode running(JsonNode status, String prefix) {
        var components = status.path("components");
        for (var names = components.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.startsWith(prefix) && components.get(name).path("running").asBoolean()) {
                return components.get(name);
            }
        }
        return Json.mapper().createObjectNode();
    }

    private static long rowCount(Path db) throws Exception {
        if (!Files.exists(db)) {
            return -1;
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var result = sql.createStatement().executeQuery("SELECT count(*) FROM pointing_history")) {
            return result.getLong(1);
        }
    }

    /** timestamp, ra_deg, dec_deg of the row of one file, by the query an operator would type. */
    private static double[] row(Path db, Path file) throws Exception {
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var statement = sql.prepareStatement(
                        "SELECT timestamp, ra_deg, dec_deg FROM pointing_history WHERE source_file = ?")) {
            statement.setString(1, file.toString());
            try (var result = statement.executeQuery()) {
                assertThat(result.next()).as("a row for " + file).isTrue();
                return new double[] {result.getDouble(1), result.getDouble(2), result.getDouble(3)};
            }
        }
    }

    private static JsonNode json(String url) {
        try {
            var response =
                    HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            return Json.mapper().createObjectNode(); // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The 3C286 matches among {@code records}, each key's last one (what compaction keeps). */
    private static Map<String, CalibratorTransit> lastByKey(List<CalibratorTransit> records) {
        var last = new HashMap<String, CalibratorTransit>();
        records.stream().filter(t -> "3C286".equals(t.altName())).forEach(t -> last.put(t.key(), t));
        return last;
    }
}
