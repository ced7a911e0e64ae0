package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.CatalogOptions;
import org.dsa110.contimg.app.cli.KafkaOptions;
import org.dsa110.contimg.app.cli.MembershipOptions;
import org.dsa110.contimg.app.cli.MetricsOptions;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.app.cli.SinkOptions;
import org.dsa110.contimg.app.cli.StatusOptions;
import org.dsa110.contimg.app.cli.UntilStopped;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.metrics.MetricsServer;
import org.dsa110.contimg.contract.metrics.PrometheusMetrics;
import org.dsa110.contimg.sink.SinkService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code contimg sink}: the pointing database, the pipeline's status, and the HTTP API. */
@Command(
        name = "sink",
        mixinStandardHelpOptions = true,
        description = {
            "Until Ctrl-C or SIGTERM: write contimg.pointing into pointing_history and contimg.calibrator-transits into "
                    + "calibrator_transits in the SQLite "
                    + "database (--products-db; replays never duplicate a row, an old monitor's database is upgraded "
                    + "in place); publish the pipeline's status (key pointing-monitor) to contimg.status and write it "
                    + "to <state>/pointing-monitor-status.json; serve the HTTP API (GET /api/pointing-monitor/status, "
                    + "/api/pointing_history, /api/calibrator_transits, /healthz, /metrics)."
        })
public final class SinkCommand implements Callable<Integer> {

    @Mixin
    PathOptions paths;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    SinkOptions sinkOptions;

    @Mixin
    StatusOptions status;

    @Mixin
    CatalogOptions catalog;

    @Mixin
    MembershipOptions membership;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PipelinePaths resolved = paths.resolve();
        // Not closed: it lives as long as the command's JVM, and closing only unhooks the GC listeners.
        var exported = new PrometheusMetrics("sink");
        UntilStopped.run("sink", out, services -> {
            MetricsServer server = metrics.server(exported, 0);
            if (server != null) {
                services.start(server);
                out.println("contimg sink: " + server.describe());
            }
            SinkService sink = services.start(sinkOptions
                    .service(resolved, kafka.resolve(), membership.resolve(), catalog.finder(), status.interval())
                    .withMetrics(exported));
            out.println("contimg sink: " + sink.describe());
            return "(Ctrl-C to stop)";
        });
        return 0;
    }
}
