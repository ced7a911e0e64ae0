package org.dsa110.contimg.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.KafkaOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code contimg bench processors}. */
@Command(
        name = "processors",
        mixinStandardHelpOptions = true,
        description = "Log moves per second for a burst of CASA logs in new directories, beside the old "
                + "inotifywait + mv loop, and the creation-to-moved latency of single logs. Needs a running "
                + "`contimg up` (--bootstrap-servers, --root: its data root).")
final class ProcessorsBenchCommand implements Callable<Integer> {

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

    @Option(names = "--files", defaultValue = "100000", description = "Logs in the burst (default ${DEFAULT-VALUE}).")
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
