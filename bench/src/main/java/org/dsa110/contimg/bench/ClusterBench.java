package org.dsa110.contimg.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.reading.TopicRange;
import org.dsa110.contimg.contract.topics.Topic;
import org.dsa110.contimg.contract.topics.Topics;

/**
 * The fault run of issue 28 (docs/performance.md, "Many hosts on one cluster"): three {@code contimg broker} nodes
 * of one KRaft cluster, two imaging hosts and the sink, every one a JVM of its own. Each host runs its producer and
 * processors in a network namespace of its own (a veth to this one, where the brokers listen on an address of the
 * loopback device) and a mount namespace of its own in which only its own tree is visible: the other host's tree,
 * and every tree's real location, are hidden under an empty tmpfs. A burst of CASA logs in new directories and
 * UVH5 files arrives on both hosts over a few minutes while one kind of fault is injected; after it heals the run
 * checks that nothing was lost, overwritten, left or done twice, and records how long the pipeline took to act
 * again and how fast it went meanwhile. Needs root ({@code ip netns}, {@code unshare}, {@code mount}).
 */
final class ClusterBench {

    /** One kind of fault per run. */
    enum Fault {
        /**
         * No fault: the baseline, and with a short burst ({@code --feed-seconds 5}) the capacity, the rate at which
         * the hosts drain a backlog of the whole workload.
         */
        NONE,
        /** kill -9 of the leader of {@code contimg.fs-events} partition 0, restarted after 5 s; five times. */
        LEADER_KILL,
        /** SIGSTOP of the partition leader for 30 s, past its session, then SIGCONT. */
        BROKER_PAUSE,
        /** Host a's veth down for 60 s: its producer and processors cut off from the cluster. */
        HOST_CUT,
        /** kill -9 of host a's processors, restarted after 5 s (systemd's RestartSec). */
        PROCESSORS_KILL,
        /** Node 3's log directory (a 1 GiB tmpfs) filled until Kafka stops it; freed, node restarted. */
        DISK_FULL;

        /**
         * How long the burst must last for this fault to happen under load: five leader kills, each waiting for
         * the killed node to be back before the next, take about four minutes on 2 cores.
         */
        Duration feed(Duration asked) {
            Duration needed = this == LEADER_KILL ? Duration.ofSeconds(360) : Duration.ZERO;
            return needed.compareTo(asked) > 0 ? needed : asked;
        }

        String label() {
            return name().toLowerCase().replace('_', '-');
        }

        static Fault of(String label) {
            for (Fault fault : values()) {
                if (fault.label().equals(label)) {
                    return fault;
                }
            }
            throw new IllegalArgumentException("no fault kind " + label + "; the kinds: none, leader-kill,"
                    + " broker-pause, host-cut, processors-kill, disk-full");
        }
    }

    /**
     * One fault: when it began and healed (seconds since the run began), the seconds from its start to host a's
     * first log moved after it (host a's work is what every fault touches), and host a's longest time without a
     * move from the fault to 30 s after the heal (the feed's own pause between waves is part of it).
     */
    record Injection(double atSeconds, double healedAtSeconds, double secondsToFirstMove, double longestStallSeconds) {}

    record Run(
            Fault fault,
            long seed,
            int logs,
            int files,
            int lost,
            int overwritten,
            int leftBehind,
            int foreign,
            long rows,
            int wrongHostRows,
            int duplicates,
            int deadProcessors,
            List<Injection> injections,
            double steadyMovesPerSecond,
            double duringMovesPerSecond,
            double drainSeconds,
            double drainMovesPerSecond) {

        boolean passed() {
            return lost == 0
                    && overwritten == 0
                    && leftBehind == 0
                    && foreign == 0
                    && rows == files
                    && wrongHostRows == 0
                    && duplicates == 0
                    && deadProcessors == 0
                    && drainSeconds <= DRAIN.toSeconds();
        }
    }

    static final Duration DRAIN = Duration.ofSeconds(120);
    private static final Duration READY = Duration.ofSeconds(180);
    private static final Duration SETTLE = Duration.ofSeconds(600);
    private static final String BROKER_ADDRESS = "10.77.0.1";
    private static final List<String> HOSTS = List.of("host-a", "host-b");
    private static final int NODES = 3;
    private static final int LOGS_PER_DIR = 100;

    private final Path work;
    private final int logs;
    private final int files;
    private final Duration feed;
    private final boolean atOnce;
    private final int basePort;
    private final PrintWriter out;

