package org.dsa110.contimg.processors.pointing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.ManualClock;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.processors.ProcessorsSettings;
import org.dsa110.contimg.processors.TopologyDriver;
import org.dsa110.contimg.processors.kernel.ProcessorsMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO, a device node and a file on a hung mount in the incoming tree, each named like a first sub-band, and a
 * CASA log after them on the same stream thread: the log is moved, whatever the files do. Without the read bound
 * the hung read holds the thread for ever and the test's timeout fails it.
 *
 * <p>The hung mount is real: a FUSE filesystem ({@code hung-mount.py}, Debian's python3-fusepy) whose reads never
 * return, as on a hard NFS mount whose server died. Needs root (mknod, mount) and FUSE; skipped, saying why,
 * elsewhere; {@code .ci/run} installs python3-fusepy.
 */
// In a thread of its own: a test thread stuck in the hung read fails by this timeout instead of hanging the build.
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FilesThatBlockTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path FUSEPY = Path.of("/usr/lib/python3/dist-packages/fusepy.py");
    private static final String HUNG = "2025-10-21T06:25:27_sb00.hdf5";

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(Instant.parse("2025-10-21T07:00:00Z"));
    private final ProcessorsMetrics metrics = new ProcessorsMetrics();
    private PipelinePaths paths;
    private Path mount;
    private Process fuse;
    private TopologyTestDriver driver;
    private TestInputTopic<String, FileEvent> events;

    @BeforeEach
    void driver() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: mknod of a device node, a FUSE mount");
        assumeTrue(Files.exists(Path.of("/dev/fuse")), "needs /dev/fuse for the hung mount");
        assumeTrue(Files.exists(FUSEPY), "needs Debian's python3-fusepy for the hung mount (" + FUSEPY + ")");
        paths = PipelinePaths.resolve(
                new PipelinePaths.Flags(home, home.resolve("data"), null, null, null, null, null), Map.of());
        Files.createDirectories(paths.root());
        mount = Files.createDirectories(paths.incoming().resolve("hung"));
        fuse = new ProcessBuilder(PYTHON.toString(), script().toString(), mount.toString(), HUNG)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("fuse.log").toFile())
                .start();
        for (int i = 0; i < 100 && !Files.exists(mount.resolve(HUNG)); i++) {
            Thread.sleep(100);
        }
        assertThat(mount.resolve(HUNG)).as("the hung mount is up").exists();

        driver = TopologyDriver.of(
                ProcessorsSettings.defaults(paths, "test-host"), metrics, clock, home.resolve("streams"));
        events = driver.createInputTopic(
                Topics.FS_EVENTS.name(),
                Topics.FS_EVENTS.keySerde().serializer(),
                Topics.FS_EVENTS.valueSerde().serializer());
    }

    @AfterEach
    void close() throws Exception {
        if (driver != null) {
            driver.close();
        }
        if (fuse != null) {
            fuse.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // ends the hung read: ENOTCONN
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFifoADeviceAndAHungReadNeverStopALogMoveOnTheSameThread() throws Exception {
        Path fifo = special("2025-10-21T06:30:00_sb00.hdf5", "mkfifo");
        Path device = special("2025-10-21T06:35:00_sb00.hdf5", "mknod", "c", "1", "3");
        Path log = Files.writeString(paths.root().resolve("casa-20251021-070000.log"), "CASA\n");

        event(fifo, paths.incoming());
        event(device, paths.incoming());
        event(mount.resolve(HUNG), paths.incoming());
        event(log, paths.root());

        List<Outcome> outcomes = outcomes();
        assertThat(outcome(outcomes, log).result()).isEqualTo(Outcome.Result.MOVED);
        assertThat(log).doesNotExist();
        assertThat(outcome(outcomes, fifo).detail()).isEqualTo("not a regular file");
        assertThat(outcome(outcomes, device).detail()).isEqualTo("not a regular file");
        Outcome hung = outcome(outcomes, mount.resolve(HUNG));
        assertThat(hung.result()).isEqualTo(Outcome.Result.RETRYING);
        assertThat(hung.detail()).startsWith("not read within 2000 ms (a FIFO, a device, a hung mount?)");
        assertThat(metrics.get("reads_abandoned")).isEqualTo(1);

        // The read is still stuck: another event for the file is answered at once, nothing read again.
        event(mount.resolve(HUNG), paths.incoming());
        assertThat(metrics.get("pointing_already_pending")).isEqualTo(1);
        assertThat(metrics.get("reads_abandoned")).isEqualTo(1);
    }

    private Path special(String name, String... command) throws IOException, InterruptedException {
        Path path = paths.incoming().resolve(name);
        var args = new ArrayList<>(List.of(command[0], path.toString()));
        args.addAll(List.of(command).subList(1, command.length));
        assertThat(new ProcessBuilder(args).inheritIO().start().waitFor()).isZero();
        return path;
    }

    private void event(Path path, Path root) {
        events.pipeInput(
                path.toString(),
                new FileEvent(
                        path.toString(),
                        FileEvent.Kind.CREATED,
                        FileEvent.FileType.FILE,
                        4096L,
                        clock.instant(),
                        root.toString(),
                        FileEvent.Source.WATCH,
                        "test-host",
                        clock.instant()));
    }

    private List<Outcome> outcomes() {
        return driver.createOutputTopic(
                        Topics.OUTCOMES.name(),
                        Topics.OUTCOMES.keySerde().deserializer(),
                        Topics.OUTCOMES.valueSerde().deserializer())
                .readValuesToList();
    }

    private static Outcome outcome(List<Outcome> outcomes, Path path) {
        return outcomes.stream()
                .filter(o -> o.path().equals(path.toString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for " + path + " in " + outcomes));
    }

    private Path script() throws IOException {
        Path script = home.resolve("hung-mount.py");
        try (var in = FilesThatBlockTest.class.getResourceAsStream("/hung-mount.py")) {
            Files.copy(in, script);
        }
        return script;
    }
}
