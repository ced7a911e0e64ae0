package org.dsa110.contimg.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code contimg bench extract}. */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        description = "Pointing extraction per UVH5 file with a warm JVM (median, p99) and files per second "
                + "on all cores. No broker needed.")
final class ExtractBenchCommand implements Callable<Integer> {

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
