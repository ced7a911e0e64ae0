package org.dsa110.contimg.processors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.DiskSpaceMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.metrics.PrometheusMetrics;
import org.dsa110.contimg.contract.service.Failure;
import org.dsa110.contimg.contract.service.Service;
import org.dsa110.contimg.contract.status.StatusFields;
import org.dsa110.contimg.contract.status.StatusReporter;
import org.dsa110.contimg.contract.topics.ConsumerGroups;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.processors.kernel.ProcessorsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processors as a service: the {@link ProcessorsTopology} in a {@link KafkaStreams} instance
 * ({@code application.id} {@code contimg-processors.<host id>}, {@link ConsumerGroups#processors}, {@code exactly_once_v2},
 * Streams state under {@code <state>/streams}), plus its {@link StatusSnapshot} on {@code contimg.status} every status
 * interval (30 s) under {@code processors@<host id>}. Acts only on the events of its host's producer, so it runs on
 * that host, beside the tree; more instances on the host share its partitions.
 */
public final class ProcessorsService implements Service {

    private static final Logger log = LoggerFactory.getLogger(ProcessorsService.class);
    /** How long a command waits for processing to run ({@link #awaitRunning}): state restored, tasks assigned. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ProcessorsSettings settings;
    private final ProcessorsMetrics metrics = new ProcessorsMetrics();
    private final SupervisedStreams streams;
    private final TopicSender sender;
    private final StatusReporter reporter;
    private final Instant startedAt = Instant.now();
    private final Failure failure = new Failure("processors");

    /**
     * This host's processors ({@link ConsumerGroups#processors}: one application per host), a static member of it
     * under {@code membership}.
     */
    public ProcessorsService(ProcessorsSettings settings, KafkaSettings kafka, Membership membership) {
        this(settings, kafka, ConsumerGroups.processors(settings.host()).id(), membership);
    }

    /**
     * With another {@code application.id}: a second, independent pipeline on the same cluster (tests).
     *
     * @param membership static membership, or {@code null} for a dynamic member
     */
    public ProcessorsService(
            ProcessorsSettings settings, KafkaSettings kafka, String applicationId, Membership membership) {
        this.settings = settings;
        Path stateDir = settings.paths().state().resolve("streams");
        Properties streamsConfig = StreamsSettings.of(kafka, applicationId, stateDir, membership);
        // Warm copies on the host's other instances: a takeover then restores nothing (--standby-replicas).
        streamsConfig.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        streamsConfig.put(DeadLetterHandler.METRICS_CONFIG, metrics); // counts dead letters by topic
        this.streams = new SupervisedStreams(
                ProcessorsTopology.build(settings, metrics, Clock.systemUTC()),
                streamsConfig,
                applicationId,
                membership,
                settings.threadReplacements(),
                failure);
        this.sender = new TopicSender(kafka.producer("contimg-processors-status-" + settings.host()));
        this.reporter = StatusReporter.of(settings.componentId(), this::status, sender, failure)
                .every(settings.statusInterval())
                .build();
    }

    /**
     * Adds the processors' series to {@code metrics}: their counters ({@link ProcessorsMetrics}), the state of the
     * Streams client ({@code contimg_processors_streams_state{state}}, 1 for the current one) and of its threads
     * ({@code contimg_processors_stream_threads{state}}, how many in each), the free space of the log directory's
     * and the data root's disks, and Kafka Streams' own ({@code kafka_stream_*}, Micrometer's binder). Before
     * {@link #start()}.
     */
    public ProcessorsService withMetrics(PrometheusMetrics metrics) {
        MeterRegistry registry = metrics.registry();
        this.metrics.bindTo(registry);
        streams.bindTo(
                registry,
                "contimg.processors.streams.state",
                "1 for the Streams client's state (RUNNING when processing)");
        var threads = MultiGauge.builder("contimg.processors.stream.threads")
                .description("stream threads in each state (RUNNING when processing)")
                .register(registry);
        metrics.beforeScrape(() -> {
            var byState = new TreeMap<String, Integer>();
            for (ThreadMetadata thread : streams.streams().metadataForLocalThreads()) {
                byState.merge(thread.threadState(), 1, Integer::sum);
            }
            threads.register(
                    byState.entrySet().stream()
                            .map(e -> MultiGauge.Row.of(Tags.of("state", e.getKey()), e.getValue()))
                            .collect(Collectors.toList()),
                    true);
        });
        for (Path dir : List.of(settings.paths().logDir(), settings.paths().root())) {
            new DiskSpaceMetrics(dir.toFile()).bindTo(registry);
        }
        return this;
    }

    @Override
    public void start() {
        streams.start();
        reporter.start();
    }

    /**
     * Waits until stream processing runs (partitions assigned, state restored), so "ready" means a new file is
     * acted on at once rather than after the first rebalance.
     *
     * @throws IllegalStateException if processing failed, or did not start within the timeout
     */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        streams.awaitRunning(timeout);
    }

    @Override
    public String name() {
        return "processors";
    }

    @Override
    public String describe() {
        List<Long> ages = settings.purgeRules().stream()
                .map(rule -> rule.maxAge().toSeconds())
                .distinct()
                .toList();
        String purging = ages.isEmpty()
                ? "purging nothing (no purge rules)"
                : "purging " + settings.purgeRules().size() + " rules after "
                        + ages.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " s idle";
        return "moving CASA logs under " + settings.paths().root() + " to "
                + settings.paths().logDir() + "; " + purging;
    }

    @Override
    public String failure() {
        return failure.reason();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The status's {@code details}, named and ordered as on the wire. */
    record Details(
            String streamsState,
            String applicationId,
            String groupInstanceId,
            String logDir,
            List<String> purgeRules) {}

    public StatusSnapshot status(boolean running) {
        List<String> issues = streams.issues(running);
        var details = new Details(
                streams.state().toString(),
                streams.applicationId(),
                streams.groupInstanceId(),
                settings.paths().logDir().toString(),
                settings.purgeRules().stream()
                        .map(r -> r.name() + ": " + r.root() + "/" + r.glob() + " after "
                                + r.maxAge().toSeconds() + " s")
                        .toList());
        return StatusSnapshot.of(
                settings.componentId(),
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
        reporter.close(); // the last status, running: false
        // Bounded: with the broker gone a send could wait a minute for metadata and a flush two minutes for
        // delivery, past systemd's 30 s.
        sender.close(Duration.ofSeconds(5));
    }
}
