package org.dsa110.contimg.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.KafkaOptions;
import org.dsa110.contimg.app.cli.ManifestVersion;
import org.dsa110.contimg.app.cli.OneLineErrors;
import org.dsa110.contimg.contract.topics.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code contimg bench} ({@code java -jar bench/target/contimg-bench.jar}, which the {@code ./contimg} launcher
 * runs for {@code bench}): the benchmark scenarios whose figures docs/performance.md reports. A jar of its own, so the
 * product jar ships no benchmark code.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        description = "Benchmark scenarios on a real filesystem and a real broker (see bench/ for the scripts that "
                + "run them the way docs/performance.md's figures were made).",
        subcommands = {
            BenchCommand.Producer.class,
            BenchCommand.Processors.class,
            BenchCommand.Extract.class,
            BenchCommand.Sink.class,
            BenchCommand.Rescan.class,
            BenchCommand.Chaos.class,
            BenchCommand.Analysis.class,
            BenchCommand.Screenshot.class
        })
public final class BenchCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand())
                .setExecutionExceptionHandler(new OneLineErrors())
                .setUsageHelpAutoWidth(true)
                .execute(args));
    }

    /** {@code contimg bench producer}. */
    @Command(
            name = "producer",
            mixinStandardHelpOptions = true,
            description = "Producer start-up scan of a large tree, events per second, creation-to-acknowledgement "
                    + "latency. Needs a running broker (--bootstrap-servers) with the topics created.")
    static final class Producer implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @Option(
                names = "--work",
                paramLabel = "DIR",
                required = true,
                description = "Where the test tree is built (reused when it exists).")
        Path work;

        @Option(names = "--dirs", defaultValue = "10000", description = "Directories (default ${DEFAULT-VALUE}).")
        int dirs;

        @Option(
                names = "--entries",
                defaultValue = "1000000",
                description = "Entries in all, directories included (default ${DEFAULT-VALUE}).")
        int entries;

        @Option(names = "--runs", defaultValue = "3", description = "Runs of each scenario (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(
                names = "--latency-files",
                defaultValue = "1000",
                description = "Files created one at a time for the latency figure (default ${DEFAULT-VALUE}).")
        int latencyFiles;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Files.createDirectories(work);
            var figures = new ProducerBench(kafka.resolve(), work, dirs, entries, out).run(runs, latencyFiles);
            out.printf("%nproducer benchmark (%s):%n", Stats.machine());
            out.printf(
                    "  start-up scan of %d entries: median %.2f s over %d runs %s%n",
                    figures.scanEntries(),
                    Stats.median(figures.scanSeconds()),
                    figures.scanSeconds().size(),
                    figures.scanSeconds());
            out.printf(
                    "  publish-all: %d events, median %.0f events/s over %d runs%n",
                    figures.events(),
                    Stats.median(figures.eventsPerSecond()),
                    figures.eventsPerSecond().size());
            out.printf(
                    "  creation to acknowledgement, %d files: p50 %.1f ms, p99 %.1f ms%n",
                    figures.latencySamples(), figures.latencyP50Ms(), figures.latencyP99Ms());
            out.printf("  peak heap: %.0f MiB%n", figures.peakHeapMiB());
            out.flush();
            return 0;
        }
    }

    /** {@code contimg bench processors}. */
    @Command(
            name = "processors",
            mixinStandardHelpOptions = true,
            description = "Log moves per second for a burst of CASA logs in new directories, beside the old "
                    + "inotifywait + mv loop, and the creation-to-moved latency of single logs. Needs a running "
                    + "`contimg up` (--bootstrap-servers, --root: its data root).")
    static final class Processors implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @Option(
                names = "--root",
                paramLabel = "DIR",
                required = true,
                description = "The data root of the running pipeline.")
        Path root;

        @Option(
                names = "--baseline-work",
                paramLabel = "DIR",
                description = "Where the old daemon's tree goes (needs inotifywait); without it, no baseline.")
        Path baselineWork;

        @Option(
                names = "--files",
                defaultValue = "100000",
                description = "Logs in the burst (default ${DEFAULT-VALUE}).")
        int files;

        @Option(names = "--dirs", defaultValue = "1000", description = "New directories (default ${DEFAULT-VALUE}).")
        int dirs;

        @Option(
                names = "--warmup-files",
                defaultValue = "30000",
                description = "Logs in an unmeasured first burst that warms the JVMs up (default ${DEFAULT-VALUE}).")
        int warmupFiles;

        @Option(
                names = "--latency-files",
                defaultValue = "200",
                description = "Single logs for the latency figure (default ${DEFAULT-VALUE}).")
        int latencyFiles;

        @Option(
                names = "--latency-spacing-ms",
                defaultValue = "100",
                description = "Time between single logs (default ${DEFAULT-VALUE}).")
        long spacingMillis;

        @Option(
                names = "--renamed-bursts",
                defaultValue = "4",
                description = "Renamed-in bursts, one after the other (default ${DEFAULT-VALUE}); the last is "
                        + "the one --profiler profiles.")
        int renamedBursts;

        @Option(
                names = "--renamed-only",
                description = "Only the warm-up and the renamed-in burst (for profiling): no creation-paced burst, "
                        + "no baseline, no latency.")
        boolean renamedOnly;

        @Option(
                names = "--profiler",
                paramLabel = "LIB",
                description = "async-profiler's libasyncProfiler.so: profile the pipeline's CPU (--pipeline-pid) "
                        + "over the renamed-in burst, collapsed stacks to --profile-out.")
        Path profiler;

        @Option(
                names = "--profile-out",
                paramLabel = "FILE",
                defaultValue = "log-moves.collapsed",
                description = "Where the profile's collapsed stacks go (default ${DEFAULT-VALUE}).")
        Path profileOut;

        @Option(
                names = "--pipeline-pid",
                paramLabel = "PID",
                description = "The process id of the running `contimg up`, for its CPU per moved log.")
        Long pipelinePid;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (profiler != null && pipelinePid == null) {
                throw new ParameterException(spec.commandLine(), "--profiler needs --pipeline-pid");
            }
            var figures = new ProcessorsBench(kafka.resolve(), root, baselineWork, files, dirs, out)
                    .profile(profiler, profileOut)
                    .run(
                            warmupFiles,
                            renamedBursts,
                            latencyFiles,
                            Duration.ofMillis(spacingMillis),
                            pipelinePid,
                            renamedOnly);
            out.printf("%nlog-move benchmark (%s):%n", Stats.machine());
            int n = 0;
            for (var renamed : figures.renamed()) {
                String label = "renamed in #" + ++n;
                print(out, label, renamed.burst());
                out.printf(
                        "  %s: pipeline CPU %.1f us per moved log (idle rate subtracted), of which the JIT "
                                + "compiler threads %.1f us%n",
                        label, renamed.cpuMicrosPerLog(), renamed.jitMicrosPerLog());
                renamed.perLog()
                        .forEach((topic, growth) -> out.printf(
                                "  %s: %s grew by %.2f offsets and %.0f bytes per moved log%n",
                                label, topic, growth[0], growth[1]));
            }
            if (figures.pipeline() == null) {
                out.flush();
                return 0;
            }
            print(out, "contimg pipeline", figures.pipeline());
            if (figures.baseline() != null) {
                print(out, "inotifywait + mv", figures.baseline());
            }
            out.printf(
                    "  single logs under contimg up, %d logs: creation to moved p50 %.1f ms, p99 %.1f ms%n",
                    figures.latencySamples(), figures.latencyP50Ms(), figures.latencyP99Ms());
            out.flush();
            return 0;
        }

        private static void print(PrintWriter out, String who, ProcessorsBench.Burst burst) {
            out.printf(
                    "  %-17s %d logs in %d s window: %.0f moves/s, %d missed (%.2f %%)%n",
                    who + ":",
                    burst.files(),
                    Math.round(burst.seconds()),
                    burst.movesPerSecond(),
                    burst.missed(),
                    100.0 * burst.missed() / burst.files());
        }
    }

    /** {@code contimg bench rescan}. */
    @Command(
            name = "rescan",
            mixinStandardHelpOptions = true,
            description = "What a restart and a rescan of a big, unchanged incoming tree cost: records on the "
                    + "topics, CPU seconds and time until quiet, for a first pass, a restart, a rescan and one "
                    + "rewritten file; the producer's memory of the tree. Runs contimg up itself, in a child JVM.")
    static final class Rescan implements Callable<Integer> {

        @Option(
                names = "--work",
                paramLabel = "DIR",
                required = true,
                description = "Where the tree (reused when complete) and each run's home go.")
        Path work;

        @Option(names = "--files", defaultValue = "100000", description = "UVH5 files (default ${DEFAULT-VALUE}).")
        int files;

        @Option(names = "--dirs", defaultValue = "100", description = "Directories (default ${DEFAULT-VALUE}).")
        int dirs;

        @Option(
                names = "--rescan-interval",
                paramLabel = "SECONDS",
                defaultValue = "30",
                description = "The pipeline's rescan period in the benchmark (default ${DEFAULT-VALUE}).")
        int rescanSeconds;

        @Option(
                names = "--runs",
                defaultValue = "3",
                description = "Runs, each on a new home (default ${DEFAULT-VALUE}; 0: only the producer's memory).")
        int runs;

        @Option(
                names = "--kafka-port",
                defaultValue = "19592",
                description = "Port of the child's embedded broker (and the next one; default ${DEFAULT-VALUE}).")
        int kafkaPort;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            var figures = new RescanBench(work, files, dirs, rescanSeconds, kafkaPort, out).run(runs);
            out.printf("%nrescan benchmark, %d files (%s):%n", figures.files(), Stats.machine());
            if (figures.runs().isEmpty()) { // --runs 0: the producer's memory alone
                out.printf(
                        "  producer memory of %d candidates: %.1f MiB%n", figures.files(), figures.producerMemoryMiB());
                out.flush();
                return 0;
            }
            out.printf(
                    "  first pass: median %.0f files/s over %d runs %s%n",
                    Stats.median(figures.runs().stream()
                            .map(RescanBench.Run::firstPassFilesPerSecond)
                            .toList()),
                    figures.runs().size(),
                    figures.runs().stream()
                            .map(r -> Math.round(r.firstPassFilesPerSecond()))
                            .toList());
            for (int phase = 0; phase < figures.runs().get(0).phases().size(); phase++) {
                int at = phase;
                var each = figures.runs().stream().map(r -> r.phases().get(at)).toList();
                out.printf(
                        "  %s: fs-events %s, pointing %s, outcomes %s records; CPU median %.1f s %s; until quiet "
                                + "median %.1f s%n",
                        each.get(0).name(),
                        each.stream().map(RescanBench.Phase::fsEvents).toList(),
                        each.stream().map(RescanBench.Phase::pointing).toList(),
                        each.stream().map(RescanBench.Phase::outcomes).toList(),
                        Stats.median(
                                each.stream().map(RescanBench.Phase::cpuSeconds).toList()),
                        each.stream()
                                .map(p -> Math.round(p.cpuSeconds() * 10) / 10.0)
                                .toList(),
                        Stats.median(
                                each.stream().map(RescanBench.Phase::seconds).toList()));
            }
            out.printf(
                    "  contimg up heap after the first pass, after a full GC: %s MiB%n",
                    figures.runs().stream().map(r -> Math.round(r.upHeapMiB())).toList());
            out.printf("  producer memory of %d candidates: %.1f MiB%n", figures.files(), figures.producerMemoryMiB());
            out.flush();
            return 0;
        }
    }

    /** {@code contimg bench extract}. */
    @Command(
            name = "extract",
            mixinStandardHelpOptions = true,
            description = "Pointing extraction per UVH5 file with a warm JVM (median, p99) and files per second "
                    + "on all cores. No broker needed.")
    static final class Extract implements Callable<Integer> {

        @CommandLine.Parameters(paramLabel = "FILE", arity = "1..*", description = "UVH5 files.")
        List<Path> files;

        @Option(
                names = "--repetitions",
                defaultValue = "1000",
                description = "Timed reads of each file (default ${DEFAULT-VALUE}).")
        int repetitions;

        @Option(
                names = "--seconds",
                defaultValue = "10",
                description = "Duration of the all-cores throughput run (default ${DEFAULT-VALUE}).")
        int seconds;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            var figures = new ExtractBench().run(files, repetitions, Duration.ofSeconds(seconds));
            out.printf(
                    "extraction of %d file(s), Java %s: per file median %.3f ms, p99 %.3f ms over %d reads; "
                            + "%.0f files/s with %d threads%n",
                    files.size(),
                    Runtime.version(),
                    figures.medianMs(),
                    figures.p99Ms(),
                    figures.samples(),
                    figures.filesPerSecond(),
                    figures.threads());
            out.flush();
            return 0;
        }
    }

    /** {@code contimg bench sink}. */
    @Command(
            name = "sink",
            mixinStandardHelpOptions = true,
            description = "Rows per second from contimg.pointing into SQLite, and the time to rebuild a database "
                    + "of --rows rows from the topic. Needs a broker of its own (--bootstrap-servers) whose "
                    + "contimg.pointing is empty or missing; bench/sink.sh starts one.")
    static final class Sink implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @Option(names = "--work", paramLabel = "DIR", required = true, description = "Where the databases go.")
        Path work;

        @Option(names = "--rows", defaultValue = "1000000", description = "Observations (default ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--runs", defaultValue = "3", description = "Rebuilds (default ${DEFAULT-VALUE}).")
        int runs;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Files.createDirectories(work);
            var figures = new SinkBench(kafka.resolve(), work, out).run(rows, runs);
            out.printf("%nsink benchmark (%s):%n", Stats.machine());
            out.printf(
                    "  rebuild of %d rows from %s: median %.2f s over %d runs %s%n",
                    figures.rows(),
                    Topics.POINTING.name(),
                    Stats.median(figures.seconds()),
                    figures.seconds().size(),
                    figures.seconds());
            out.printf("  rows into SQLite: median %.0f rows/s%n", Stats.median(figures.rowsPerSecond()));
            out.flush();
            return 0;
        }
    }

    /** {@code contimg bench chaos}. */
    @Command(
            name = "chaos",
            mixinStandardHelpOptions = true,
            description = "kill -9 of the processors, the producer, the sink and the broker (separate JVMs, as "
                    + "systemd runs them) during a burst, each restarted at once; then a second processors "
                    + "instance and the first killed for good. Reports what was lost or duplicated and how fast "
                    + "each restart resumed.")
    static final class Chaos implements Callable<Integer> {

        @Option(names = "--work", paramLabel = "DIR", required = true, description = "Where each run's home goes.")
        Path work;

        @Option(
                names = "--logs",
                defaultValue = "20000",
                description = "CASA logs in the burst (default ${DEFAULT-VALUE}).")
        int logs;

        @Option(
                names = "--files",
                defaultValue = "40",
                description = "UVH5 files in the burst (default ${DEFAULT-VALUE}).")
        int files;

        @Option(names = "--runs", defaultValue = "3", description = "Runs (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(
                names = "--kafka-port",
                defaultValue = "19692",
                description = "Port of the broker (and the next one; default ${DEFAULT-VALUE}).")
        int kafkaPort;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            var runs = new ChaosBench(work, logs, files, kafkaPort, out).run(this.runs);
            out.printf("%nchaos benchmark, %d logs and %d files a run (%s):%n", logs, files, Stats.machine());
            out.printf(
                    "  lost (left behind or rows missing) %s, duplicated %s%n",
                    runs.stream()
                            .map(r -> r.leftBehind() + (r.files() - r.rows()))
                            .toList(),
                    runs.stream().map(ChaosBench.Run::duplicated).toList());
            for (int c = 0; c < runs.get(0).crashes().size(); c++) {
                int at = c;
                var seconds = runs.stream()
                        .map(r -> r.crashes().get(at).secondsToFirstAction())
                        .toList();
                out.printf(
                        "  %s restart to first action: median %.1f s %s%n",
                        runs.get(0).crashes().get(at).component(),
                        Stats.median(seconds),
                        seconds.stream().map(s -> String.format("%.1f", s)).toList());
            }
            var takeovers = runs.stream().map(ChaosBench.Run::takeoverSeconds).toList();
            out.printf(
                    "  takeover by the survivor: median %.1f s %s%n",
                    Stats.median(takeovers),
                    takeovers.stream().map(s -> String.format("%.1f", s)).toList());
            out.flush();
            return runs.stream().allMatch(r -> r.leftBehind() == 0 && r.duplicated() == 0 && r.rows() == r.files())
                    ? 0
                    : 1;
        }
    }

    /** {@code contimg bench analysis}. */
    @Command(
            name = "analysis",
            mixinStandardHelpOptions = true,
            description = "A year of observations against the 1,034 calibrators: the whole history's transits, "
                    + "campaigns and coverage over it; with --bootstrap-servers, also how long after its row a new "
                    + "observation's transit is written, end to end.")
    static final class Analysis implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @Option(names = "--work", paramLabel = "DIR", required = true, description = "Where the databases go.")
        Path work;

        @Option(
                names = "--files",
                defaultValue = "100000",
                description = "Observations, 5 minutes apart (default ${DEFAULT-VALUE}).")
        int files;

        @Option(names = "--runs", defaultValue = "5", description = "Runs of each measure (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(
                names = "--latency-files",
                defaultValue = "30",
                description = "Observations for the end-to-end latency; 0 skips it (default ${DEFAULT-VALUE}).")
        int latencyFiles;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Files.createDirectories(work);
            var bench = new AnalysisBench(work, out);
            var figures = bench.offline(files, runs);
            List<Double> latency = latencyFiles > 0 && kafka.clusterGiven()
                    ? bench.latency(kafka.resolve(), latencyFiles, Duration.ofMillis(500))
                    : List.of();
            out.printf("%nanalysis benchmark (%s):%n", Stats.machine());
            out.printf(
                    "  transits of %d observations (%d found): median %.2f s on one thread, %.2f s on every core "
                            + "over %d runs%n",
                    figures.files(),
                    figures.transits(),
                    Stats.median(figures.serial()),
                    Stats.median(figures.parallel()),
                    figures.serial().size());
            out.printf(
                    "  campaigns (%d): median %.2f s; coverage (%.4f of the sky): median %.2f s%n",
                    figures.campaignCount(),
                    Stats.median(figures.campaigns()),
                    figures.skyFraction(),
                    Stats.median(figures.coverage()));
            if (!latency.isEmpty()) {
                long sameTransaction = latency.stream().filter(ms -> ms == 0).count();
                out.printf(
                        "  a new observation's transit written after its row: median %.0f ms, p90 %.0f ms; in the "
                                + "same database transaction as its row for %d of %d files%n",
                        Stats.median(latency), Stats.percentile(latency, 90), sameTransaction, latency.size());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code contimg bench screenshot}. */
    @Command(
            name = "screenshot",
            mixinStandardHelpOptions = true,
            description = "docs/dashboard.png from a real run: contimg up on a new home, docs/status.md's walkthrough "
                    + "(a CASA log, an old temporary directory, a day of files at 3C286's declination), then "
                    + "Debian's chromium photographs the dashboard.")
    static final class Screenshot implements Callable<Integer> {

        @Option(names = "--work", paramLabel = "DIR", required = true, description = "Where the run's home goes.")
        Path work;

        @Option(
                names = "--out",
                paramLabel = "PNG",
                defaultValue = "docs/dashboard.png",
                description = "The picture (default ${DEFAULT-VALUE}).")
        Path out;

        @Option(
                names = "--chromium",
                paramLabel = "FILE",
                defaultValue = "/usr/bin/chromium",
                description = "The browser (default ${DEFAULT-VALUE}).")
        Path chromium;

        @Option(
                names = "--http-port",
                defaultValue = "18400",
                description = "The sink's port (default ${DEFAULT-VALUE}); " + "the broker takes the next two.")
        int httpPort;

        @Option(names = "--size", defaultValue = "1280x1900", description = "Window size (default ${DEFAULT-VALUE}).")
        String size;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            String[] wh = size.split("x");
            new DashboardScreenshot(
                            Files.createDirectories(work), spec.commandLine().getOut())
                    .take(chromium, out, httpPort, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
            return 0;
        }
    }
}