    ClusterBench(Path work, int logs, int files, Duration feed, boolean atOnce, int basePort, PrintWriter out) {
        this.atOnce = atOnce;
        this.work = work;
        this.logs = logs;
        this.files = files;
        this.feed = feed;
        this.basePort = basePort;
        this.out = out;
    }

    Run once(Fault fault, long seed) throws Exception {
        Path dir = work.resolve(fault.label() + "-" + seed);
        out.printf("%s, seed %d (%s):%n", fault.label(), seed, dir);
        out.flush();
        ChaosBench.delete(dir);
        var random = new Random(seed);
        String bootstrap = IntStream.range(0, NODES)
                .mapToObj(n -> BROKER_ADDRESS + ":" + (basePort + 10 * n))
                .collect(Collectors.joining(","));
        var kafka =
                KafkaSettings.resolve(new KafkaSettings.Flags(bootstrap, null, null, (short) NODES, null), Map.of());
        Map<String, Host> hosts = new HashMap<>();
        for (int h = 0; h < HOSTS.size(); h++) {
            hosts.put(HOSTS.get(h), new Host(HOSTS.get(h), h, dir));
        }
        Host a = hosts.get("host-a");
        if (atOnce) {
            prepare(hosts.values());
        }
        var cluster = new Cluster(dir, bootstrap, fault == Fault.DISK_FULL);
        var network = new Network(hosts.values());
        long t0 = cluster.t0;
        try (network; // closed last: the services and the nodes first
                cluster) {
            network.up();
            cluster.start();
            cluster.topics();
            cluster.sink();
            for (Host host : hosts.values()) {
                host.processors = cluster.hostProcess(host, "processors");
                host.producer = cluster.hostProcess(host, "producer");
            }

            // The burst, and a sampler of what each host has moved, a quarter of a second apart.
            var samples = new CopyOnWriteArrayList<long[]>();
            var sampling = new AtomicBoolean(true);
            var sampler = new Thread(() -> {
                while (sampling.get()) {
                    samples.add(new long[] {
                        System.nanoTime(), a.moved(), hosts.get("host-b").moved()
                    });
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            var feedFailure = new AtomicReference<Exception>();
            Duration feedFor = fault.feed(feed);
            var feeder = new Thread(() -> feed(hosts.values(), feedFor, feedFailure), "cluster-feeder");
            feeder.start();

            // The fault, at a seeded moment once the burst has flowed for a minute (the steady state before it).
            if (fault != Fault.NONE) {
                Thread.sleep(Duration.ofSeconds(60 + random.nextInt(15)).toMillis());
            }
            var injections = new ArrayList<double[]>();
            inject(fault, cluster, network, a, injections, kafka);
            long healed = System.nanoTime();
            feeder.join();
            if (feedFailure.get() != null) {
                throw feedFailure.get();
            }
            long fedAll = System.nanoTime();

            long drainFrom = Math.max(healed, fedAll);
            long rows = waitDone(hosts.values(), cluster.db(), SETTLE);
            long drained = System.nanoTime();
            sampling.set(false);
            sampler.join();

            var checked = verify(hosts.values(), cluster, kafka);
            List<Injection> timings = new ArrayList<>();
            for (double[] i : injections) {
                long at = t0 + (long) (i[0] * 1e9);
                long healedAt = t0 + (long) (i[1] * 1e9);
                timings.add(new Injection(
                        i[0], i[1], (firstMoveAfter(samples, at) - at) / 1e9, longestStall(samples, at, healedAt)));
            }
            double firstFault = injections.get(0)[0];
            double lastHeal = injections.get(injections.size() - 1)[1];
            var run = new Run(
                    fault,
                    seed,
                    hosts.values().stream().mapToInt(h -> h.written.size()).sum(),
                    hosts.values().stream().mapToInt(h -> h.uvh5.size()).sum(),
                    checked.lost,
                    checked.overwritten,
                    checked.left,
                    checked.foreign,
                    rows,
                    checked.wrongHostRows,
                    checked.duplicates,
                    checked.deadProcessors,
                    timings,
                    rate(samples, t0, firstFault - 30, firstFault),
                    rate(samples, t0, firstFault, lastHeal + 10),
                    (drained - drainFrom) / 1e9,
                    rate(samples, t0, (drainFrom - t0) / 1e9, (drained - t0) / 1e9));
            report(run);
            return run;
        }
    }

    private void report(Run run) {
        out.printf(
                "  logs %d: lost %d, overwritten %d, left %d, moved by another host %d; rows %d of %d files, "
                        + "%d naming the wrong host; duplicates on the output topics %d; processors dead %d%n",
                run.logs(),
                run.lost(),
                run.overwritten(),
                run.leftBehind(),
                run.foreign(),
                run.rows(),
                run.files(),
                run.wrongHostRows(),
                run.duplicates(),
                run.deadProcessors());
        for (Injection i : run.injections()) {
            out.printf(
                    "  fault at %.1f s, healed at %.1f s: host a's first log moved %.1f s after the fault, longest"
                            + " stall %.1f s%n",
                    i.atSeconds(), i.healedAtSeconds(), i.secondsToFirstMove(), i.longestStallSeconds());
        }
        double drainRate = run.drainMovesPerSecond();
        out.printf(
                "  moves/s: steady %.0f, during the fault %.0f; drained %.1f s after the heal and the last arrival"
                        + "%s; %s%n",
                run.steadyMovesPerSecond(),
                run.duringMovesPerSecond(),
                run.drainSeconds(),
                // Nothing left to drain: no rate to give (0 moves over 0 s).
                Double.isFinite(drainRate) ? String.format(" (%.0f moves/s meanwhile)", drainRate) : "",
                run.passed() ? "PASSED" : "FAILED");
        out.flush();
    }

    /** Injects {@code fault}; each injection's start and heal, seconds since the run began, into {@code times}. */
    private void inject(
            Fault fault, Cluster cluster, Network network, Host a, List<double[]> times, KafkaSettings kafka)
            throws Exception {
        switch (fault) {
            case NONE -> times.add(new double[] {cluster.seconds(), cluster.seconds()});
            case LEADER_KILL -> {
                for (int k = 0; k < 5; k++) {
                    int leader = cluster.leader(kafka);
                    double at = cluster.seconds();
                    cluster.node(leader).kill();
                    Thread.sleep(5000);
                    cluster.startNode(leader);
                    times.add(new double[] {at, cluster.seconds()});
                    Thread.sleep(7000);
                }
            }
            case BROKER_PAUSE -> {
                int leader = cluster.leader(kafka);
                double at = cluster.seconds();
                cluster.node(leader).signal("STOP");
                Thread.sleep(30_000);
                cluster.node(leader).signal("CONT");
                times.add(new double[] {at, cluster.seconds()});
            }
            case HOST_CUT -> {
                double at = cluster.seconds();
                network.cut(a, true);
                Thread.sleep(60_000);
                network.cut(a, false);
                times.add(new double[] {at, cluster.seconds()});
            }
            case PROCESSORS_KILL -> {
                double at = cluster.seconds();
                a.processors.kill();
                Thread.sleep(5000);
                a.processors = cluster.hostProcess(a, "processors");
                times.add(new double[] {at, cluster.seconds()});
            }
            case DISK_FULL -> {
                double at = cluster.seconds();
                Path filler = cluster.fill();
                var node = cluster.node(NODES);
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (node.alive() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                double stopped = cluster.seconds();
                out.printf(
                        "  node %d %s %.1f s after its disk filled%n",
                        NODES, node.alive() ? "still up" : "stopped", stopped - at);
                node.close();
                Files.delete(filler);
                cluster.startNode(NODES);
                times.add(new double[] {at, cluster.seconds()});
            }
            default -> throw new IllegalArgumentException(fault.name());
        }
    }

    /** Waves of logs and files on every host, spread over the feed time; each host's files have times of its own. */
    private void feed(Collection<Host> hosts, Duration feed, AtomicReference<Exception> failure) {
        try {
            if (atOnce) {
                release(hosts);
                return;
            }
            int dirs = Math.max(1, logs / LOGS_PER_DIR / hosts.size());
            int filesPerHost = files / hosts.size();
            int waves = Math.max(dirs, filesPerHost);
            long pause = feed.toMillis() / waves;
            for (int w = 0; w < waves; w++) {
                long started = System.currentTimeMillis();
                for (Host host : hosts) {
                    if (w < dirs) {
                        for (String name : ChaosBench.wave(host.staging, host.realRoot(), "w" + w, 1)) {
                            host.written.add(name);
                        }
                    }
                    if (w < filesPerHost) {
                        ChaosBench.arrive(host.realIncoming(), host.base, w);
                        host.uvh5.add(w);
                    }
                }
                Thread.sleep(Math.max(0, pause - (System.currentTimeMillis() - started)));
            }
        } catch (IOException e) {
            failure.set(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The whole workload made beside each host's tree before anything runs ({@code --at-once}), so the capacity
     * run measures the pipeline rather than the file writer.
     */
    private void prepare(Collection<Host> hosts) throws IOException {
        int dirs = Math.max(1, logs / LOGS_PER_DIR / hosts.size());
        for (Host host : hosts) {
            for (int w = 0; w < dirs; w++) {
                host.written.addAll(ChaosBench.wave(host.staging, host.heldLogs(), "w" + w, 1));
            }
            for (int f = 0; f < files / hosts.size(); f++) {
                ChaosBench.arrive(host.heldFiles(), host.base, f);
                host.uvh5.add(f);
            }
        }
    }

    /** Renames every prepared directory and file into its host's tree, as fast as renames go. */
    private static void release(Collection<Host> hosts) throws IOException {
        for (Host host : hosts) {
            for (Path held : ChaosBench.names(host.heldLogs()).stream()
                    .sorted()
                    .map(host.heldLogs()::resolve)
                    .toList()) {
                Files.move(held, host.realRoot().resolve(held.getFileName()));
            }
            for (Path held : ChaosBench.names(host.heldFiles()).stream()
                    .sorted()
                    .map(host.heldFiles()::resolve)
                    .toList()) {
                Files.move(held, host.realIncoming().resolve(held.getFileName()));
            }
        }
    }

    /** Waits until every host has moved all it was given, nothing is left and every file is a row; the rows. */
    private long waitDone(Collection<Host> hosts, Path db, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int files = hosts.stream().mapToInt(h -> h.uvh5.size()).sum();
        while (System.nanoTime() < deadline) {
            boolean moved = true;
            for (Host host : hosts) {
                moved &=
                        host.moved() >= host.written.size() && ChaosBench.left(host.realRoot(), host.realLogDir()) == 0;
            }
            if (moved && RescanBench.rows(db) >= files) {
                break;
            }
            Thread.sleep(250);
        }
        return RescanBench.rows(db);
    }

    private record Checked(
            int lost, int overwritten, int left, int foreign, int wrongHostRows, int duplicates, int deadProcessors) {}

    private Checked verify(Collection<Host> hosts, Cluster cluster, KafkaSettings kafka) throws Exception {
        int lost = 0;
        int overwritten = 0;
        int left = 0;
        int dead = 0;
        Map<String, String> expectedRows = new HashMap<>();
        for (Host host : hosts) {
            var inLogDir = ChaosBench.names(host.realLogDir());
            for (String name : host.written) {
                Path moved = host.realLogDir().resolve(name);
                if (!inLogDir.contains(name)) {
                    lost++;
                } else if (!Files.readString(moved).equals(name + "\n")) {
                    overwritten++;
                }
            }
            overwritten += (int)
                    inLogDir.stream().filter(n -> !host.written.contains(n)).count();
            left += ChaosBench.left(host.realRoot(), host.realLogDir());
            for (ContimgProcess p : List.of(host.processors, host.producer)) {
                if (!p.alive() || Files.readString(p.log()).contains("cannot go on")) {
                    dead++;
                }
            }
            try (var names = Files.list(host.realIncoming())) {
                names.filter(p -> p.toString().endsWith("_sb00.hdf5"))
                        .forEach(p -> expectedRows.put(
                                host.home
                                        .resolve("incoming")
                                        .resolve(p.getFileName())
                                        .toString(),
                                host.name));
            }
        }
        int wrongHost = 0;
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + cluster.db());
                var rows = sql.createStatement().executeQuery("SELECT source_file, host FROM pointing_history")) {
            while (rows.next()) {
                if (!rows.getString(2).equals(expectedRows.get(rows.getString(1)))) {
                    wrongHost++;
                }
            }
        }
        var outcomes = read(kafka, Topics.OUTCOMES);
        int foreign = (int) outcomes.stream()
                .filter(o ->
                        hosts.stream().anyMatch(h -> o.path().startsWith(h.home + "/") && !h.name.equals(o.host())))
                .count();
        int duplicates = twice(read(kafka, Topics.LOG_MOVES), Function.identity())
                + twice(read(kafka, Topics.TEMP_PURGES), Function.identity())
                + twice(read(kafka, Topics.POINTING_REQUESTS), Function.identity())
                + twice(read(kafka, Topics.POINTING), p -> p.sourceFile())
                + twice(read(kafka, Topics.CALIBRATOR_TRANSITS), Function.identity())
                + twice(
                        outcomes.stream()
                                .filter(o -> o.result() == Outcome.Result.MOVED)
                                .toList(),
                        Outcome::path);
        return new Checked(lost, overwritten, left, foreign, wrongHost, duplicates, dead);
    }

    /** Every committed value on {@code topic} (tombstones left out), read from the start to the end now. */
    private static <V> List<V> read(KafkaSettings kafka, Topic<String, V> topic) throws Exception {
        var values = new ArrayList<V>();
        try (var range = new TopicRange<>(kafka, topic, "bench-cluster-check").from(null)) {
            range.toEndNow((raw, key, value) -> {
                if (value != null) {
                    values.add(value);
                }
            });
        }
        return values;
    }

    private static <V, K> int twice(Collection<V> values, Function<V, K> key) {
        return (int) values.stream().collect(Collectors.groupingBy(key, Collectors.counting())).values().stream()
                .filter(n -> n > 1)
                .count();
    }

    /** When (nanos) host a's moved count first rose after {@code at}; NaN-free: the last sample if it never did. */
    private static long firstMoveAfter(List<long[]> samples, long at) {
        long[] before = null;
        for (long[] s : samples) {
            if (s[0] <= at) {
                before = s;
            } else if (before != null && s[1] > before[1]) {
                return s[0];
            }
        }
        return samples.get(samples.size() - 1)[0];
    }

    /** Host a's longest time without a move between {@code from} and 30 s after {@code healed}, seconds. */
    private static double longestStall(List<long[]> samples, long from, long healed) {
        long to = healed + Duration.ofSeconds(30).toNanos();
        long lastMove = from;
        long moved = -1;
        long longest = 0;
        for (long[] s : samples) {
            if (s[0] < from) {
                moved = s[1];
                continue;
            }
            if (s[0] > to) {
                break;
            }
            if (s[1] > moved) {
                longest = Math.max(longest, s[0] - lastMove);
                lastMove = s[0];
                moved = s[1];
            }
        }
        return longest / 1e9;
    }

    /** Logs moved per second, both hosts together, between two moments (seconds since {@code t0}). */
    private static double rate(List<long[]> samples, long t0, double from, double to) {
        long[] first = null;
        long[] last = null;
        for (long[] s : samples) {
            double t = (s[0] - t0) / 1e9;
            if (t >= from && first == null) {
                first = s;
            }
            if (t <= to) {
                last = s;
            }
        }
        if (first == null || last == null || last[0] <= first[0]) {
            return Double.NaN;
        }
        return (last[1] + last[2] - first[1] - first[2]) / ((last[0] - first[0]) / 1e9);
    }

    /** One imaging host: its tree where this JVM writes it, and where its own processes see it. */
    private static final class Host {
        final String name;
        final int index;
        /** Where the host's processes see their tree: the only tree visible in their mount namespace. */
        final Path home;
        /** The same tree from this JVM, hidden from every host's processes. */
        final Path real;

        final Path staging;
        final Instant base;
        final List<String> written = new CopyOnWriteArrayList<>();
        final List<Integer> uvh5 = new CopyOnWriteArrayList<>();
        ContimgProcess producer;
        ContimgProcess processors;

        Host(String name, int index, Path dir) throws IOException {
            this.name = name;
            this.index = index;
            this.home = Files.createDirectories(dir.resolve("hosts").resolve(name));
            this.real = dir.resolve("real").resolve(name);
            this.staging = Files.createDirectories(dir.resolve("staging").resolve(name));
            // Each host's files a year apart: one mid-time is one row, whichever host wrote it.
            this.base = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(400L * index));
            for (Path p : List.of(
                    realRoot(), realIncoming(), real.resolve("scratch"), realLogDir(), heldLogs(), heldFiles())) {
                Files.createDirectories(p);
            }
        }

        Path realRoot() {
            return real.resolve("data");
        }

        Path realIncoming() {
            return real.resolve("incoming");
        }

        Path heldLogs() {
            return staging.resolveSibling(name + "-held-logs");
        }

        Path heldFiles() {
            return staging.resolveSibling(name + "-held-files");
        }

        Path realLogDir() {
            return real.resolve("state/logs");
        }

        long moved() {
            return ChaosBench.count(realLogDir());
        }

        String namespace() {
            return "cb-" + index;
        }
    }

    /** A network namespace and a veth per host; the brokers' address on this namespace's loopback device. */
    private static final class Network implements AutoCloseable {
        private final Collection<Host> hosts;

        Network(Collection<Host> hosts) {
            this.hosts = hosts;
        }

        void up() throws Exception {
            close(); // what an interrupted run left
            ip("addr", "add", BROKER_ADDRESS + "/32", "dev", "lo");
            for (Host h : hosts) {
                String ns = h.namespace();
                ip("netns", "add", ns);
                ip("link", "add", ns + "-h", "type", "veth", "peer", "name", ns + "-n");
                ip("link", "set", ns + "-n", "netns", ns);
                ip("addr", "add", "10.77." + (h.index + 1) + ".1/24", "dev", ns + "-h");
                ip("link", "set", ns + "-h", "up");
                ip("netns", "exec", ns, "ip", "addr", "add", "10.77." + (h.index + 1) + ".2/24", "dev", ns + "-n");
                ip("netns", "exec", ns, "ip", "link", "set", ns + "-n", "up");
                ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
                ip("netns", "exec", ns, "ip", "route", "add", "default", "via", "10.77." + (h.index + 1) + ".1");
            }
        }

        /** Cuts {@code host} off from the cluster (its veth down), or restores it. */
        void cut(Host host, boolean cut) throws Exception {
            ip("link", "set", host.namespace() + "-h", cut ? "down" : "up");
        }

        private static void ip(String... args) throws Exception {
            var command = new ArrayList<>(List.of("ip"));
            command.addAll(List.of(args));
            ContimgProcess.run(command.toArray(String[]::new));
        }

        @Override
        public void close() {
            for (Host h : hosts) {
                quietly("netns", "del", h.namespace());
                quietly("link", "del", h.namespace() + "-h");
            }
            quietly("addr", "del", BROKER_ADDRESS + "/32", "dev", "lo");
        }

        private static void quietly(String... args) {
            try {
                ip(args);
            } catch (Exception e) {
                // not there: nothing to undo
            }
        }
    }

    /** The three nodes, the sink and every host's processes; closed services first, the nodes together. */
    private final class Cluster implements AutoCloseable {
        private final Path dir;
        private final String bootstrap;
        private final boolean smallDisk;
        private final String clusterId = Uuid.randomUuid().toString();
        private final Map<Integer, ContimgProcess> nodes = new HashMap<>();
        private final List<ContimgProcess> services = new ArrayList<>();
        private final Map<String, String> environment = Map.of(KafkaSettings.ENV_REPLICATION, Integer.toString(NODES));
        final long t0 = System.nanoTime();
        private ContimgProcess sink;

        Cluster(Path dir, String bootstrap, boolean smallDisk) {
            this.dir = dir;
            this.bootstrap = bootstrap;
            this.smallDisk = smallDisk;
        }

        double seconds() {
            return (System.nanoTime() - t0) / 1e9;
        }

        Path logs() {
            return dir.resolve("logs");
        }

        Path db() {
            return dir.resolve("sink/state/products.sqlite3");
        }

        Path nodeHome(int id) {
            return dir.resolve("kafka").resolve("node-" + id);
        }

        ContimgProcess node(int id) {
            return nodes.get(id);
        }

        void start() throws Exception {
            for (int id = 1; id <= NODES; id++) {
                Files.createDirectories(nodeHome(id));
            }
            if (smallDisk) {
                ContimgProcess.run(
                        "mount",
                        "-t",
                        "tmpfs",
                        "-o",
                        "size=1g",
                        "contimg-bench-disk",
                        nodeHome(NODES).toString());
            }
            // Each node's start waits for a quorum: the three start together.
            CompletableFuture.allOf(IntStream.rangeClosed(1, NODES)
                            .mapToObj(id -> CompletableFuture.runAsync(() -> {
                                try {
                                    startNode(id);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            }))
                            .toArray(CompletableFuture[]::new))
                    .join();
        }

        void startNode(int id) throws Exception {
            String voters = IntStream.rangeClosed(1, NODES)
                    .mapToObj(n -> n + "@" + BROKER_ADDRESS + ":" + (basePort + 10 * (n - 1) + 1))
                    .collect(Collectors.joining(","));
            int port = basePort + 10 * (id - 1);
            var node = ContimgProcess.start(
                    logs(),
                    "broker-" + id,
                    "768m",
                    List.of(),
                    environment,
                    "broker",
                    "--home",
                    nodeHome(id).toString(),
                    "--node-id",
                    Integer.toString(id),
                    "--voters",
                    voters,
                    "--cluster-id",
                    clusterId,
                    "--kafka-host",
                    BROKER_ADDRESS,
                    "--kafka-port",
                    Integer.toString(port),
                    "--controller-port",
                    Integer.toString(port + 1));
            synchronized (nodes) {
                nodes.put(id, node);
            }
            node.awaitLine("ready", READY);
        }

        void topics() throws Exception {
            ContimgProcess.start(
                            logs(),
                            "topics",
                            "256m",
                            List.of(),
                            environment,
                            "topics",
                            "--bootstrap-servers",
                            bootstrap,
                            "--replication-factor",
                            Integer.toString(NODES))
                    .awaitExit(READY);
        }

        void sink() throws Exception {
            sink = ContimgProcess.start(
                    logs(),
                    "sink",
                    "512m",
                    List.of(),
                    environment,
                    "sink",
                    "--home",
                    dir.resolve("sink").toString(),
                    "--bootstrap-servers",
                    bootstrap,
                    "--no-local-tree",
                    "--http-port",
                    "0",
                    "--instance-id",
                    "bench");
            services.add(sink);
            sink.awaitLine("ready", READY);
        }

        /**
         * {@code contimg <command>} of {@code host}: in its network namespace, and in a mount namespace of its own
         * where its tree is bind-mounted at {@code host.home} and every real tree is hidden under an empty tmpfs.
         */
        ContimgProcess hostProcess(Host host, String command) throws Exception {
            List<String> wrapper = List.of(
                    "ip",
                    "netns",
                    "exec",
                    host.namespace(),
                    "unshare",
                    "--mount",
                    "--propagation",
                    "private",
                    "sh",
                    "-c",
                    "mount --bind \"$1\" \"$2\" && mount -t tmpfs contimg-hidden \"$3\" && shift 3 && exec \"$@\"",
                    "sh",
                    host.real.toString(),
                    host.home.toString(),
                    host.real.getParent().toString());
            var p = ContimgProcess.start(
                    logs(),
                    command + "-" + host.name,
                    "512m",
                    wrapper,
                    environment,
                    command,
                    "--home",
                    host.home.toString(),
                    "--bootstrap-servers",
                    bootstrap,
                    "--host-id",
                    host.name);
            services.add(p);
            p.awaitLine("ready", READY);
            return p;
        }

        /** The broker leading {@code contimg.fs-events} partition 0 now (waiting while it has none). */
        int leader(KafkaSettings kafka) throws Exception {
            try (Admin admin = Admin.create(kafka.admin("bench-cluster"))) {
                long deadline = System.nanoTime() + READY.toNanos();
                while (true) {
                    var leader = admin.describeTopics(List.of(Topics.FS_EVENTS.name()))
                            .allTopicNames()
                            .get()
                            .get(Topics.FS_EVENTS.name())
                            .partitions()
                            .get(0)
                            .leader();
                    if (leader != null && leader.id() >= 0 && nodes.containsKey(leader.id())) {
                        return leader.id();
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(Topics.FS_EVENTS.name() + " partition 0 has no leader");
                    }
                    Thread.sleep(500);
                }
            }
        }

        /** Fills node 3's filesystem to the last byte; the file that did it. */
        Path fill() throws IOException {
            Path filler = nodeHome(NODES).resolve("filler");
            byte[] chunk = new byte[1 << 20];
            try (OutputStream o = Files.newOutputStream(filler)) {
                while (true) {
                    o.write(chunk);
                }
            } catch (IOException full) {
                return filler; // No space left on device: the point
            }
        }

        @Override
        public void close() {
            for (ContimgProcess service : services) {
                service.close();
            }
            CompletableFuture.allOf(nodes.values().stream()
                            .map(node -> CompletableFuture.runAsync(node::close))
                            .toArray(CompletableFuture[]::new))
                    .join();
            if (smallDisk) {
                try {
                    ContimgProcess.run("umount", nodeHome(NODES).toString());
                } catch (Exception e) {
                    out.println("  could not unmount " + nodeHome(NODES) + ": " + e.getMessage());
                }
            }
        }
    }
}
