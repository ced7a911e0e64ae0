package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.KafkaOptions;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.app.cli.Progress;
import org.dsa110.contimg.app.cli.UtcTime;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.sink.write.PointingReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code contimg replay}: rebuild what the pipeline keeps from its topics. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Rebuild or repair what the pipeline keeps from the topics that hold it.",
        subcommands = ReplayCommand.Pointing.class)
public final class ReplayCommand {

    /** {@code contimg replay pointing}. */
    @Command(
            name = "pointing",
            mixinStandardHelpOptions = true,
            description = {
                "Rebuild or repair a pointing database from contimg.pointing (compacted, kept for ever): "
                        + "every observation recorded since --since (all of them without it), upserted into --db "
                        + "(default: the pipeline's database) as the live sink writes them. Rows already there are "
                        + "rewritten with the same values; nothing is duplicated.",
                "Uses a consumer of its own: the live sink's offsets are untouched, and it may run while the "
                        + "sink runs."
            })
    static final class Pointing implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @Mixin
        PathOptions paths;

        @Option(
                names = "--since",
                paramLabel = "TIME",
                converter = UtcTime.class,
                description = "Replay records written to the topic from this UTC time (2025-11-04, "
                        + "2025-11-04T10:15:00Z); default: from the beginning.")
        Instant since;

        @Option(
                names = "--db",
                paramLabel = "FILE",
                description = "The database to write (default: --products-db, PIPELINE_PRODUCTS_DB, "
                        + "<state>/products.sqlite3).")
        Path db;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Path target = db != null ? db.toAbsolutePath() : paths.resolve().productsDb();
            out.println("contimg replay pointing: contimg.pointing "
                    + (since == null ? "from the beginning" : "since " + since) + " into " + target);
            out.flush();
            Progress[] progress = new Progress[1];
            PointingReplay.Summary summary;
            try {
                summary = new PointingReplay(kafka.resolve(), target, Clock.systemUTC())
                        .run(
                                since,
                                expected -> progress[0] = Progress.of(Topics.POINTING.name(), expected, out),
                                read -> progress[0].stepTo(read));
            } finally {
                if (progress[0] != null) {
                    progress[0].close();
                }
            }
            out.printf(
                    "contimg replay pointing: %d observations written to %s (%d deletions read, %d unreadable "
                            + "records skipped)%n",
                    summary.observations(), target, summary.tombstones(), summary.unreadable());
            out.flush();
            return summary.unreadable() == 0 ? 0 : 1;
        }
    }
}
