package org.dsa110.contimg.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.FileIdentity;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.topics.Topic;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.fixtures.Dsa110File;
import org.dsa110.contimg.producer.PublishedFiles;

/**
 * What a restart and a rescan cost on a big incoming tree: {@code files} distinct, valid first-subband files (small
 * DSA-110-layout headers, each its own time and declination, written by the project's fixture writer) in
 * {@code dirs} directories (written once under {@code work/tree} and reused), and {@code contimg up} in a child JVM
 * on a new home per run ({@code work/run-N}, the tree as its incoming directory), with rescans every
 * {@code rescanSeconds}. Phases: the first pass (until the last row), a restart (until quiet), one rescan of the
 * unchanged tree, one file rewritten. For each: records added to {@code contimg.fs-events}, {@code contimg.pointing}
 * and {@code contimg.outcomes} (end offsets, transaction markers included), and the CPU seconds of the pipeline's
 * JVM (broker included). Then the producer's memory for the tree's candidates, measured in this JVM.
 */
final class RescanBench {

    /**
     * One phase's cost: records added to the three topics, CPU seconds of the pipeline's JVM and wall seconds from
     * the phase's start to its last record. A (re)start's phase starts with the JVM: the broker's and the services'
     * start-up, the start-up scan (which publishes every file once) and its processing, all before and after
     * {@code ready}.
     */
    record Phase(
            String name,
            long fsEvents,
            long pointing,
            long outcomes,
            double cpuSeconds,
            double seconds,
            Map<String, Long> endOffsets) {}

    /** One run's figures. */
    record Run(double firstPassFilesPerSecond, List<Phase> phases, double upHeapMiB) {}

    record Figures(int files, List<Run> runs, double producerMemoryMiB) {}

    private static final Duration QUIET = Duration.ofSeconds(10);
    private static final List<Topic<?, ?>> COUNTED = List.of(Topics.FS_EVENTS, Topics.POINTING, Topics.OUTCOMES);

    private final Path work;
    private final Path incoming;
    private final int files;
    private final int dirs;
    private final int rescanSeconds;
    private final int kafkaPort;
    private final PrintWriter out;

    RescanBench(Path work, int files, int dirs, int rescanSeconds, int kafkaPort, PrintWriter out) {
        this.work = work;
        this.incoming = work.resolve("tree");
        this.files = files;
        this.dirs = dirs;
        this.rescanSeconds = rescanSeconds;
        this.kafkaPort = kafkaPort;
        this.out = out;
    }

