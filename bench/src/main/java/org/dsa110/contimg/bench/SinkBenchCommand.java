package org.dsa110.contimg.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.KafkaOptions;
import org.dsa110.contimg.contract.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code contimg bench sink}. */
@Command(
        name = "sink",
        mixinStandardHelpOptions = true,
        description = "Rows per second from contimg.pointing into SQLite, and the time to rebuild a database "
                + "of --rows rows from the topic. Needs a broker of its own (--bootstrap-servers) whose "
                + "contimg.pointing is empty or missing; bench/sink.sh starts one.")
final class SinkBenchCommand implements Callable<Integer> {

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
