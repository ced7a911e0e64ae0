package org.dsa110.contimg.sink;

import io.micrometer.core.instrument.binder.jvm.DiskSpaceMetrics;
import java.time.Clock;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.metrics.PrometheusMetrics;
import org.dsa110.contimg.contract.service.Service;
import org.dsa110.contimg.contract.service.Services;
import org.dsa110.contimg.contract.topics.ConsumerGroups;
import org.dsa110.contimg.sink.http.StatusApi;
import org.dsa110.contimg.sink.status.MonitorSettings;
import org.dsa110.contimg.sink.status.PipelineMetrics;
import org.dsa110.contimg.sink.status.PipelineMonitor;
import org.dsa110.contimg.sink.store.PointingHistory;
import org.dsa110.contimg.sink.write.PointingSink;

/**
 * The sink as one service ({@code contimg sink}, and the sink of {@code contimg up}): the {@link PointingSink}
 * writing {@code pointing_history} (group {@link ConsumerGroups#SINK}), the {@link PipelineMonitor} publishing the
 * pipeline's status, and the {@link StatusApi} serving both, the dashboard and, once given a registry
 * ({@link #withMetrics}), {@code GET /metrics}.
 *
 * <p>Started monitor, sink, API; so closed API first (no request reads a closing store), then the sink (its last
 * batch written and committed), then the monitor, whose last status then counts every row.
 */
public final class SinkService implements Service {

    private final PointingSink sink;
    private final PipelineMonitor monitor;
    private final StatusApi api;
    private final PointingHistory history;
    private final MonitorSettings settings;

    private final Services parts = new Services();

    /** Assembles the writer, the monitor and the API from one {@link SinkSettings}; {@link #start()} starts them. */
    public SinkService(KafkaSettings kafka, SinkSettings settings, Clock clock) {
        MonitorSettings monitorSettings = settings.monitor();
        this.sink = new PointingSink(
                kafka, monitorSettings.productsDb(), clock, ConsumerGroups.SINK.id(), settings.membership());
        this.monitor = new PipelineMonitor(monitorSettings, kafka, sink, clock);
        this.settings = monitorSettings;
        this.history = new PointingHistory(monitorSettings.productsDb());
        this.api = new StatusApi(
                settings.httpHost(),
                settings.httpPort(),
                monitorSettings.statusFile(),
                history,
                settings.transits(),
                clock);
    }

    /**
     * Adds the sink's and the pipeline's series ({@link PipelineMetrics}) and the free space of the state directory's
     * disk to {@code metrics}, and serves all of {@code metrics} (in {@code contimg up}, the producer's and the
     * processors' too) at the API's {@code GET /metrics}. Before {@link #start()}.
     */
    public SinkService withMetrics(PrometheusMetrics metrics) {
        var pipeline = new PipelineMetrics(metrics.registry(), sink, monitor, history);
        new DiskSpaceMetrics(settings.productsDb().toAbsolutePath().getParent().toFile()).bindTo(metrics.registry());
        metrics.beforeScrape(pipeline::refresh);
        api.withMetrics(metrics);
        return this;
    }

    @Override
    public void start() throws Exception {
        parts.start(monitor);
        parts.start(sink);
        parts.start(api);
    }

    @Override
    public String name() {
        return "sink";
    }

    @Override
    public String describe() {
        return sink.describe() + ", " + monitor.describe() + ", " + api.describe();
    }

    @Override
    public String failure() {
        return parts.failure();
    }

    /** The writer, for tests that make its loop fail. */
    PointingSink sink() {
        return sink;
    }

    public StatusApi api() {
        return api;
    }

    @Override
    public void close() {
        parts.close();
    }
}
