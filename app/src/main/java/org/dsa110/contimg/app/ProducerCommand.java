package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.HostOptions;
import org.dsa110.contimg.app.cli.KafkaOptions;
import org.dsa110.contimg.app.cli.MetricsOptions;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.app.cli.ProducerOptions;
import org.dsa110.contimg.app.cli.StatusOptions;
import org.dsa110.contimg.app.cli.UntilStopped;
import org.dsa110.contimg.contract.metrics.PrometheusMetrics;
import org.dsa110.contimg.producer.ProducerService;
import org.dsa110.contimg.producer.ProducerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code contimg producer}: watch the filesystem and publish file events, until stopped. */
@Command(
        name = "producer",
        mixinStandardHelpOptions = true,
        description = {
            "Watch the data root, the incoming and the scratch directories and publish one event per "
                    + "change to contimg.fs-events, until Ctrl-C or SIGTERM.",
            "Scans everything at start-up, then watches live (inotify) and rescans periodically."
        })
public final class ProducerCommand implements Callable<Integer> {

    @Mixin
    PathOptions paths;

    @Mixin
    StatusOptions status;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    HostOptions host;

    @Mixin
    ProducerOptions producer;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ProducerSettings settings =
                producer.settings(paths.resolve(), host.resolve()).withStatusInterval(status.interval());
        UntilStopped.run("producer", out, services -> {
            var fileEvents = new ProducerService(settings, kafka.resolve());
            PrometheusMetrics exported = metrics.start("producer", MetricsOptions.PRODUCER_PORT, services, out);
            if (exported != null) {
                fileEvents.withMetrics(exported);
            }
            services.start(fileEvents);
            out.println("contimg producer: " + fileEvents.describe());
            return "(Ctrl-C to stop)";
        });
        return 0;
    }
}
