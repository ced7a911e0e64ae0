package org.dsa110.contimg.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.reading.OutcomeWatch;
import org.dsa110.contimg.contract.topics.Topic;
import org.dsa110.contimg.contract.topics.Topics;

/**
 * The log-move benchmark, against a running pipeline ({@code contimg up}): first a burst made off-tree and renamed
 * into the data root at once (its directories, one {@code rename(2)} each), which measures the pipeline and not the
 * file creator, with the pipeline's CPU per moved log and what it wrote per log on each topic; then a burst of CASA
 * logs created one by one in new directories (paced by their creation on the same cores), moved by the pipeline
 * and, in the same run, by the old daemon's {@code inotifywait -m -r} + {@code mv} loop on a tree of its own; then
 * the creation-to-moved latency of single logs.
 */
final class ProcessorsBench {

    record Burst(long files, long moved, long missed, double seconds) {
        double movesPerSecond() {
            return moved / seconds;
        }
    }

    /**
     * The renamed-in burst: its moves, the pipeline's CPU over it less its idle rate (NaN without the pipeline's
     * pid), and per moved log the offsets (records and transaction markers) and bytes each topic grew by.
     */
    record RenamedBurst(Burst burst, double cpuMicrosPerLog, double jitMicrosPerLog, Map<String, double[]> perLog) {}

    record Figures(
            List<RenamedBurst> renamed,
            Burst pipeline,
            Burst baseline,
            double latencyP50Ms,
            double latencyP99Ms,
            int latencySamples) {}

    private static final AtomicInteger BURSTS = new AtomicInteger();
    private static final List<Topic<?, ?>> WRITTEN = List.of(Topics.FS_EVENTS, Topics.LOG_MOVES, Topics.OUTCOMES);

    private final KafkaSettings kafka;
    private final Path root;
    private final Path baselineWork;
    private final int files;
    private final int dirs;
    private final PrintWriter out;
    private Path profiler;
    private Path profileOut;

    ProcessorsBench(KafkaSettings kafka, Path root, Path baselineWork, int files, int dirs, PrintWriter out) {
        this.kafka = kafka;
        this.root = root;
        this.baselineWork = baselineWork;
        this.files = files;
        this.dirs = dirs;
        this.out = out;
    }

    /** Profiles the pipeline's CPU over the renamed-in burst with async-profiler's {@code library}. */
    ProcessorsBench profile(Path library, Path collapsed) {
        this.profiler = library;
        this.profileOut = collapsed;
        return this;
    }

    Figures run(
            int warmupFiles,
            int renamedBursts,
            int latencyFiles,
            Duration latencySpacing,
            Long pipelinePid,
            boolean renamedOnly)
            throws Exception {
        if (warmupFiles > 0) {
            // A first, unmeasured burst: the JIT compiles the broker's, Streams' and Jackson's hot paths now
            // (8 of 28 core-seconds in a cold 30,000-log burst) instead of during the measured one.
            new ProcessorsBench(kafka, root, null, warmupFiles, Math.max(1, warmupFiles / 100), out).pipelineBurst();
        }
        List<RenamedBurst> renamed = new ArrayList<>();
        for (int i = 1; i <= renamedBursts; i++) {
            // The JIT is still at work in the first (hundreds of methods compiled, and deoptimized, during it):
            // the later ones show the steady state a pipeline that runs for weeks is in. The last is profiled.
            renamed.add(renamedBurst(pipelinePid, i == renamedBursts ? profiler : null));
        }
        if (renamedOnly) {
            return new Figures(renamed, null, null, Double.NaN, Double.NaN, 0);
        }
        Burst pipeline = pipelineBurst();
        Burst baseline = baselineWork == null ? null : baselineBurst();
        List<Double> latencies = latency(latencyFiles, latencySpacing);
        return new Figures(
                renamed,
                pipeline,
                baseline,
                Stats.percentile(latencies, 50),
                Stats.percentile(latencies, 99),
                latencies.size());
    }

