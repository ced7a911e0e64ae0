package org.dsa110.contimg.processors;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.metrics.PrometheusMetrics;
import org.dsa110.contimg.contract.service.Failure;
import org.dsa110.contimg.contract.service.Service;
import org.dsa110.contimg.contract.status.ComponentId;
import org.dsa110.contimg.contract.status.StatusFields;
import org.dsa110.contimg.contract.status.StatusReporter;
import org.dsa110.contimg.contract.topics.ConsumerGroups;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.pointing.analysis.DeclinationCampaigns;
import org.dsa110.contimg.processors.calibration.CalibrationMetrics;

/**
 * This host's instance of the calibration application: the {@link CalibrationTopology} in a {@link KafkaStreams}
 * ({@code application.id} {@code contimg-calibration}, {@link ConsumerGroups#CALIBRATION}, one for the whole cluster,
 * {@code exactly_once_v2}, state under {@code <state>/streams}), and its {@link StatusSnapshot} on
 * {@code contimg.status} under {@code calibration@<host id>}. Every host's {@code contimg processors} runs one; the
 * instances share the application's partitions and take over a stopped one's, so the marks and the campaign events
 * go on while any host's processors run. Touches no file of the data tree.
 */
public final class CalibrationService implements Service {

    /** How often the application commits (its default; an operator's properties file may change it). */
    static final int COMMIT_INTERVAL_MS = 20;

    private final ProcessorsSettings settings;
    private final CalibrationMetrics metrics = new CalibrationMetrics();
    private final SupervisedStreams streams;
    private final TopicSender sender;
    private final StatusReporter reporter;
    private final Instant startedAt = Instant.now();
    private final Failure failure = new Failure("calibration");

    /** This host's instance of the cluster's calibration application, a static member under {@code membership}. */
    public CalibrationService(ProcessorsSettings settings, KafkaSettings kafka, Membership membership) {
        this(settings, kafka, ConsumerGroups.CALIBRATION.id(), membership);
    }

    /**
     * With another {@code application.id}: a second, independent application on the same cluster (tests).
     *
     * @param membership static membership, or {@code null} for a dynamic member
     */
    public CalibrationService(
            ProcessorsSettings settings, KafkaSettings kafka, String applicationId, Membership membership) {
        this.settings = settings;
        // A match crosses two commits (to the repartition topic, then to contimg.calibrator-transits): at Streams'
        // 100 ms it reached the sink a median 235 ms after its file's row, at 20 ms in the row's own transaction
        // (docs/performance.md, pointing analysis). One record a file: a commit each 20 ms under a backfill is cheap,
        // and an idle application commits nothing.
        Properties config = StreamsSettings.of(
                kafka,
                applicationId,
                settings.paths().state().resolve("streams"),
                membership,
                Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS));
        // A warm copy on another host's instance: a takeover restores nothing (--standby-replicas).
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        config.put(DeadLetterHandler.METRICS_CONFIG, metrics);
        var campaigns =
                new DeclinationCampaigns(DeclinationCampaigns.DEFAULT_JUMP_DEG, DeclinationCampaigns.DEFAULT_GAP_HOURS);
        this.streams = new SupervisedStreams(
                CalibrationTopology.build(settings.transits(), campaigns, metrics),
                config,
                applicationId,
                membership,
                settings.threadReplacements(),
                failure);
        this.sender = new TopicSender(kafka.producer("contimg-calibration-status-" + settings.host()));
        this.reporter = StatusReporter.of(ComponentId.calibration(settings.host()), this::status, sender, failure)
                .every(settings.statusInterval())
                .build();
    }

    /**
     * Adds the application's series to {@code metrics}: the state of its Streams client
     * ({@code contimg_calibration_streams_state{state}}, 1 for the current one), its counters
     * ({@link CalibrationMetrics}) and Kafka Streams' own. Before
     * {@link #start()}.
     */
    public CalibrationService withMetrics(PrometheusMetrics exported) {
        var registry = exported.registry();
        metrics.bindTo(registry);
        streams.bindTo(
                registry,
                "contimg.calibration.streams.state",
                "1 for the calibration application's Streams state (RUNNING when processing)");
        return this;
    }

    @Override
    public void start() {
        streams.start();
        reporter.start();
    }

    /** Waits until its stream processing runs ({@link SupervisedStreams#awaitRunning}). */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        streams.awaitRunning(timeout);
    }

    @Override
    public String name() {
        return "calibration";
    }

    @Override
    public String describe() {
        return "marking the best file of each calibrator transit and publishing declination campaigns (catalog "
                + settings.transits().catalog().source() + ", response at least "
                + settings.transits().minResponse()
                + ")";
    }

    @Override
    public String failure() {
        return failure.reason();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The status's {@code details}, named and ordered as on the wire. */
    record Details(String streamsState, String applicationId, String groupInstanceId, String catalog) {}

    public StatusSnapshot status(boolean running) {
        List<String> issues = streams.issues(running);
        var details = new Details(
                streams.state().toString(),
                streams.applicationId(),
                streams.groupInstanceId(),
                settings.transits().catalog().source());
        return StatusSnapshot.of(
                ComponentId.calibration(settings.host()),
                settings.host(),
                Instant.now(),
                startedAt,
                running,
                issues,
                metrics.snapshot(),
                StatusFields.of(details));
    }

    /** Commits what was processed and stops; the last status says {@code running: false}. */
    @Override
    public void close() {
        streams.close();
        reporter.close();
        sender.close(Duration.ofSeconds(5));
    }
}
