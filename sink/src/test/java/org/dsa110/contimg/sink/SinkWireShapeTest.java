package org.dsa110.contimg.sink;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.contract.metrics.PrometheusMetrics;
import org.dsa110.contimg.contract.reading.TopicRange;
import org.dsa110.contimg.contract.testing.KafkaTestKitBroker;
import org.dsa110.contimg.contract.testing.WireShape;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.sink.status.MonitorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the sink shows the world, as recorded: the pipeline's snapshot on {@code contimg.status}, the status file
 * (the old monitor's fields), {@code GET /api/pointing-monitor/status}, and the sink's and the pipeline's metric
 * series. A broker of its own, so that every section is filled by this test alone (one component, one failure, one
 * row) and the shape does not depend on what other tests left on a shared one.
 */
class SinkWireShapeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @Test
    void theStatusTheFileTheApiAndTheMetricNamesAreAsRecorded() throws Exception {
        try (var broker = KafkaTestKitBroker.start()) {
            KafkaSettings kafka = broker.withContractTopics();
            var paths =
                    PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
            for (Path dir : List.of(paths.root(), paths.incoming(), paths.state())) {
                Files.createDirectories(dir);
            }
            Instant now = Instant.now();
            try (var sender = new TopicSender(kafka.producer("test"))) {
                sender.publishStatus(new StatusSnapshot(
                        StatusSnapshot.SCHEMA,
                        "producer@shape-host",
                        "shape-host",
                        now,
                        now.minusSeconds(60),
                        true,
                        true,
                        List.of(),
                        Map.of("events_published", 3),
                        Map.of("watch_mode", "inotify")));
                sender.send(
                        Topics.OUTCOMES,
                        "/data/incoming/bad_sb00.hdf5",
                        new Outcome(
                                Outcome.SCHEMA,
                                "/data/incoming/bad_sb00.hdf5",
                                Outcome.Stage.POINTING,
                                Outcome.Result.FAILED,
                                "time_array is NaN",
                                null,
                                null,
                                null,
                                1,
                                "processors@shape-host",
                                "shape-host",
                                now),
                        null);
                var observation = Samples.pointingAtRandomTime("/data/incoming/good_sb00.hdf5", 30);
                sender.send(Topics.POINTING, observation.sourceFile(), observation, null);
                sender.flush();
            }
            MonitorSettings telescope = MonitorSettings.of(paths);
            MonitorSettings settings = new MonitorSettings(
                    "shape-host", // not this machine's name, which would be in the shape
                    telescope.watchDir(),
                    telescope.watchedDirs(),
                    telescope.productsDb(),
                    telescope.statusFile(),
                    Duration.ofSeconds(1),
                    telescope.checkInterval(),
                    telescope.lagGroups());
            try (var metrics = new PrometheusMetrics("sink");
                    var sink = new SinkService(
                                    kafka,
                                    new SinkSettings(
                                            settings,
                                            new Membership("shape", Duration.ofSeconds(10)),
                                            "127.0.0.1",
                                            0,
                                            TransitFinder.defaults()),
                                    Clock.systemUTC())
                            .withMetrics(metrics)) {
                sink.start();
                JsonNode file = Awaitility.await()
                        .atMost(WAIT)
                        .until(
                                () -> Files.exists(settings.statusFile())
                                        ? Json.mapper()
                                                .readTree(settings.statusFile().toFile())
                                        : null,
                                s -> s != null
                                        && s.path("metrics")
                                                        .path("recent_error_count")
                                                        .asInt()
                                                == 1
                                        && s.path("components").has("producer@shape-host")
                                        && s.path("sink").path("rows_written").asInt() == 1);
                Map<String, String> chosen = Map.of(home.toString(), "<home>");
                WireShape.assertSame(
                        WireShape.ofJson(Json.mapper().writeValueAsString(file), chosen),
                        Path.of("src/test/resources/wire-shape/status-file.json"));
                String api = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(sink.api().url() + "/api/pointing-monitor/status"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                WireShape.assertSame(
                        WireShape.ofJson(api, chosen), Path.of("src/test/resources/wire-shape/status-api.json"));
                byte[][] latest = new byte[1][];
                try (var range = new TopicRange<>(kafka, Topics.STATUS, "test-shape").from(null)) {
                    range.toEnd(
                            (raw, key, value) -> {
                                if ("pointing-monitor".equals(key)) {
                                    latest[0] = raw.value();
                                }
                            },
                            () -> {});
                }
                String topic = new String(latest[0]);
                WireShape.assertSame(
                        WireShape.ofJson(topic, chosen),
                        Path.of("src/test/resources/wire-shape/pipeline-monitor-status.json"));
                WireShape.assertSame(
                        WireShape.ofContimgMetrics(metrics.scrape()),
                        Path.of("src/test/resources/wire-shape/sink-metrics.txt"));
            }
        }
    }
}