    Figures run(int runs) throws Exception {
        List<Path> tree = writeTree();
        List<Run> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            out.printf("run %d of %d:%n", run, runs);
            results.add(run(tree, work.resolve("run-" + run)));
        }
        return new Figures(files, results, producerMemoryMiB(tree));
    }

    private Run run(List<Path> tree, Path home) throws Exception {
        deleteTree(home);
        KafkaSettings kafka = KafkaSettings.forBootstrap("127.0.0.1:" + kafkaPort);
        List<Phase> phases = new ArrayList<>();
        double firstPass;
        double heap;
        Path db = home.resolve("state/products.sqlite3");
        try (var up = up(home, incoming, kafkaPort, rescanSeconds)) {
            try (Admin admin = Admin.create(kafka.admin("contimg-bench-rescan"))) {
                // A new broker: every record on it is this run's, the start-up scan's events included.
                Map<String, Long> before = COUNTED.stream().collect(Collectors.toMap(Topic::name, t -> 0L));
                double cpu = 0;
                long began = up.startedNanos;
                while (rows(db) < files) {
                    up.requireAlive();
                    Thread.sleep(200);
                }
                firstPass = files / ((System.nanoTime() - up.startedNanos) / 1e9);
                phases.add(untilQuiet("first pass", admin, before, up, cpu, began));
                heap = up.heapUsedAfterGcMiB();
            }
        }
        Map<String, Long> stopped = phases.get(0).endOffsets();
        try (var up = up(home, incoming, kafkaPort, rescanSeconds);
                Admin admin = Admin.create(kafka.admin("contimg-bench-rescan"))) {
            // The restart: from the JVM's start until nothing moves on the three topics, counted from where the
            // stopped pipeline left them.
            phases.add(untilQuiet("restart", admin, stopped, up, 0, up.startedNanos));
            // One rescan of the unchanged tree: the window from one quiet moment to the next holds one.
            Map<String, Long> rescanBefore = ends(admin);
            double cpu = up.cpuSeconds();
            long began = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(rescanSeconds) + 2000);
            phases.add(untilQuiet("rescan, unchanged", admin, rescanBefore, up, cpu, began));
            // One file rewritten with another declination: it, and only it, is read again.
            Path changed = tree.get(tree.size() / 2);
            Map<String, Long> changeBefore = ends(admin);
            cpu = up.cpuSeconds();
            began = System.nanoTime();
            Dsa110File.at(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(300L * (tree.size() / 2)), -20.0)
                    .withSize(1, 2, 1)
                    .writeTo(changed);
            Thread.sleep(TimeUnit.SECONDS.toMillis(rescanSeconds) + 2000); // and the next rescan after it
            phases.add(untilQuiet("one file rewritten", admin, changeBefore, up, cpu, began));
        }
        return new Run(firstPass, phases, heap);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Waits until the three topics are still for {@link #QUIET}; the phase ends at the last change. */
    private Phase untilQuiet(
            String name, Admin admin, Map<String, Long> before, ContimgProcess up, double cpuBefore, long began)
            throws Exception {
        Map<String, Long> last = ends(admin);
        long lastChange = System.nanoTime();
        double cpuAtChange = up.cpuSeconds();
        while (System.nanoTime() - lastChange < QUIET.toNanos()) {
            up.requireAlive();
            Thread.sleep(500);
            Map<String, Long> now = ends(admin);
            if (!now.equals(last)) {
                last = now;
                lastChange = System.nanoTime();
                cpuAtChange = up.cpuSeconds();
            }
        }
        Map<String, Long> after = last;
        Phase phase = new Phase(
                name,
                after.get(Topics.FS_EVENTS.name()) - before.get(Topics.FS_EVENTS.name()),
                after.get(Topics.POINTING.name()) - before.get(Topics.POINTING.name()),
                after.get(Topics.OUTCOMES.name()) - before.get(Topics.OUTCOMES.name()),
                cpuAtChange - cpuBefore,
                Math.max(0, lastChange - began) / 1e9,
                after);
        out.printf(
                "  %s: %d fs-events, %d pointing, %d outcomes records; %.1f CPU s, %.1f s (ready after %.1f s)%n",
                name,
                phase.fsEvents(),
                phase.pointing(),
                phase.outcomes(),
                phase.cpuSeconds(),
                phase.seconds(),
                (up.readyNanos - up.startedNanos) / 1e9);
        out.flush();
        return phase;
    }

    /** The tree, written once and reused: {@code files} small files in {@code dirs} directories. */
    private List<Path> writeTree() throws IOException {
        List<Path> tree = IntStream.range(0, files)
                .mapToObj(i -> incoming.resolve(String.format("d%03d", i % dirs))
                        .resolve(Dsa110File.at(start(i), 0).fileName()))
                .toList();
        long present;
        try (Stream<Path> walk = Files.exists(incoming) ? Files.walk(incoming) : Stream.empty()) {
            present = walk.filter(p -> p.toString().endsWith("_sb00.hdf5")).count();
        }
        if (present == files) {
            out.printf("  reusing the tree of %d files under %s%n", files, incoming);
            return tree;
        }
        long began = System.nanoTime();
        for (int i = 0; i < files; i++) {
            // Each its own time (5 minutes apart, as the correlator writes them) and declination.
            Dsa110File.at(start(i), -30.0 + (i * 7919 % 11900) / 100.0)
                    .withSize(1, 2, 1)
                    .writeTo(tree.get(i));
        }
        out.printf(
                "  wrote %d files in %d directories under %s in %.0f s%n",
                files, dirs, incoming, (System.nanoTime() - began) / 1e9);
        return tree;
    }

    private static Instant start(int i) {
        return Instant.parse("2024-01-01T00:00:00Z").plusSeconds(300L * i);
    }

    /** Heap the producer's memory of the tree's candidates takes: filled in this JVM, measured after GCs. */
    private static double producerMemoryMiB(List<Path> tree) throws IOException {
        List<FileEvent> events = new ArrayList<>(tree.size());
        for (Path file : tree) {
            var attributes = Files.readAttributes(file, BasicFileAttributes.class);
            events.add(new FileEvent(
                            file.toString(),
                            FileEvent.Kind.PRESENT,
                            FileEvent.FileType.FILE,
                            null,
                            null,
                            file.getParent().toString(),
                            FileEvent.Source.SCAN,
                            "bench",
                            Instant.now())
                    .withIdentity(FileIdentity.of(attributes)));
        }
        long empty = usedAfterGc();
        var memory = new PublishedFiles(tree.size() + 1);
        events.forEach(memory::changed);
        long full = usedAfterGc();
        // The events stay alive through both measurements: only the memory's own objects differ.
        Reference.reachabilityFence(events);
        if (memory.size() != tree.size()) {
            throw new IllegalStateException("remembered " + memory.size() + " of " + tree.size());
        }
        // The paths are held by the events too: count them as the producer's, which holds only its memory.
        long paths = tree.stream().mapToLong(p -> 40 + p.toString().length()).sum();
        return (full - empty + paths) / (1024.0 * 1024.0);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Map<String, Long> ends(Admin admin) throws Exception {
        return TopicGrowth.ends(admin, COUNTED);
    }

    /** Rows in the pointing database; 0 until it exists. */
    static long rows(Path db) {
        if (!Files.exists(db)) {
            return 0;
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var result = sql.createStatement().executeQuery("SELECT count(*) FROM pointing_history")) {
            return result.getLong(1);
        } catch (SQLException e) {
            return 0; // not made yet
        }
    }

    /** {@code contimg up} in a child JVM of this one's classpath, ready. */
    private static ContimgProcess up(Path home, Path incoming, int port, int rescanSeconds) throws Exception {
        return ContimgProcess.start(
                        home,
                        "up",
                        "1g",
                        "up",
                        "--home",
                        home.toString(),
                        "--incoming",
                        incoming.toString(),
                        "--kafka-port",
                        Integer.toString(port),
                        "--controller-port",
                        Integer.toString(port + 1),
                        "--http-port",
                        "0",
                        "--rescan-interval",
                        Integer.toString(rescanSeconds))
                .awaitLine("ready at", Duration.ofSeconds(180));
    }
}
