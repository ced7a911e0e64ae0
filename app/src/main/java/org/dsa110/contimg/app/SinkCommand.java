package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.SinkOptions;
import org.dsa110.contimg.app.cli.KafkaOptions;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.app.cli.RunningServices;
import org.dsa110.contimg.app.cli.UntilStopped;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.sink.PointingHistory;
import org.dsa110.contimg.sink.PointingSink;
import org.dsa110.contimg.sink.http.StatusApi;
import org.dsa110.contimg.sink.status.PointingMonitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code contimg sink}: the pointing database, the pipeline's status, and the HTTP API. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = {"Until Ctrl-C or SIGTERM: write contimg.pointing into pointing_history in the SQLite "
                + "database (--products-db; replays never duplicate a row, an old monitor's database is upgraded "
                + "in place); publish the pipeline's status (key pointing-monitor) to contimg.status and write it "
                + "to <state>/pointing-monitor-status.json; serve the HTTP API (GET /api/pointing-monitor/status, "
                + "/api/pointing_history, /healthz)."})
public final class SinkCommand implements Callable<Integer> {

    @Mixin
    PathOptions paths;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    SinkOptions sinkOptions;

    @Spec
    CommandSpec spec;

    /** What {@link #start} started, for the caller to describe. */
    record Started(PointingSink sink, PointingMonitor monitor, StatusApi api) {

        String describe() {
            return "writing pointings into " + sink.database() + ", status in " + monitor.statusFile()
                    + ", API at " + api.url() + " (GET /api/pointing-monitor/status, /api/pointing_history, /healthz)";
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        var running = new RunningServices();
        Started started;
        try {
            started = start(running, paths.resolve(), kafka.resolve(), sinkOptions);
        } catch (Exception e) {
            running.close();
            throw e;
        }
        out.println("contimg sink: " + started.describe());
        out.println("contimg sink: ready (Ctrl-C to stop)");
        out.flush();
        UntilStopped.await("sink", running, out);
        return 0;
    }

    /**
     * Starts the consumer, the monitor and the API. {@code running} closes them API first, then the consumer (its
     * last batch written), then the monitor, whose last status then counts every row.
     */
    static Started start(RunningServices running, PipelinePaths paths, KafkaSettings kafka, SinkOptions options)
            throws Exception {
        Clock clock = Clock.systemUTC();
        var sink = new PointingSink(kafka, paths.productsDb(), clock, PointingSink.GROUP);
        var monitor = running.add("pointing monitor", new PointingMonitor(options.monitor(paths), kafka, sink,
                clock));
        running.add("pointing sink", sink).start();
        monitor.start();
        StatusApi api = running.add("HTTP API", StatusApi.start(options.httpHost, options.httpPort, monitor.statusFile(),
                new PointingHistory(paths.productsDb()), clock));
        return new Started(sink, monitor, api);
    }
}
