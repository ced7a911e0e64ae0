package org.dsa110.contimg.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.metrics.PrometheusMetrics;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.sink.status.MonitorSettings;
import org.dsa110.contimg.sink.store.PointingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sink as it runs: a loop that dies of a bug is not silent, and the last status says why. */
@ExtendWith(SharedKafka.class)
class SinkServiceTest {

    @TempDir
    Path home;

    @Test
    void theApiServesPrometheusMetricsThatPromtoolAccepts(TestBroker broker) throws Exception {
        KafkaSettings kafka = broker.withContractTopics();
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.state())) {
            Files.createDirectories(dir);
        }
        MonitorSettings settings = MonitorSettings.of(paths).withStatusInterval(Duration.ofSeconds(1));
        try (var store = PointingStore.open(settings.productsDb(), Clock.systemUTC())) {
            store.upsert(Samples.driftFiles(61375.0, 3, 30.3704));
        }
        var membership = new Membership("test-" + UUID.randomUUID(), Duration.ofSeconds(10));
        try (var metrics = new PrometheusMetrics("sink");
                var service = new SinkService(
                                kafka,
                                new SinkSettings(settings, membership, "127.0.0.1", 0, TransitFinder.defaults()),
                                Clock.systemUTC())
                        .withMetrics(metrics)) {
            service.start();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(settings.statusFile()));
            var response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(service.api().url() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
            String text = response.body();
            assertThat(text)
                    .contains("contimg_sink_rows_written_total{component=\"sink\"}")
                    .contains("contimg_pipeline_healthy{component=\"sink\"}")
                    .contains("jvm_memory_used_bytes{")
                    .containsPattern(
                            "contimg_kafka_consumer_lag_records\\{component=\"sink\",group=\"contimg-sink\",topic=\"contimg.pointing\"\\} [0-9.E]+")
                    // The newest of the three rows: its declination and Unix time.
                    .contains("contimg_pointing_declination_degrees{component=\"sink\"} 30.3704");
            Path promtool = Path.of("/usr/bin/promtool");
            // Last, so that all of the above is checked wherever promtool is missing; reported as skipped there.
            assumeTrue(
                    Files.isExecutable(promtool),
                    "promtool is not installed (apt-get install prometheus): the exposition lint was not run");
            {
                // The pipeline's own series, which this project names: promtool's linter flags two of Micrometer's
                // JVM names (process_cpu_time_ns_total, system_cpu_count), which are Micrometer's to choose.
                String ours = text.lines()
                        .filter(line -> line.startsWith("contimg_")
                                || line.startsWith("# HELP contimg_")
                                || line.startsWith("# TYPE contimg_"))
                        .collect(Collectors.joining("\n", "", "\n"));
                Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                        .redirectErrorStream(true)
                        .start();
                try (var in = check.getOutputStream()) {
                    in.write(ours.getBytes(StandardCharsets.UTF_8));
                }
                String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(check.waitFor())
                        .as("promtool check metrics: " + said)
                        .isZero();
            }
        }
    }

    @Test
    void anUnexpectedExceptionInTheLoopFailsTheServiceAndTheLastStatusSaysWhy(TestBroker broker) throws Exception {
        KafkaSettings kafka = broker.withContractTopics();
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.state())) {
            Files.createDirectories(dir);
        }
        MonitorSettings settings = MonitorSettings.of(paths).withStatusInterval(Duration.ofSeconds(1));
        // A group of its own: the shared broker's contimg-sink group belongs to no test.
        var membership = new Membership("test-" + UUID.randomUUID(), Duration.ofSeconds(10));
        var service = new SinkService(
                kafka,
                new SinkSettings(settings, membership, "127.0.0.1", 0, TransitFinder.defaults()),
                Clock.systemUTC());
        try (service) {
            service.start();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(settings.statusFile()));
            assertThat(service.failure()).isNull();

            service.sink().injectFault(new IllegalStateException("a bug in the sink's loop"));

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> service.failure() != null);
            assertThat(service.failure()).isEqualTo("pointing sink: its loop stopped: a bug in the sink's loop");
        }
        JsonNode last = new ObjectMapper().readTree(settings.statusFile().toFile());
        assertThat(last.get("running").asBoolean()).isFalse();
        assertThat(last.get("healthy").asBoolean()).isFalse();
        assertThat(last.get("issues").toString())
                .contains("the pointing sink cannot go on: its loop stopped: a bug in the sink's loop");
    }
}
