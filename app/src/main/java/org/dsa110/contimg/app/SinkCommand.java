package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.KafkaOptions;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.app.cli.RunningServices;
import org.dsa110.contimg.app.cli.UntilStopped;
import org.dsa110.contimg.events.config.KafkaSettings;
import org.dsa110.contimg.events.config.PipelinePaths;
import org.dsa110.contimg.sink.PointingSink;
import org.dsa110.contimg.sink.PointingStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code contimg sink}: the pointing database, kept from {@code contimg.pointing}. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = {"Write contimg.pointing into pointing_history in the SQLite database (--products-db), until "
                + "Ctrl-C or SIGTERM. Replays never duplicate a row; an old monitor's database is upgraded in place.",
                "The status file and the HTTP API are not built yet."})
public final class SinkCommand implements Callable<Integer> {

    @Mixin
    PathOptions paths;

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        var running = new RunningServices();
        try {
            start(running, paths.resolve(), kafka.resolve());
        } catch (Exception e) {
            running.close();
            throw e;
        }
        out.println("contimg sink: writing contimg.pointing into " + paths.resolve().productsDb());
        out.println("contimg sink: ready (Ctrl-C to stop)");
        out.flush();
        UntilStopped.await("sink", running, out);
        return 0;
    }

    /** Opens the database and starts the consumer; both are closed by {@code running}, consumer first. */
    static void start(RunningServices running, PipelinePaths paths, KafkaSettings kafka) throws Exception {
        PointingStore store = running.add("pointing database", PointingStore.open(paths.productsDb(),
                Clock.systemUTC()));
        running.add("pointing sink", new PointingSink(kafka, store, PointingSink.GROUP)).start();
    }
}
