package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.config.HostName;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.testing.FreePorts;
import org.dsa110.contimg.contract.testing.GroupProgress;
import org.dsa110.contimg.contract.topics.ConsumerGroups;
import org.dsa110.contimg.fixtures.ReferencePointing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contimg up} killed with SIGKILL in the middle of a burst of CASA logs and UVH5 files (no shutdown hook
 * runs: the broker, the transactions and the database are cut wherever they are), more files added while it is
 * down, then started again on the same home: every log is moved exactly once (no second copy under a
 * {@code _<time>} name), every file has one row, and nothing is left behind in the data tree.
 */
class CrashRecoveryTest {

    private static final Duration WORK_WITHIN = Duration.ofSeconds(120);
    private static final Duration RESTART_READY_WITHIN = Duration.ofSeconds(150);

    @TempDir
    Path home;

    @Test
    void aKilledPipelineRestartedMovesEveryLogOnceAndRecordsEveryFileOnce() throws Exception {
        int port = FreePorts.pick();
        int controllerPort = FreePorts.pick();
        int httpPort = FreePorts.pick();
        Path data = home.resolve("data");
        Path incoming = home.resolve("incoming");
        Path logs = home.resolve("state/logs");
        Path db = home.resolve("state/products.sqlite3");
        List<ReferencePointing> fixtures = ReferencePointing.all();
        Map<String, String> written = new HashMap<>(); // log name to content
        Set<String> uvh5 = new HashSet<>();
        int burst = 2000;

        try (var first = ChildContimg.up(home, port, controllerPort, httpPort)) {
            first.awaitLine("ready at");
            // The burst: 2,000 logs in 8 new directories, with the first 8 UVH5 files renamed in among them.
            for (int batch = 0; batch < 8; batch++) {
                uvh5.add(fixtures.get(batch).writeInto(incoming).toString());
                written.putAll(writeLogs(data.resolve("obs" + batch), batch * 250, 250));
                if (batch == 3) {
                    // Something has happened already, so the kill lands mid-work rather than before it.
                    Awaitility.await()
                            .atMost(WORK_WITHIN)
                            .until(() -> ChildContimg.names(logs).size() > 20);
                }
            }
            // At once after the last directory is renamed in: its 250 logs cannot all have been moved yet.
            first.signal("KILL");
            assertThat(first.awaitExit()).isEqualTo(137);
        }
        long movedBeforeTheKill = ChildContimg.names(logs).size();
        assertThat(movedBeforeTheKill).as("logs moved before the kill").isStrictlyBetween(0L, (long) burst);

        // While it is down: more logs and the remaining UVH5 files.
        written.putAll(writeLogs(data.resolve("while-down"), 5000, 100));
        for (ReferencePointing fixture : fixtures.subList(8, fixtures.size())) {
            uvh5.add(fixture.writeInto(incoming).toString());
        }

        try (var second = ChildContimg.up(home, port, controllerPort, httpPort)) {
            // The broker first fences its dead incarnation (LocalBroker, DeadIncarnationFence), then the processors
            // and the sink rejoin under their static instance ids: ready in 15 to 25 s here; the bound is for a
            // loaded machine.
            second.awaitLine("ready at", RESTART_READY_WITHIN);
            Awaitility.await()
                    .atMost(WORK_WITHIN)
                    .until(() -> ChildContimg.names(logs).size() >= written.size());
            Awaitility.await().atMost(WORK_WITHIN).until(() -> sourceFiles(db).size() >= uvh5.size());
            // Any late duplicate would come from an event still unprocessed: wait until the processors have
            // committed every input partition to its end (under exactly-once, their work for it is then done).
            try (Admin admin =
                    Admin.create(KafkaSettings.forBootstrap("127.0.0.1:" + port).admin("test"))) {
                Awaitility.await()
                        .atMost(WORK_WITHIN)
                        .until(() -> GroupProgress.caughtUp(
                                admin,
                                ConsumerGroups.processors(HostName.local()).id(),
                                ConsumerGroups.processors(HostName.local()).inputNames()));
            }

            assertThat(ChildContimg.names(logs))
                    .as("every log once, and no second copy")
                    .containsExactlyInAnyOrderElementsOf(written.keySet());
            for (var log : written.entrySet()) {
                assertThat(logs.resolve(log.getKey())).as("moved whole").hasContent(log.getValue());
            }
            assertThat(logsLeftIn(data)).as("no log left in the data tree").isEmpty();
            assertThat(sourceFiles(db)).as("one row per file").containsExactlyInAnyOrderElementsOf(uvh5);
            System.out.printf(
                    "killed with %d of %d logs moved; after the restart all %d logs and %d files%n",
                    movedBeforeTheKill, burst, written.size(), uvh5.size());
            second.signal("TERM");
            assertThat(second.awaitExit()).isEqualTo(143);
            assertThat(second.errors()).noneMatch(ChildContimg::isStackTrace);
        }
    }

    /** The logs' names and contents. */
    private static Map<String, String> writeLogs(Path dir, int from, int count) throws IOException {
        // Made outside the tree and renamed in whole, as a finished CASA run's directory arrives.
        Path staging = Files.createDirectories(
                dir.getParent().resolveSibling("staging").resolve(dir.getFileName()));
        Map<String, String> logs = new HashMap<>();
        for (int i = from; i < from + count; i++) {
            String name = String.format("casa-20251104-%06d.log", 100000 + i);
            String content = "CASA <INFO> run " + i + "\n";
            Files.writeString(staging.resolve(name), content);
            logs.put(name, content);
        }
        Files.move(staging, dir);
        return logs;
    }

    private static List<Path> logsLeftIn(Path data) throws IOException {
        try (Stream<Path> walk = Files.walk(data)) {
            return walk.filter(p -> !p.startsWith(data.resolve("state")))
                    .filter(p -> p.getFileName().toString().startsWith("casa-"))
                    .toList();
        }
    }

    private static List<String> sourceFiles(Path db) throws Exception {
        if (!Files.exists(db)) {
            return List.of();
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var result = sql.createStatement().executeQuery("SELECT source_file FROM pointing_history")) {
            List<String> files = new ArrayList<>();
            while (result.next()) {
                files.add(result.getString(1));
            }
            return files;
        }
    }
}
