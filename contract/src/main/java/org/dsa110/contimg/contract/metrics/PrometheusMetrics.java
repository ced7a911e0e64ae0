package org.dsa110.contimg.contract.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dsa110.contimg.contract.OneLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's metrics for Prometheus (Micrometer's Prometheus registry): the JVM's (memory, GC, threads, class
 * loading, CPU, uptime) and whatever the service binds, every series tagged with the component
 * ({@code component="sink"}). Micrometer names {@code contimg.sink.rows.written} as Prometheus expects,
 * {@code contimg_sink_rows_written_total}.
 */
public final class PrometheusMetrics implements AutoCloseable {

    /** What {@code GET /metrics} answers with: the Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(PrometheusMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

    public PrometheusMetrics(String component) {
        registry.config().commonTags("component", component);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Runs {@code refresh} before each scrape: for series read from a snapshot or a database, or whose set of
     * labels changes (a consumer group, a component), cheaper read when asked for than kept up to date.
     */
    public void beforeScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    /** Every series now, in {@link #CONTENT_TYPE}. */
    public String scrape() {
        for (Runnable refresh : beforeScrape) {
            try {
                refresh.run();
            } catch (RuntimeException e) {
                // One broken source must not cost the others their scrape; its series keep their last values.
                log.warn("Refreshing metrics before a scrape failed: {}", OneLine.of(e));
            }
        }
        return registry.scrape(CONTENT_TYPE);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
