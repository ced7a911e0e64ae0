package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.dsa110.contimg.broker.LocalBroker;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.FreePorts;
import org.dsa110.contimg.contract.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream-thread supervisor as an operator meets it: {@code contimg processors} whose stream threads keep dying
 * of a fault no processor can turn into an outcome (one of its input topics deleted under it, on a broker of its
 * own) replaces them as its {@code --max-thread-replacements} and {@code --thread-replacement-window} allow, then
 * stops with exit status 1 and the reason in one line, so systemd restarts it.
 */
class ProcessorsGiveUpTest {

    @TempDir
    Path home;

    @Test
    void processorsWhoseThreadsKeepDyingExitOneAfterTheirReplacementBudgetSayingWhy() throws Exception {
        var options = new LocalBroker.Options(home.resolve("kafka"), "127.0.0.1", FreePorts.pick(), FreePorts.pick());
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.scratch(), paths.logDir())) {
            Files.createDirectories(dir);
        }
        try (var broker = new LocalBroker(options)) {
            broker.start();
            var topics = new StringWriter();
            assertThat(Contimg.commandLine()
                            .setOut(new PrintWriter(topics, true))
                            .execute("topics", "--bootstrap-servers", options.bootstrapServers()))
                    .isZero();
            try (var processors = ChildContimg.start(
                    "processors",
                    "--home",
                    home.toString(),
                    "--bootstrap-servers",
                    options.bootstrapServers(),
                    "--max-thread-replacements",
                    "2",
                    "--thread-replacement-window",
                    "900",
                    // A dead thread's consumer stays in the group as a static member: each replacement's rebalance
                    // waits out its session, so the broker's shortest keeps the test short.
                    "--session-timeout",
                    "6",
                    "--metrics-port",
                    "0")) {
                processors.awaitLine("contimg processors: ready", Duration.ofSeconds(90));
                try (Admin admin = Admin.create(
                        KafkaSettings.forBootstrap(options.bootstrapServers()).admin("test"))) {
                    admin.deleteTopics(List.of(Topics.TEMP_PURGES.name())).all().get();
                }
                long deleted = System.nanoTime();
                String stopping = processors.awaitLine("contimg processors: stopping: ", Duration.ofSeconds(90));
                System.out.printf(
                        "processors gave up %.1f s after the topic was deleted%n", (System.nanoTime() - deleted) / 1e9);
                assertThat(stopping).contains("a stream thread died after 2 replacements in 900 s");
                assertThat(processors.awaitExit())
                        .as(String.join("\n", processors.errors()))
                        .isEqualTo(1);
                assertThat(processors.output()).anyMatch(l -> l.contains("stopping: "));
            }
        }
    }
}
