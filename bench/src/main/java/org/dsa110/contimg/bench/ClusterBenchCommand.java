package org.dsa110.contimg.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code contimg bench cluster}: the fault run on three nodes and two hosts ({@link ClusterBench}). */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = "Three broker nodes, two hosts (producer + processors each, in network and mount namespaces of"
                + " their own) and the sink, each a JVM; a burst of CASA logs and UVH5 files on both hosts while one"
                + " kind of fault is injected per run. Reports what was lost, overwritten, left, done twice or by"
                + " the wrong host, each fault's failover time and the throughput. Needs root.")
final class ClusterBenchCommand implements Callable<Integer> {

    @Option(names = "--work", paramLabel = "DIR", required = true, description = "Where each run's directories go.")
    Path work;

    @Option(
            names = "--logs",
            defaultValue = "20000",
            description = "CASA logs per run, shared by the hosts (default ${DEFAULT-VALUE}).")
    int logs;

    @Option(
            names = "--files",
            defaultValue = "200",
            description = "UVH5 files per run, shared by the hosts (default ${DEFAULT-VALUE}).")
    int files;

    @Option(
            names = "--feed-seconds",
            defaultValue = "180",
            description = "How long the burst arrives for (default ${DEFAULT-VALUE}).")
    long feedSeconds;

    @Option(
            names = "--at-once",
            description = "Make the whole workload beside the trees first and rename it in at once (with --faults"
                    + " none: the capacity, the rate at which the hosts drain it).")
    boolean atOnce;

    @Option(
            names = "--faults",
            split = ",",
            paramLabel = "KIND",
            description = "The kinds of fault, one per run: leader-kill, broker-pause, host-cut, processors-kill,"
                    + " disk-full (default: these five), or none (the baseline; with a short --feed-seconds, the"
                    + " capacity).")
    List<String> faults;

    @Option(names = "--runs", defaultValue = "3", description = "Seeded runs of each kind (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "1", description = "The first run's seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--kafka-port",
            defaultValue = "19792",
            description = "Node 1's client port; node N uses this + 10 (N - 1), its controller the next port"
                    + " (default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        var bench = new ClusterBench(work, logs, files, Duration.ofSeconds(feedSeconds), atOnce, kafkaPort, out);
        var kinds = faults == null || faults.isEmpty()
                ? Arrays.stream(ClusterBench.Fault.values())
                        .filter(f -> f != ClusterBench.Fault.NONE)
                        .toList()
                : faults.stream().map(ClusterBench.Fault::of).toList();
        var all = new ArrayList<ClusterBench.Run>();
        for (ClusterBench.Fault fault : kinds) {
            for (int r = 0; r < runs; r++) {
                all.add(bench.once(fault, seed + r));
            }
        }
        out.printf(
                "%nfault run, %d logs and %d files a run over %d s (%s):%n", logs, files, feedSeconds, Stats.machine());
        for (ClusterBench.Fault fault : kinds) {
            var these = all.stream().filter(r -> r.fault() == fault).toList();
            var first = these.stream()
                    .flatMap(r -> r.injections().stream())
                    .map(ClusterBench.Injection::secondsToFirstMove)
                    .toList();
            var stall = these.stream()
                    .flatMap(r -> r.injections().stream())
                    .map(ClusterBench.Injection::longestStallSeconds)
                    .toList();
            out.printf(
                    "  %-16s %d of %d passed; first move after the fault median %.1f s (max %.1f), longest stall"
                            + " median %.1f s; moves/s steady %.0f, during %.0f; drained in %.1f s%s (medians)%n",
                    fault.label(),
                    these.stream().filter(ClusterBench.Run::passed).count(),
                    these.size(),
                    Stats.median(first),
                    first.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                    Stats.median(stall),
                    Stats.median(these.stream()
                            .map(ClusterBench.Run::steadyMovesPerSecond)
                            .toList()),
                    Stats.median(these.stream()
                            .map(ClusterBench.Run::duringMovesPerSecond)
                            .toList()),
                    Stats.median(
                            these.stream().map(ClusterBench.Run::drainSeconds).toList()),
                    drainRate(these));
        }
        out.flush();
        return all.stream().allMatch(ClusterBench.Run::passed) ? 0 : 1;
    }

    /** The drain's median rate, or nothing where the runs left nothing to drain (0 moves over 0 s). */
    private static String drainRate(List<ClusterBench.Run> runs) {
        var rates = runs.stream()
                .map(ClusterBench.Run::drainMovesPerSecond)
                .filter(Double::isFinite)
                .toList();
        return rates.isEmpty() ? "" : String.format(" at %.0f moves/s", Stats.median(rates));
    }
}