    /** The burst made beside the data root, then its directories renamed in, timed from the first rename. */
    private RenamedBurst renamedBurst(Long pipelinePid, Path profileWith) throws Exception {
        long stamp = System.currentTimeMillis();
        Path staging = root.resolveSibling("bench-staging-" + stamp);
        List<String> staged = createBurst(staging);
        List<String> paths = new ArrayList<>(staged.size());
        for (String log : staged) {
            paths.add(root.resolve("bench-renamed-" + stamp)
                    .resolve(staging.relativize(Path.of(log)))
                    .toString());
        }
        Path tree = Files.createDirectories(root.resolve("bench-renamed-" + stamp));
        Thread.sleep(1000); // let the new directory's watch settle, and measure the pipeline's idle CPU meanwhile
        double idleBefore = cpuSeconds(pipelinePid);
        Thread.sleep(3000);
        double idlePerSecond = (cpuSeconds(pipelinePid) - idleBefore) / 3;
        try (var watch = new OutcomeWatch(kafka, o -> o.result() == Outcome.Result.MOVED);
                Admin admin = Admin.create(kafka.admin("contimg-bench-processors"))) {
            TopicGrowth.Snapshot before = TopicGrowth.take(admin, WRITTEN);
            PipelineProfile profile = profileWith == null ? null : PipelineProfile.start(pipelinePid, profileWith);
            double cpuBefore = cpuSeconds(pipelinePid);
            double jitBefore = PipelineProfile.compilerSeconds(pipelinePid);
            Instant began = Instant.now();
            try (Stream<Path> dirs = Files.list(staging)) {
                for (Path dir : dirs.sorted().toList()) {
                    Files.move(dir, tree.resolve(dir.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            out.printf(
                    "renamed in: %d logs in %d directories renamed into the data root in %.2f s%n",
                    paths.size(), dirs, Duration.between(began, Instant.now()).toMillis() / 1e3);
            out.flush();
            long moved = watch.await(paths, Duration.ofSeconds(120));
            double cpuAfter = cpuSeconds(pipelinePid);
            double jitAfter = PipelineProfile.compilerSeconds(pipelinePid);
            if (profile != null) {
                profile.stop(profileOut, out);
            }
            Instant last = lastMove(watch, paths, began);
            double seconds = Duration.between(began, last).toMillis() / 1e3;
            // Let the last transactions commit before the topics are measured.
            Thread.sleep(2000);
            TopicGrowth.Snapshot after = TopicGrowth.take(admin, WRITTEN);
            var perLog = new LinkedHashMap<String, double[]>();
            for (Topic<?, ?> topic : WRITTEN) {
                String name = topic.name();
                perLog.put(name, new double[] {
                    (after.endOffsets().get(name) - before.endOffsets().get(name)) / (double) Math.max(1, moved),
                    (after.bytes().get(name) - before.bytes().get(name)) / (double) Math.max(1, moved)
                });
            }
            double busy = cpuAfter
                    - cpuBefore
                    - idlePerSecond * Duration.between(began, Instant.now()).toMillis() / 1e3;
            Burst burst = new Burst(paths.size(), moved, left(tree), seconds);
            out.printf(
                    "renamed in: %d moved, %d missed, first rename to last move %.2f s = %.0f moves/s%n",
                    burst.moved(), burst.missed(), burst.seconds(), burst.movesPerSecond());
            out.flush();
            deleteEmpty(staging);
            // The next burst starts where this one did: an empty tree, and a log directory without this burst's
            // 100,000 logs (each burst would otherwise link into a directory 100,000 entries larger).
            for (String path : paths) {
                Outcome movedLog = watch.get(path);
                if (movedLog != null && movedLog.target() != null) {
                    Files.deleteIfExists(Path.of(movedLog.target()));
                }
            }
            try (Stream<Path> emptied = Files.walk(tree)) {
                for (Path dir : emptied.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(dir);
                }
            }
            return new RenamedBurst(
                    burst,
                    pipelinePid == null ? Double.NaN : busy / moved * 1e6,
                    (jitAfter - jitBefore) / moved * 1e6,
                    perLog);
        }
    }

    /** When the last of {@code paths} was moved, by its outcome; {@code began} if none was. */
    private static Instant lastMove(OutcomeWatch watch, List<String> paths, Instant began) {
        return paths.stream()
                .map(watch::get)
                .filter(Objects::nonNull)
                .map(Outcome::at)
                .max(Instant::compareTo)
                .orElse(began);
    }

    /** User plus system CPU of the pipeline's process so far, seconds; NaN without its pid. */
    private static double cpuSeconds(Long pid) {
        if (pid == null) {
            return Double.NaN;
        }
        double seconds = ProcessHandle.of(pid).map(ContimgProcess::cpuSeconds).orElse(Double.NaN);
        if (Double.isNaN(seconds)) {
            throw new IllegalStateException("no CPU time for process " + pid + " (not running?)");
        }
        return seconds;
    }

    private static void deleteEmpty(Path dir) throws IOException {
        try (Stream<Path> left = Files.list(dir)) {
            if (left.findAny().isEmpty()) {
                Files.delete(dir);
            }
        }
    }

    private Burst pipelineBurst() throws Exception {
        Path tree = root.resolve("bench-burst-" + System.currentTimeMillis());
        try (var watch = new OutcomeWatch(kafka, o -> o.result() == Outcome.Result.MOVED)) {
            Instant began = Instant.now();
            List<String> paths = createBurst(tree);
            out.printf(
                    "pipeline: %d logs created in %d new directories in %.2f s%n",
                    paths.size(), dirs, Duration.between(began, Instant.now()).toMillis() / 1e3);
            out.flush();
            long moved = watch.await(paths, Duration.ofSeconds(60));
            Instant last = lastMove(watch, paths, began);
            Burst burst = new Burst(
                    paths.size(),
                    moved,
                    left(tree),
                    Duration.between(began, last).toMillis() / 1e3);
            out.printf(
                    "pipeline: %d moved, %d missed, first creation to last move %.2f s = %.0f moves/s%n",
                    burst.moved(), burst.missed(), burst.seconds(), burst.movesPerSecond());
            out.flush();
            return burst;
        }
    }

    private Burst baselineBurst() throws Exception {
        Path tree = Files.createDirectories(baselineWork.resolve("data"));
        Path logs = Files.createDirectories(baselineWork.resolve("logs"));
        Path stderr = baselineWork.resolve("inotifywait.err");
        // The old daemon: a recursive inotifywait feeding a bash loop that runs mv once per log.
        String daemon = "inotifywait -m -r -e create -e moved_to --format '%w%f' \"$1\" 2> \"$3\" "
                + "| while IFS= read -r f; do case \"$f\" in */casa-*.log) mv -- \"$f\" \"$2\"/ ;; esac; done";
        Process process = new ProcessBuilder(
                        "bash", "-c", daemon, "old-daemon", tree.toString(), logs.toString(), stderr.toString())
                .start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(Files.exists(stderr) && Files.readString(stderr).contains("Watches established"))) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("inotifywait did not start: " + Files.readString(stderr));
                }
                Thread.sleep(50);
            }
            Instant began = Instant.now();
            List<String> paths = createBurst(tree.resolve("burst"));
            out.printf(
                    "old daemon: %d logs created in %.2f s%n",
                    paths.size(), Duration.between(began, Instant.now()).toMillis() / 1e3);
            out.flush();
            long count = 0;
            Instant lastMove = began;
            long lastProgress = System.nanoTime();
            while (count < paths.size()
                    && System.nanoTime() - lastProgress < Duration.ofSeconds(15).toNanos()) {
                Thread.sleep(100);
                long now;
                try (Stream<Path> listing = Files.list(logs)) {
                    now = listing.count();
                }
                if (now > count) {
                    count = now;
                    lastMove = Instant.now();
                    lastProgress = System.nanoTime();
                }
            }
            Burst burst = new Burst(
                    paths.size(),
                    count,
                    left(tree.resolve("burst")),
                    Duration.between(began, lastMove).toMillis() / 1e3);
            out.printf(
                    "old daemon: %d moved, %d missed, first creation to last move %.2f s = %.0f moves/s%n",
                    burst.moved(), burst.missed(), burst.seconds(), burst.movesPerSecond());
            out.flush();
            return burst;
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    private List<Double> latency(int count, Duration spacing) throws Exception {
        Path dir = Files.createDirectories(root.resolve("bench-latency-" + System.currentTimeMillis()));
        Thread.sleep(1000); // let the new directory's watch settle: single logs in a watched directory
        List<String> paths = new ArrayList<>();
        List<Instant> created = new ArrayList<>();
        try (var watch = new OutcomeWatch(kafka, o -> o.result() == Outcome.Result.MOVED)) {
            for (int i = 0; i < count; i++) {
                Path log = dir.resolve(String.format("casa-20251104-%06d.log", i));
                created.add(Instant.now());
                Files.writeString(log, "INFO  single log " + i + "\n");
                paths.add(log.toString());
                Thread.sleep(spacing.toMillis());
            }
            long moved = watch.await(paths, Duration.ofSeconds(30));
            if (moved < count) {
                throw new IllegalStateException((count - moved) + " single logs were never moved");
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                millis.add(
                        Duration.between(created.get(i), watch.get(paths.get(i)).at())
                                        .toNanos()
                                / 1e6);
            }
            out.printf("latency: %d single logs moved%n", count);
            return millis;
        }
    }

    /**
     * Creates the burst: {@code files} logs spread over {@code dirs} new directories, named apart from every other
     * burst's (a name already in the log directory would cost the mover a failed link and a second name each).
     */
    private List<String> createBurst(Path tree) throws IOException {
        int burst = BURSTS.incrementAndGet();
        List<String> paths = new ArrayList<>(files);
        int perDir = Math.max(1, files / dirs);
        for (int d = 0; d < dirs; d++) {
            Path dir = Files.createDirectories(tree.resolve(String.format("ms%04d", d)));
            for (int f = 0; f < perDir; f++) {
                Path log = dir.resolve(String.format("casa-20251104-b%d-%04d%03d.log", burst, d, f));
                Files.createFile(log);
                paths.add(log.toString());
            }
        }
        return paths;
    }

    private static long left(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
