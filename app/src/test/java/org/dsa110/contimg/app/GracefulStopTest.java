package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.dsa110.contimg.broker.LocalBroker;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.contract.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services as systemd runs them, each in its own JVM against an existing broker, and stopped the way systemd
 * stops them: SIGTERM, at the worst moment (the broker already gone), within systemd's 30 s
 * ({@code TimeoutStopSec=30}), with the status file left saying {@code running: false}.
 */
class GracefulStopTest {

    @TempDir
    Path home;

    @Test
    void everyServiceStopsWithin30sOfSigtermEvenWithTheBrokerGone() throws Exception {
        var options = new LocalBroker.Options(home.resolve("kafka"), "127.0.0.1", FreePorts.pick(), FreePorts.pick());
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.scratch(), paths.logDir())) {
            Files.createDirectories(dir);
        }
        LocalBroker broker = new LocalBroker(options);
        broker.start();
        List<ChildContimg> services = new ArrayList<>();
        try {
            var topics = new StringWriter();
            assertThat(Contimg.commandLine()
                            .setOut(new PrintWriter(topics, true))
                            .execute("topics", "--bootstrap-servers", options.bootstrapServers()))
                    .isZero();
            assertThat(topics.toString()).contains("contimg topics: 9 topics in place");
            List<String> common = List.of("--home", home.toString(), "--bootstrap-servers", options.bootstrapServers());
            for (String service : List.of("producer", "processors", "sink")) {
                List<String> args = new ArrayList<>(List.of(service));
                args.addAll(common);
                if (service.equals("sink")) {
                    args.addAll(List.of("--http-port", "0", "--status-interval", "1"));
                }
                services.add(ChildContimg.start(args.toArray(String[]::new)));
            }
            for (ChildContimg service : services) {
                service.awaitLine("ready (Ctrl-C to stop)");
            }
            Path statusFile = paths.state().resolve("pointing-monitor-status.json");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(statusFile));
        } finally {
            broker.close();
        }

        long began = System.nanoTime();
        for (ChildContimg service : services) {
            service.signal("TERM");
        }
        for (ChildContimg service : services) {
            try (service) {
                assertThat(service.awaitExit()).as(service.output().get(0)).isEqualTo(143);
                assertThat(service.output()).anyMatch(line -> line.endsWith(": stopped"));
                assertThat(service.errors()).noneMatch(ChildContimg::isStackTrace);
            }
        }
        System.out.printf(
                "three services stopped %.1f s after SIGTERM, broker gone%n", (System.nanoTime() - began) / 1e9);
        var status = Json.mapper()
                .readTree(paths.state().resolve("pointing-monitor-status.json").toFile());
        assertThat(status.get("running").asBoolean())
                .as("the last status says the pipeline stopped")
                .isFalse();
    }
}
