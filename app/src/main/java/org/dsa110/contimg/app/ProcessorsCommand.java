package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.CatalogOptions;
import org.dsa110.contimg.app.cli.HostOptions;
import org.dsa110.contimg.app.cli.KafkaOptions;
import org.dsa110.contimg.app.cli.MembershipOptions;
import org.dsa110.contimg.app.cli.MetricsOptions;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.app.cli.ProcessorOptions;
import org.dsa110.contimg.app.cli.StatusOptions;
import org.dsa110.contimg.app.cli.UntilStopped;
import org.dsa110.contimg.contract.metrics.PrometheusMetrics;
import org.dsa110.contimg.processors.CalibrationService;
import org.dsa110.contimg.processors.ProcessorsService;
import org.dsa110.contimg.processors.ProcessorsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code contimg processors}: the Kafka Streams application that classifies events and acts on them. */
@Command(
        name = "processors",
        mixinStandardHelpOptions = true,
        description = {
            "Classify contimg.fs-events, move CASA logs into the log directory, purge idle temporary "
                    + "directories and read the pointing of new *_sb00.hdf5 files into contimg.pointing, until Ctrl-C "
                    + "or SIGTERM.",
            "Runs on each host that holds a data tree and acts only on that host's files (--host-id); several instances "
                    + "of one host share its partitions.",
            "Beside them it runs an instance of the cluster's calibration application (contimg-calibration), which "
                    + "reads every host's contimg.pointing, marks the best file of each calibrator transit on "
                    + "contimg.calibrator-transits and publishes each declination campaign on contimg.campaigns."
        })
public final class ProcessorsCommand implements Callable<Integer> {

    @Mixin
    PathOptions paths;

    @Mixin
    StatusOptions status;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    HostOptions host;

    @Mixin
    ProcessorOptions processors;

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
        ProcessorsSettings settings = processors
                .settings(paths.resolve(), host.resolve(), catalog.finder())
                .withStatusInterval(status.interval());
        UntilStopped.run("processors", out, services -> {
            var cluster = kafka.resolve();
            var member = membership.resolve();
            var processing = new ProcessorsService(settings, cluster, member);
            var calibration = new CalibrationService(settings, cluster, member);
            PrometheusMetrics exported = metrics.start("processors", MetricsOptions.PROCESSORS_PORT, services, out);
            if (exported != null) {
                processing.withMetrics(exported);
                calibration.withMetrics(exported);
            }
            services.start(processing);
            services.start(calibration);
            processing.awaitRunning(ProcessorsService.START_TIMEOUT);
            out.println("contimg processors: " + processing.describe());
            calibration.awaitRunning(ProcessorsService.START_TIMEOUT);
            out.println("contimg processors: " + calibration.describe());
            return "(Ctrl-C to stop)";
        });
        return 0;
    }
}
