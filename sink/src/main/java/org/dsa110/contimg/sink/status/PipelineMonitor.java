package org.dsa110.contimg.sink.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.Outcome.Stage;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.WatchedDirectories;
import org.dsa110.contimg.contract.service.Failure;
import org.dsa110.contimg.contract.service.Service;
import org.dsa110.contimg.contract.status.ComponentId;
import org.dsa110.contimg.contract.status.StatusFields;
import org.dsa110.contimg.contract.status.StatusReporter;
import org.dsa110.contimg.contract.topics.ConsumerGroups;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.sink.write.PointingSink;
import org.dsa110.contimg.sink.write.SinkCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's status, as the old pointing monitor reported it and more. Reads {@code contimg.outcomes} and
 * {@code contimg.status} (through a {@link StatusFeed}); writes its {@link StatusSnapshot} (key
 * {@value #COMPONENT}) to {@code contimg.status} and, atomically, the {@link StatusFile} on the filesystem.
 *
 * <p>The status is checked every {@link MonitorSettings#checkInterval()} (or every status interval, if shorter), and
 * written every {@link MonitorSettings#statusInterval()}
 * or at once when its issues change, so alerting hears of a problem within seconds. It is unhealthy when a watched
 * directory is missing or unreadable, the database cannot be opened or written, Kafka does not answer, another
 * component has not reported for 2 minutes (or has stopped, or reports issues of its own), the sink is more than
 * {@value #MAX_POINTING_LAG} records behind on {@code contimg.pointing}, or more than 10 % of the last hour's
 * extractions failed.
 */
public final class PipelineMonitor implements Service {

    public static final String COMPONENT = ComponentId.PIPELINE_MONITOR;
    static final long MAX_POINTING_LAG = 1000;
    static final double MAX_FAILED_SHARE = 0.10;

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(PipelineMonitor.class);

    private final MonitorSettings settings;
    private final KafkaSettings kafka;
    private final PointingSink sink;
    private final Clock clock;
    private final Instant startedAt;
    private final OutcomeTally outcomes;
    private final ComponentStatuses components = new ComponentStatuses(COMPONENT);
    private final StatusFeed feed;
    private final Admin admin;
    private final ConsumerLag lag;
    private final TopicSender sender;
    private final StatusFile file;
    private final StatusReporter reporter;
    /** The issues of the last snapshot written (the reporter's thread only), to log a change of health once. */
    private List<String> lastIssues = List.of();

    private String fileError;
    private Map<String, Object> lagSection = Map.of();
    private List<String> lagIssues = List.of();
    private final Failure failure = new Failure("pipeline monitor");

    public PipelineMonitor(MonitorSettings settings, KafkaSettings kafka, PointingSink sink, Clock clock) {
        this.settings = settings;
        this.kafka = kafka;
        this.sink = sink;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.outcomes = new OutcomeTally(startedAt);
        this.feed = new StatusFeed(kafka, "contimg-monitor-" + settings.host(), outcomes, components, clock);
        this.admin = Admin.create(kafka.admin("contimg-monitor-" + settings.host()));
        var groups = new LinkedHashMap<>(settings.lagGroups());
        groups.put(sink.groupId(), ConsumerGroups.SINK.inputNames());
        this.lag = new ConsumerLag(admin, groups, KAFKA_TIMEOUT);
        Map<String, Object> producer = kafka.producer("contimg-monitor-" + settings.host());
        // While Kafka is down the status must still reach the file: a send gives up after 5 s, not a minute.
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        this.sender = new TopicSender(producer);
        this.file = new StatusFile(settings.statusFile());
        // Checked every --health-check-interval, written every --status-interval or at once on a change of issues.
        this.reporter = StatusReporter.of(COMPONENT, this::status, sender, failure)
                .every(settings.statusInterval())
                .checkingEvery(settings.checkInterval())
                .alsoTo(this::writeFile)
                .withClock(clock)
                .build();
    }

    @Override
    public void start() {
        feed.start();
        reporter.start();
    }

    @Override
    public String name() {
        return "pipeline monitor";
    }

    @Override
    public String failure() {
        return failure.reason() != null ? failure.reason() : feed.failure();
    }

    @Override
    public String describe() {
        return "status in " + file.path();
    }

    /** The last snapshot written, or {@code null} before the first. */
    public StatusSnapshot latest() {
        return reporter.latest();
    }

    public Path statusFile() {
        return file.path();
    }

    /** Health checks made since start (every {@link MonitorSettings#checkInterval()}). */
    public long checks() {
        return reporter.checks();
    }

    /** The status file first (the old monitor's readers), written whole; a failure to write it is an issue. */
    private void writeFile(StatusSnapshot snapshot) {
        try {
            file.write(snapshot);
            if (fileError != null) {
                log.info("The status file {} is written again", file.path());
            }
            fileError = null;
        } catch (IOException e) {
            String error = "cannot write the status file " + file.path() + ": " + OneLine.of(e);
            if (!error.equals(fileError)) {
                log.error(error);
            }
            fileError = error;
        }
        if (!snapshot.issues().equals(lastIssues)) {
            log.info(
                    snapshot.healthy() ? "Pipeline healthy" : "Pipeline unhealthy: {}",
                    String.join("; ", snapshot.issues()));
        }
        lastIssues = snapshot.issues();
    }

    private void measureLag() throws InterruptedException {
        var section = new LinkedHashMap<String, Object>();
        var issues = new ArrayList<String>();
        try {
            ConsumerLag.Lags lags = lag.measure();
            section.putAll(lags.byGroup());
            long pointingLag = lags.of(sink.groupId(), Topics.POINTING.name());
            if (pointingLag > MAX_POINTING_LAG) {
                issues.add("the sink is " + pointingLag + " records behind on " + Topics.POINTING.name());
            }
        } catch (ConsumerLag.Unreachable e) {
            issues.add("Kafka is unreachable at " + kafka.bootstrapServers() + ": " + e.getMessage());
            section.put("error", e.getMessage());
        }
        lagSection = section;
        lagIssues = issues;
    }

    /** The {@code sink} section of the details, named and ordered as on the wire. */
    record SinkSection(
            long rowsWritten,
            long transitsWritten,
            long deadLetters,
            String lastError,
            long timestampConflicts,
            String lastConflict,
            long unreadableStatusRecords,
            long statusDeadLetters) {}

    /** Builds the snapshot: every health rule, the old monitor's metrics, and the per-component sections. */
    StatusSnapshot status(boolean running) throws InterruptedException {
        Instant now = clock.instant();
        SinkCounters written = sink.counters();
        var issues = new LinkedHashSet<>(WatchedDirectories.issues(settings.watchedDirs()));
        if (sink.failure() != null) {
            issues.add("the pointing sink cannot go on: " + sink.failure());
        }
        if (failure() != null) {
            issues.add("the pipeline monitor cannot go on: " + failure());
        }
        if (written.lastError() != null) {
            issues.add(written.lastError());
        } else if (Files.exists(settings.productsDb()) && !Files.isWritable(settings.productsDb())) {
            issues.add("cannot write " + settings.productsDb() + ": the file is read-only");
        }
        if (fileError != null) {
            issues.add(fileError);
        }
        if (running) { // the last snapshot of a stopping monitor keeps the last measurement: no wait on Kafka
            measureLag();
        }
        issues.addAll(lagIssues);
        ComponentStatuses.View others = components.view(now);
        issues.addAll(others.issues());
        OutcomeTally.RecentExtractions recent = outcomes.recentExtractions(now);
        if (recent.failedShare() > MAX_FAILED_SHARE) {
            issues.add(String.format(
                    "%d of the last hour's %d extractions failed (%.0f %%)",
                    recent.failed(), recent.finished(), 100 * recent.failedShare()));
        }

        var details = new LinkedHashMap<String, Object>();
        details.put("watch_dir", settings.watchDir().toString());
        details.put("products_db", settings.productsDb().toString());
        details.put("status_file", file.path().toString());
        var extraction = new LinkedHashMap<String, Object>(outcomes.section(Stage.POINTING));
        extraction.put("finished_last_hour", recent.finished());
        extraction.put("failed_last_hour", recent.failed());
        details.put("extraction", extraction);
        details.put("log_moves", outcomes.section(Stage.LOG_MOVE));
        details.put("temp_purges", outcomes.section(Stage.TEMP_PURGE));
        var conflict = written.lastConflict();
        var sinkSection = new SinkSection(
                written.rowsWritten(),
                written.transitsWritten(),
                written.deadLetters(),
                written.lastError(),
                written.conflicts(),
                conflict == null
                        ? null
                        : conflict.refused() + " has the mid-time (MJD " + conflict.timestamp() + ") of "
                                + conflict.kept() + ", which keeps the row",
                feed.unreadable(),
                feed.deadLetters());
        details.put("sink", StatusFields.of(sinkSection));
        details.put("kafka_lag", lagSection);
        details.put("last_hour", outcomes.lastHour(now));
        details.put("recent_failures", outcomes.recentFailures());
        details.put("components", others.sections());
        List<String> issueList = new ArrayList<>(issues);
        return StatusSnapshot.of(
                COMPONENT, settings.host(), now, startedAt, running, issueList, outcomes.monitorMetrics(now), details);
    }

    /** Stops checking, then writes and publishes a last status that says {@code running: false}. */
    @Override
    public void close() {
        try {
            reporter.close();
        } finally {
            sender.close(Duration.ofSeconds(5));
            feed.close();
            admin.close(Duration.ofSeconds(5));
        }
    }
}
