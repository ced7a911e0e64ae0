package org.dsa110.contimg.bench;

import org.dsa110.contimg.app.cli.ManifestVersion;
import org.dsa110.contimg.app.cli.OneLineErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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
            ProducerBenchCommand.class,
            ProcessorsBenchCommand.class,
            ExtractBenchCommand.class,
            FuzzBenchCommand.class,
            SinkBenchCommand.class,
            RescanBenchCommand.class,
            ChaosBenchCommand.class,
            ClusterBenchCommand.class,
            AnalysisBenchCommand.class,
            ScreenshotBenchCommand.class
        })
public final class BenchCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand())
                .setExecutionExceptionHandler(new OneLineErrors())
                .setUsageHelpAutoWidth(true)
                .execute(args));
    }
}
