package org.dsa110.contimg.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.dsa110.contimg.fixtures.Dsa110File;

/**
 * Crashes, as systemd sees them, during a burst: the broker and each service in a JVM of its own, a burst of CASA
 * logs in new directories and UVH5 files arriving the correlator's way (written as {@code *_incomplete.hdf5}, then
 * renamed), and {@code kill -9} of the processors, the producer, the sink and the broker at set moments, each
 * restarted at once. Then a second processors instance joins and the first is killed for good. Reported: logs moved
 * once, duplicated, left behind; rows for files; per crash, the seconds from the restart to the first action after
 * it (a move; a row for the sink); and the seconds until the survivor has moved a wave made after the kill.
 */
final class ChaosBench {

    /**
     * The seconds from a kill to the restarted JVM's {@code ready} line, and to the first action after it (a move;
     * a row for the sink): the difference is the time the other components took to find it again.
     */
    record Crash(String component, double secondsToReady, double secondsToFirstAction) {}

    record Run(
            int logs,
            int movedOnce,
            int duplicated,
            int leftBehind,
            int files,
            long rows,
            List<Crash> crashes,
            double takeoverSeconds) {}

    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(240);
    private static final int LOGS_PER_DIR = 100;
    private static final int WAVES = 20;
    private static final Duration WAVE_EVERY = Duration.ofSeconds(1);
    /** The pause before each kill: the burst flows meanwhile. */
    private static final Duration KILL_EVERY = Duration.ofSeconds(2);
    /** Every component that may be killed, in the order they are killed, each restarted at once. */
    static final List<String> KILLS = List.of("processors", "producer", "sink", "broker");

    private final Path work;
    private final int logs;
    private final int files;
    private final int port;
    private final List<String> kills;
    private final PrintWriter out;

    /** @param kills the components to kill, a subset of {@link #KILLS}, killed in that list's order */
    ChaosBench(Path work, int logs, int files, int port, List<String> kills, PrintWriter out) {
        if (!KILLS.containsAll(kills) || kills.isEmpty()) {
            throw new IllegalArgumentException("kill one or more of " + KILLS + ", not " + kills);
        }
        this.work = work;
        this.logs = logs;
        this.files = files;
        this.port = port;
        this.kills = KILLS.stream().filter(kills::contains).toList();
        this.out = out;
    }

    List<Run> run(int runs) throws Exception {
        var results = new ArrayList<Run>();
        for (int r = 1; r <= runs; r++) {
            out.printf("run %d of %d:%n", r, runs);
            out.flush();
            Run run = once(work.resolve("run-" + r), r);
            out.printf(
                    "  logs %d: moved once %d, duplicated %d, left behind %d; rows %d of %d files%n",
                    run.logs(), run.movedOnce(), run.duplicated(), run.leftBehind(), run.rows(), run.files());
            for (Crash crash : run.crashes()) {
                out.printf(
                        "  kill -9 %s, restarted: ready after %.1f s, first action after %.1f s%n",
                        crash.component(), crash.secondsToReady(), crash.secondsToFirstAction());
            }
            out.printf(
                    "  second instance, first killed for good: survivor moved a new wave after %.1f s%n",
                    run.takeoverSeconds());
            out.flush();
            results.add(run);
        }
        return results;
    }

