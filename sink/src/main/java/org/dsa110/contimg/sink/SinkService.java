package org.dsa110.contimg.sink;

import io.micrometer.core.instrument.binder.jvm.DiskSpaceMetrics;
import java.time.Clock;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.metrics.PrometheusMetrics;
import org.dsa110.contimg.contract.service.Service;
import org.dsa110.contimg.contract.service.Services;
import org.dsa110.contimg.contract.topics.ConsumerGroups;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
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

    public SinkService(
            KafkaSettings kafka,
            Membership membership,
            MonitorSettings settings,
            String httpHost,
            int httpPort,
            TransitFinder transits,
            Clock clock) {
        this.sink = new PointingSink(kafka, settings.productsDb(), clock, ConsumerGroups.SINK.id(), membership);
        this.monitor = new PipelineMonitor(settings, kafka, sink, clock);
        this.settings = settings;
        this.history = new PointingHistory(settings.productsDb());
        this.api = new StatusApi(httpHost, httpPort, settings.statusFile(), history, transits, clock);
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
