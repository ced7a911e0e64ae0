package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.dsa110.contimg.broker.LocalBroker;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.FreePorts;
import org.dsa110.contimg.contract.topics.TopicSetup;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.producer.FileEventProducer;
import org.dsa110.contimg.producer.ProducerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processors instances share the partitions (as two hosts would); one is killed with SIGKILL in the middle of a
 * burst, and the other finishes the work once the dead one's session times out: every log moved, each exactly once.
 * A broker of its own: the children are the real {@code contimg-processors} group.
 */
class TwoProcessorsTest {

    private static final int DIRS = 15;
    private static final int LOGS_PER_DIR = 100;

    @TempDir
    Path home;

    @Test
    void whenOneOfTwoInstancesIsKilledTheOtherMovesEveryLogExactlyOnce() throws Exception {
        var options = new LocalBroker.Options(home.resolve("kafka"), "127.0.0.1", FreePorts.pick(), FreePorts.pick());
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.scratch(), paths.logDir())) {
            Files.createDirectories(dir);
        }
        KafkaSettings kafka = KafkaSettings.forBootstrap(options.bootstrapServers());
        try (var broker = new LocalBroker(options)) {
            broker.start();
            try (Admin admin = Admin.create(kafka.admin("test"))) {
                new TopicSetup(admin, kafka.topics(), Duration.ofSeconds(30)).ensure(Topics.all());
            }
            try (var a = processors("a", options);
                    var b = processors("b", options);
                    var producer = new FileEventProducer(ProducerSettings.defaults(paths, "test-host"), kafka)) {
                a.awaitLine("contimg processors: ready", Duration.ofSeconds(90));
                b.awaitLine("contimg processors: ready", Duration.ofSeconds(90));
                producer.start();

                List<String> expected = burst(paths);
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> ChildContimg.names(paths.logDir()).size() >= expected.size() / 5);
                a.signal("KILL"); // mid-burst: its transactions in flight are aborted, its tasks wait for b

                Awaitility.await()
                        .atMost(Duration.ofSeconds(120))
                        .until(() -> ChildContimg.names(paths.logDir()).size() >= expected.size() && left(paths) == 0);
                Thread.sleep(2000); // a duplicate, if any, would be a second name for one log: give it time to show
                assertThat(ChildContimg.names(paths.logDir())).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(left(paths)).isZero();
                assertThat(b.errors()).noneMatch(ChildContimg::isStackTrace);
            }
        }
    }

    private ChildContimg processors(String instance, LocalBroker.Options broker) throws Exception {
        return ChildContimg.start(
                "processors",
                "--home",
                home.toString(),
                "--state-dir",
                home.resolve("state-" + instance).toString(),
                "--log-dir",
                home.resolve("state/logs").toString(),
                "--bootstrap-servers",
                broker.bootstrapServers(),
                "--instance-id",
                instance,
                "--session-timeout",
                "10",
                // Two instances on one host cannot share the default metrics port.
                "--metrics-port",
                Integer.toString(FreePorts.pick()));
    }

    /** The logs, made off-tree and their directories renamed into the data root at once; their names. */
    private List<String> burst(PipelinePaths paths) throws Exception {
        Path staging = Files.createDirectories(home.resolve("staging"));
        var names = new ArrayList<String>();
        for (int d = 0; d < DIRS; d++) {
            Path dir = Files.createDirectories(staging.resolve("run-" + d));
            for (int f = 0; f < LOGS_PER_DIR; f++) {
                String name = String.format("casa-20251104-%02d%03d.log", d, f);
                Files.writeString(dir.resolve(name), "log " + d + "/" + f + "\n");
                names.add(name);
            }
        }
        for (int d = 0; d < DIRS; d++) {
            Files.move(staging.resolve("run-" + d), paths.root().resolve("run-" + d));
        }
        return names;
    }

    private static long left(PipelinePaths paths) throws Exception {
        try (Stream<Path> walk = Files.walk(paths.root())) {
            return walk.filter(p -> !p.startsWith(paths.logDir()))
                    .filter(p -> p.getFileName().toString().startsWith("casa-"))
                    .count();
        }
    }
}
