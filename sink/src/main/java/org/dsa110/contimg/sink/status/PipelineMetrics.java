package org.dsa110.contimg.sink.status;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.sink.store.PointingHistory;
import org.dsa110.contimg.sink.write.PointingSink;

/**
 * The sink's and the pipeline's metrics for Prometheus, read from what the sink counts and from the monitor's latest
 * snapshot (the same facts as the status file, so the two never disagree):
 * <ul>
 *   <li>{@code contimg_sink_rows_written_total}, {@code contimg_sink_transits_written_total},
 *       {@code contimg_sink_dead_letters_total}, {@code contimg_sink_timestamp_conflicts_total};</li>
 *   <li>{@code contimg_pipeline_healthy} (1 or 0), {@code contimg_pipeline_issues};</li>
 *   <li>{@code contimg_extraction_files{result="extracted"|"failed"}}: files by their latest result since the sink
 *       started;</li>
 *   <li>{@code contimg_kafka_consumer_lag_records{group, topic}};</li>
 *   <li>{@code contimg_component_status_age_seconds{of}} and {@code contimg_component_healthy{of}} for each
 *       component that reports on {@code contimg.status};</li>
 *   <li>{@code contimg_pointing_newest_timestamp_seconds} (Unix time of the newest row's mid-time) and
 *       {@code contimg_pointing_declination_degrees} (its ICRS declination).</li>
 * </ul>
 * Per-group, per-topic and per-component series change as the pipeline does, so they are set again at each scrape
 * ({@link #refresh()}).
 */
public final class PipelineMetrics {

    private final PipelineMonitor monitor;
    private final PointingHistory history;
    private final MultiGauge lag;
    private final MultiGauge componentAge;
    private final MultiGauge componentHealthy;
    private volatile PointingHistory.Row newest;

    public PipelineMetrics(
            MeterRegistry registry, PointingSink sink, PipelineMonitor monitor, PointingHistory history) {
        this.monitor = monitor;
        this.history = history;
        FunctionCounter.builder(
                        "contimg.sink.rows.written", sink, s -> s.counters().rowsWritten())
                .description("rows written into pointing_history since the sink started")
                .register(registry);
        FunctionCounter.builder(
                        "contimg.sink.transits.written", sink, s -> s.counters().transitsWritten())
                .description("calibrator transits written into calibrator_transits since the sink started")
                .register(registry);
        FunctionCounter.builder(
                        "contimg.sink.dead.letters", sink, s -> s.counters().deadLetters())
                .description("unreadable records sent to contimg.dlq since the sink started")
                .register(registry);
        FunctionCounter.builder(
                        "contimg.sink.timestamp.conflicts",
                        sink,
                        s -> s.counters().conflicts())
                .description("observations refused because another file holds their mid-time")
                .register(registry);
        FunctionCounter.builder("contimg.pipeline.health.checks", monitor, PipelineMonitor::checks)
                .description("health checks of directories, database and Kafka (--health-check-interval)")
                .register(registry);
        Gauge.builder("contimg.pipeline.healthy", this, PipelineMetrics::healthy)
                .description("1 when the pipeline's status says healthy")
                .register(registry);
        Gauge.builder("contimg.pipeline.issues", this, PipelineMetrics::issues)
                .description("issues in the pipeline's status")
                .register(registry);
        for (String result : List.of("extracted", "failed")) {
            String field = result.equals("extracted") ? "files_succeeded" : "files_failed";
            // A gauge, not a counter: a file that failed and was then extracted moves from one result to the other.
            Gauge.builder("contimg.extraction.files", this, m -> m.number(field))
                    .tag("result", result)
                    .description("files whose latest extraction ended so, since the sink started")
                    .register(registry);
        }
        Gauge.builder("contimg.pointing.newest.timestamp", this, m -> m.newest(true))
                .baseUnit("seconds")
                .description("Unix time of the newest row's mid-time")
                .register(registry);
        Gauge.builder("contimg.pointing.declination", this, m -> m.newest(false))
                .baseUnit("degrees")
                .description("ICRS declination of the newest row")
                .register(registry);
        lag = MultiGauge.builder("contimg.kafka.consumer.lag")
                .baseUnit("records")
                .description("records each consumer group is behind on each topic")
                .register(registry);
        componentAge = MultiGauge.builder("contimg.component.status.age")
                .baseUnit("seconds")
                .description("age of each component's last snapshot on contimg.status")
                .register(registry);
        componentHealthy = MultiGauge.builder("contimg.component.healthy")
                .description("1 when a component's last snapshot says running and healthy")
                .register(registry);
    }

    /** Sets the series that come and go, and reads the newest row: called before each scrape. */
    public void refresh() {
        StatusSnapshot snapshot = monitor.latest();
        var lagRows = new ArrayList<MultiGauge.Row<?>>();
        var ageRows = new ArrayList<MultiGauge.Row<?>>();
        var healthyRows = new ArrayList<MultiGauge.Row<?>>();
        if (snapshot != null) {
            if (snapshot.details().get("kafka_lag") instanceof Map<?, ?> groups) {
                groups.forEach((group, topics) -> {
                    if (topics instanceof Map<?, ?> byTopic) {
                        byTopic.forEach((topic, records) -> {
                            if (records instanceof Number n) {
                                lagRows.add(MultiGauge.Row.of(
                                        Tags.of("group", group.toString(), "topic", topic.toString()), n));
                            }
                        });
                    }
                });
            }
            if (snapshot.details().get("components") instanceof Map<?, ?> components) {
                components.forEach((name, section) -> {
                    if (section instanceof Map<?, ?> c) {
                        Tags of = Tags.of("of", name.toString());
                        if (c.get("age_seconds") instanceof Number age) {
                            ageRows.add(MultiGauge.Row.of(of, age));
                        }
                        boolean healthy =
                                Boolean.TRUE.equals(c.get("running")) && Boolean.TRUE.equals(c.get("healthy"));
                        healthyRows.add(MultiGauge.Row.of(of, healthy ? 1 : 0));
                    }
                });
            }
        }
        lag.register(lagRows, true);
        componentAge.register(ageRows, true);
        componentHealthy.register(healthyRows, true);
        try {
            newest = history.latest();
        } catch (SQLException e) {
            newest = null; // no database yet: the gauges say NaN, the status says why
        }
    }

    private double newest(boolean time) {
        PointingHistory.Row row = newest;
        if (row == null) {
            return Double.NaN;
        }
        return time ? Mjd.toInstant(row.timestamp()).toEpochMilli() / 1000.0 : row.decDeg();
    }

    private double number(String field) {
        StatusSnapshot snapshot = monitor.latest();
        return snapshot != null && snapshot.metrics().get(field) instanceof Number n ? n.doubleValue() : 0;
    }

    private double healthy() {
        StatusSnapshot snapshot = monitor.latest();
        return snapshot != null && snapshot.healthy() ? 1 : 0;
    }

    private double issues() {
        StatusSnapshot snapshot = monitor.latest();
        return snapshot == null ? Double.NaN : snapshot.issues().size();
    }
}
