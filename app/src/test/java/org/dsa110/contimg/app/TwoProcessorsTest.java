package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.dsa110.contimg.broker.LocalBroker;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.FreePorts;
import org.dsa110.contimg.contract.testing.GroupProgress;
import org.dsa110.contimg.contract.topics.ConsumerGroups;
import org.dsa110.contimg.contract.topics.TopicSetup;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.producer.ProducerService;
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
                    var producer = new ProducerService(ProducerSettings.defaults(paths, "test-host"), kafka);
                    Admin admin = Admin.create(kafka.admin("test"))) {
                a.awaitLine("contimg processors: ready", Duration.ofSeconds(90));
                b.awaitLine("contimg processors: ready", Duration.ofSeconds(90));
                // Both hold a share of the file events before the burst: the partitions are split between them.
                Map<String, Set<Integer>> before = Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .until(
                                () -> held(admin),
                                h -> h.get("a").size() + h.get("b").size() == partitions(kafka)
                                        && !h.get("a").isEmpty()
                                        && !h.get("b").isEmpty());
                assertThat(before.get("a")).doesNotContainAnyElementsOf(before.get("b"));
                producer.start();

                List<String> expected = burst(paths);
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> ChildContimg.names(paths.logDir()).size() >= expected.size() / 5);
                a.signal("KILL"); // mid-burst: its transactions in flight are aborted, its tasks wait for b
                long movedAtTheKill = ChildContimg.names(paths.logDir()).size();
                assertThat(movedAtTheKill).as("moved when a was killed").isLessThan(expected.size());

                // Once a's session times out, b holds every partition, a's among them, and finishes the work.
                Map<String, Set<Integer>> after = Awaitility.await()
                        .atMost(Duration.ofSeconds(120))
                        .until(
                                () -> held(admin),
                                h -> h.get("a").isEmpty() && h.get("b").size() == partitions(kafka));
                Awaitility.await()
                        .atMost(Duration.ofSeconds(120))
                        .until(() -> ChildContimg.names(paths.logDir()).size() >= expected.size() && left(paths) == 0);
                // A duplicate, if any, would be a second name for one log, made from an event not yet processed:
                // none is left once the group has committed its inputs to their ends.
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> GroupProgress.caughtUp(
                                admin,
                                ConsumerGroups.processors("test-host").id(),
                                ConsumerGroups.processors("test-host").inputNames()));
                System.out.printf(
                        "file-event partitions before the kill: a %s, b %s; after the takeover: b %s (%d of %d moved"
                                + " at the kill)%n",
                        before.get("a"), before.get("b"), after.get("b"), movedAtTheKill, expected.size());
                assertThat(after.get("b")).containsAll(before.get("a"));
                assertThat(ChildContimg.names(paths.logDir())).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(left(paths)).isZero();
                assertThat(b.errors()).noneMatch(ChildContimg::isStackTrace);
            }
        }
    }

    /**
     * The partitions of {@code contimg.fs-events} each instance's stream threads hold now (their static ids are
     * {@code contimg-processors-<instance>-<thread>}).
     */
    private static Map<String, Set<Integer>> held(Admin admin) throws Exception {
        Map<String, Set<Integer>> byInstance = new HashMap<>(Map.of("a", new TreeSet<>(), "b", new TreeSet<>()));
        GroupProgress.assignments(admin, ConsumerGroups.processors("test-host").id(), Topics.FS_EVENTS.name())
                .forEach((member, partitions) -> byInstance.forEach((instance, held) -> {
                    if (member.startsWith(ConsumerGroups.processors("test-host").id() + "-" + instance + "-")) {
                        held.addAll(partitions);
                    }
                }));
        return byInstance;
    }

    private static int partitions(KafkaSettings kafka) {
        return kafka.topics().partitions();
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
                "--host-id",
                "test-host",
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
