package org.dsa110.contimg.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.KafkaOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code contimg bench analysis}. */
@Command(
        name = "analysis",
        mixinStandardHelpOptions = true,
        description = "A year of observations against the 1,034 calibrators: the whole history's transits, "
                + "campaigns and coverage over it; with --bootstrap-servers, also how long after its row a new "
                + "observation's transit is written, end to end.")
final class AnalysisBenchCommand implements Callable<Integer> {

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
