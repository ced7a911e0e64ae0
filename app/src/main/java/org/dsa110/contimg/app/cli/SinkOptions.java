package org.dsa110.contimg.app.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.sink.SinkService;
import org.dsa110.contimg.sink.SinkSettings;
import org.dsa110.contimg.sink.http.StatusApi;
import org.dsa110.contimg.sink.status.MonitorSettings;
import picocli.CommandLine.Option;

/** Where the sink serves its HTTP API (loopback unless told otherwise) and how often it reports. */
public final class SinkOptions {

    @Option(
            names = "--http-host",
            paramLabel = "ADDRESS",
            defaultValue = "${env:CONTIMG_HTTP_HOST:-" + StatusApi.DEFAULT_HOST + "}",
            description = "Address the HTTP API binds to (env CONTIMG_HTTP_HOST, default ${DEFAULT-VALUE}). "
                    + "Anything but loopback exposes the status and the pointing history to the network.")
    public String httpHost;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            defaultValue = "${env:CONTIMG_HTTP_PORT:-" + StatusApi.DEFAULT_PORT + "}",
            description =
                    "Port of the HTTP API (env CONTIMG_HTTP_PORT, default ${DEFAULT-VALUE}; 0 picks a free " + "one).")
    public int httpPort;

    @Option(
            names = "--status-file",
            paramLabel = "FILE",
            description = "Where the status JSON is written (default <state>/pointing-monitor-status.json); the "
                    + "API's /api/pointing-monitor/status and /healthz read it.")
    Path statusFile;

    @Option(
            names = "--health-check-interval",
            paramLabel = "SECONDS",
            defaultValue = "5",
            description = "How often the directories, the database and Kafka are checked (default "
                    + "${DEFAULT-VALUE}); a change of health is written at once. At most --status-interval.")
    long healthCheckSeconds;

    @Option(
            names = "--no-local-tree",
            description = "This host holds no data tree (the sink on a host of its own): do not report its data "
                    + "root and incoming directory as missing; each host's producer reports its own.")
    boolean noLocalTree;

    /**
     * The sink of these options: {@code pointing_history}, the pipeline's status, the HTTP API.
     *
     * @param transits the calibrators the API's upcoming transits are drawn from ({@link CatalogOptions})
     */
    public SinkService service(
            PipelinePaths paths,
            KafkaSettings kafka,
            Membership membership,
            TransitFinder transits,
            Duration statusInterval) {
        return new SinkService(
                kafka,
                new SinkSettings(monitor(paths, statusInterval), membership, httpHost, httpPort, transits),
                Clock.systemUTC());
    }

    public MonitorSettings monitor(PipelinePaths paths, Duration statusInterval) {
        var settings = MonitorSettings.of(paths)
                .withStatusInterval(statusInterval)
                .withCheckInterval(Duration.ofSeconds(healthCheckSeconds));
        if (noLocalTree) {
            settings = settings.withoutLocalTree();
        }
        return statusFile == null ? settings : settings.withStatusFile(statusFile.toAbsolutePath());
    }
}
