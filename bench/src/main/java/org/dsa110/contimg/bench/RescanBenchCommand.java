package org.dsa110.contimg.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code contimg bench rescan}. */
@Command(
        name = "rescan",
        mixinStandardHelpOptions = true,
        description = "What a restart and a rescan of a big, unchanged incoming tree cost: records on the "
                + "topics, CPU seconds and time until quiet, for a first pass, a restart, a rescan and one "
                + "rewritten file; the producer's memory of the tree. Runs contimg up itself, in a child JVM.")
final class RescanBenchCommand implements Callable<Integer> {

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
            out.printf("  producer memory of %d candidates: %.1f MiB%n", figures.files(), figures.producerMemoryMiB());
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
                    Stats.median(each.stream().map(RescanBench.Phase::seconds).toList()));
        }
        out.printf(
                "  contimg up heap after the first pass, after a full GC: %s MiB%n",
                figures.runs().stream().map(r -> Math.round(r.upHeapMiB())).toList());
        out.printf("  producer memory of %d candidates: %.1f MiB%n", figures.files(), figures.producerMemoryMiB());
        out.flush();
        return 0;
    }
}