    private Run once(Path dir, int run) throws Exception {
        delete(dir);
        Path home = dir.resolve("home");
        Path root = Files.createDirectories(home.resolve("data"));
        Path incoming = Files.createDirectories(home.resolve("incoming"));
        Path logDir = Files.createDirectories(home.resolve("state/logs"));
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Path out = dir.resolve("logs");
        Path db = home.resolve("state/products.sqlite3");
        String bootstrap = "127.0.0.1:" + port;
        List<String> common = List.of("--home", home.toString(), "--bootstrap-servers", bootstrap);

        var crashes = new ArrayList<Crash>();
        var created = new HashSet<String>();
        var components = new Components(dir, out, home, common);
        try (components) {
            components.start("broker");
            components.topics();
            for (String name : List.of("sink", "processors", "producer")) {
                components.start(name);
            }

            var uvh5 = new AtomicInteger();
            Instant base = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(run));
            var feeder = new Thread(() -> feed(staging, root, incoming, base, uvh5, created), "chaos-feeder");
            var feedFailure = new AtomicReference<Exception>();
            feeder.setUncaughtExceptionHandler((t, e) -> feedFailure.set(new IllegalStateException(e)));
            feeder.start();
            for (String name : kills) {
                Thread.sleep(KILL_EVERY.toMillis());
                LongSupplier progress = name.equals("sink") ? () -> RescanBench.rows(db) : () -> count(logDir);
                components.get(name).kill();
                long before = progress.getAsLong();
                long restarted = System.nanoTime();
                // Work that only the restarted component (and those behind it) can do, whatever the burst left.
                if (name.equals("sink")) {
                    arrive(incoming, base, uvh5.getAndIncrement());
                } else {
                    synchronized (created) {
                        created.addAll(wave(staging, root, "probe-" + name, 1));
                    }
                }
                ContimgProcess process = components.start(name);
                double ready = (process.readyNanos - restarted) / 1e9;
                crashes.add(new Crash(name, ready, secondsUntil(() -> progress.getAsLong() > before, restarted)));
            }
            feeder.join();
            if (feedFailure.get() != null) {
                throw feedFailure.get();
            }
            int logsSoFar = created.size();
            secondsUntil(() -> count(logDir) >= logsSoFar && RescanBench.rows(db) >= uvh5.get(), System.nanoTime());

            components.start("processors-b");
            Thread.sleep(5000); // both members running, the partitions shared
            components.get("processors").kill();
            long killed = System.nanoTime();
            int wave = 10 * LOGS_PER_DIR;
            created.addAll(wave(staging, root, "takeover", 10));
            double takeover = secondsUntil(() -> count(logDir) >= logsSoFar + wave, killed);

            Set<String> moved = names(logDir);
            int movedOnce = (int) created.stream().filter(moved::contains).count();
            int duplicated =
                    (int) moved.stream().filter(n -> !created.contains(n)).count();
            return new Run(
                    created.size(),
                    movedOnce,
                    duplicated,
                    left(root, logDir),
                    uvh5.get(),
                    RescanBench.rows(db),
                    crashes,
                    takeover);
        }
    }

    /** The burst: {@link #WAVES} waves a second apart, each of logs in new directories and a share of the files. */
    private void feed(Path staging, Path root, Path incoming, Instant base, AtomicInteger uvh5, Set<String> created) {
        try {
            int dirsPerWave = Math.max(1, logs / LOGS_PER_DIR / WAVES);
            int filesPerWave = Math.max(1, files / WAVES);
            int file = 0;
            for (int w = 0; w < WAVES; w++) {
                var names = wave(staging, root, "w" + w, dirsPerWave);
                synchronized (created) {
                    created.addAll(names);
                }
                for (int f = 0; f < filesPerWave && file < files; f++, file++) {
                    arrive(incoming, base, uvh5.getAndIncrement());
                }
                Thread.sleep(WAVE_EVERY.toMillis());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * UVH5 file number {@code n} arrives the correlator's way: written under a temporary name, renamed when
     * complete. Each has its own mid-time (5 minutes apart), so each has its own row.
     */
    static void arrive(Path incoming, Instant base, int n) throws IOException {
        var file = Dsa110File.at(base.plus(Duration.ofMinutes(5L * n)), 30 + n % 40);
        Path partial = incoming.resolve(file.fileName().replace(".hdf5", "_incomplete.hdf5"));
        file.writeTo(partial);
        Files.move(partial, incoming.resolve(file.fileName()));
    }

    /** Logs made off-tree in {@code dirs} directories, then each directory renamed into the root; their names. */
    static List<String> wave(Path staging, Path root, String label, int dirs) throws IOException {
        var names = new ArrayList<String>();
        for (int d = 0; d < dirs; d++) {
            Path dir = Files.createDirectories(staging.resolve(label + "-" + d));
            for (int f = 0; f < LOGS_PER_DIR; f++) {
                String name = String.format("casa-%s-%03d-%03d.log", label, d, f);
                Files.writeString(dir.resolve(name), name + "\n");
                names.add(name);
            }
            Files.move(dir, root.resolve(dir.getFileName()));
        }
        return names;
    }

    private static double secondsUntil(Check check, long fromNanos) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not done within " + SETTLE.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
        return (System.nanoTime() - fromNanos) / 1e9;
    }

    @FunctionalInterface
    private interface Check {
        boolean done() throws Exception;
    }

    static long count(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.count();
        } catch (IOException e) {
            return 0;
        }
    }

    static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return new HashSet<>(entries.map(p -> p.getFileName().toString()).toList());
        }
    }

    static int left(Path root, Path logDir) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return (int) walk.filter(p -> !p.startsWith(logDir))
                    .filter(p -> p.getFileName().toString().startsWith("casa-"))
                    .count();
        }
    }

    static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The broker and the services, each a {@code contimg} JVM, started and restarted by name. */
    private final class Components implements AutoCloseable {
        private final Path dir;
        private final Path out;
        private final Path home;
        private final List<String> common;
        private final Map<String, ContimgProcess> running = new LinkedHashMap<>();

        Components(Path dir, Path out, Path home, List<String> common) {
            this.dir = dir;
            this.out = out;
            this.home = home;
            this.common = common;
        }

        ContimgProcess get(String name) {
            return running.get(name);
        }

        ContimgProcess start(String name) throws Exception {
            List<String> args = new ArrayList<>();
            String ready = "ready";
            switch (name) {
                case "broker" -> {
                    args.addAll(List.of(
                            "broker",
                            "--home",
                            dir.resolve("broker").toString(),
                            "--kafka-port",
                            Integer.toString(port),
                            "--controller-port",
                            Integer.toString(port + 1)));
                    ready = "ready at";
                }
                case "producer" -> {
                    args.add("producer");
                    args.addAll(common);
                }
                case "sink" -> {
                    args.add("sink");
                    args.addAll(common);
                    args.addAll(List.of("--http-port", "0", "--instance-id", "chaos"));
                }
                case "processors", "processors-b" -> {
                    String instance = name.equals("processors") ? "a" : "b";
                    args.add("processors");
                    args.addAll(common);
                    args.addAll(List.of(
                            "--instance-id",
                            instance,
                            "--state-dir",
                            home.resolve("state-" + instance).toString(),
                            "--log-dir",
                            home.resolve("state/logs").toString(),
                            // Two instances on one host cannot share the default metrics port: none.
                            "--metrics-port",
                            "0"));
                }
                default -> throw new IllegalArgumentException(name);
            }
            var process = ContimgProcess.start(out, name, "512m", args.toArray(String[]::new))
                    .awaitLine(ready, READY);
            running.put(name, process);
            return process;
        }

        /** Creates the topics ({@code contimg topics}) and waits for it to end. */
        void topics() throws Exception {
            var args = new ArrayList<>(List.of("topics"));
            args.addAll(List.of("--bootstrap-servers", common.get(3)));
            ContimgProcess.start(out, "topics", "256m", args.toArray(String[]::new))
                    .awaitExit(READY);
        }

        @Override
        public void close() {
            var names = new ArrayList<>(running.keySet());
            Collections.reverse(names); // the services before the broker
            names.remove("broker");
            names.add("broker");
            for (String name : names) {
                running.get(name).close();
            }
        }
    }
}
