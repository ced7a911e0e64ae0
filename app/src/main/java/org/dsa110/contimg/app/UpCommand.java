package org.dsa110.contimg.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.dsa110.contimg.app.cli.BrokerOptions;
import org.dsa110.contimg.app.cli.CatalogOptions;
import org.dsa110.contimg.app.cli.HostOptions;
import org.dsa110.contimg.app.cli.KafkaOptions;
import org.dsa110.contimg.app.cli.MembershipOptions;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.app.cli.ProcessorOptions;
import org.dsa110.contimg.app.cli.ProducerOptions;
import org.dsa110.contimg.app.cli.SinkOptions;
import org.dsa110.contimg.app.cli.StatusOptions;
import org.dsa110.contimg.app.cli.UntilStopped;
import org.dsa110.contimg.broker.LocalBroker;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.metrics.PrometheusMetrics;
import org.dsa110.contimg.contract.topics.TopicSetup;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.processors.CalibrationService;
import org.dsa110.contimg.processors.ProcessorsService;
import org.dsa110.contimg.processors.ProcessorsSettings;
import org.dsa110.contimg.producer.ProducerService;
import org.dsa110.contimg.sink.SinkService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code contimg up}: the whole pipeline in one process on an embedded broker, or on an existing cluster when one
 * is named.
 */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Run the pipeline in this process until Ctrl-C or SIGTERM: an embedded Kafka broker "
                    + "(unless --bootstrap-servers names a cluster), the pipeline's topics, the sink (SQLite, the "
                    + "status file, the HTTP API), the processors (log moves, temp purges, pointings), the "
                    + "calibration application (calibrator transits marked best, campaign events) and the file-event "
                    + "producer.",
            "Everything lives under --home (default ./var) unless its own flag or environment variable "
                    + "says otherwise."
        })
public final class UpCommand implements Callable<Integer> {

    private static final Duration TOPIC_SETUP_TIMEOUT = Duration.ofSeconds(60);

    @Mixin
    PathOptions paths;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    BrokerOptions broker;

    @Mixin
    HostOptions host;

    @Mixin
    ProducerOptions producer;

    @Mixin
    ProcessorOptions processors;

    @Mixin
    SinkOptions sinkOptions;

    @Mixin
    StatusOptions status;

    @Mixin
    CatalogOptions catalog;

    @Mixin
    MembershipOptions membership;

    @Option(
            names = "--no-metrics",
            description = "Serve no GET /metrics on the HTTP API, and keep no metrics registry (the status, the "
                    + "status file and the API are as before).")
    boolean noMetrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PipelinePaths resolved = paths.resolve();
        String hostId = host.resolve();
        Membership member = membership.resolve();
        TransitFinder transits = catalog.finder();
        UntilStopped.run("up", out, services -> {
            KafkaSettings settings;
            if (kafka.clusterGiven()) {
                settings = kafka.resolve();
                out.println("contimg up: using the Kafka cluster at " + settings.bootstrapServers());
            } else {
                LocalBroker local = services.start(new LocalBroker(broker.options(resolved.kafkaDir())));
                settings = kafka.resolveFor(local.bootstrapServers());
                out.println("contimg up: " + local.describe());
            }
            out.flush();
            List<String> created;
            try (Admin admin = Admin.create(settings.admin("contimg-up"))) {
                created = new TopicSetup(admin, settings.topics(), TOPIC_SETUP_TIMEOUT).ensure(Topics.all());
            }
            out.println("contimg up: " + Topics.all().size() + " topics in place (" + created.size() + " created, "
                    + settings.topics().partitions() + " partitions each)");
            createDirectories(resolved);
            // Not closed: it lives as long as the command's JVM, and closing only unhooks the GC listeners.
            PrometheusMetrics exported = noMetrics ? null : new PrometheusMetrics("up");
            SinkService sink = sinkOptions.service(resolved, settings, member, transits, status.interval());
            if (exported != null) {
                sink.withMetrics(exported); // every service's series, on the API's GET /metrics
            }
            services.start(sink);
            out.println("contimg up: sink " + sink.describe());
            ProcessorsSettings processorsSettings =
                    processors.settings(resolved, hostId, transits).withStatusInterval(status.interval());
            var processing = new ProcessorsService(processorsSettings, settings, member);
            var calibration = new CalibrationService(processorsSettings, settings, member);
            if (exported != null) {
                processing.withMetrics(exported);
                calibration.withMetrics(exported);
            }
            services.start(processing);
            out.println("contimg up: processors " + processing.describe());
            services.start(calibration);
            out.println("contimg up: calibration " + calibration.describe());
            var fileEvents = new ProducerService(
                    producer.settings(resolved, hostId).withStatusInterval(status.interval()), settings);
            if (exported != null) {
                fileEvents.withMetrics(exported);
            }
            services.start(fileEvents);
            out.println("contimg up: producer " + fileEvents.describe());
            // The producer's start-up scan and the applications' first rebalances overlap; ready once all are done.
            processing.awaitRunning(ProcessorsService.START_TIMEOUT);
            calibration.awaitRunning(ProcessorsService.START_TIMEOUT);
            return "at " + settings.bootstrapServers() + " (Ctrl-C to stop)";
        });
        return 0;
    }

    /** `up` is the works-anywhere mode: the data tree, incoming and state directories are made if missing. */
    private static void createDirectories(PipelinePaths paths) throws IOException {
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.scratch(), paths.state(), paths.logDir())) {
            Files.createDirectories(dir);
        }
    }
}
