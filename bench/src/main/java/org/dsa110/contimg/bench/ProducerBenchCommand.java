package org.dsa110.contimg.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.KafkaOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code contimg bench producer}. */
@Command(
        name = "producer",
        mixinStandardHelpOptions = true,
        description = "Producer start-up scan of a large tree, events per second, creation-to-acknowledgement "
                + "latency. Needs a running broker (--bootstrap-servers) with the topics created.")
final class ProducerBenchCommand implements Callable<Integer> {

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
