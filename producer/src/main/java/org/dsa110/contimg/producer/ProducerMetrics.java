package org.dsa110.contimg.producer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The producer's counters, shared by its threads, and the metrics section of its status snapshot. */
final class ProducerMetrics {

    private static final Logger log = LoggerFactory.getLogger(ProducerMetrics.class);
    /** Problem paths are logged once each, up to this many; the counters go on counting. */
    private static final int LOGGED_PATHS = 1000;

    final AtomicLong published = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong coalesced = new AtomicLong();
    final AtomicLong badNames = new AtomicLong();
    final AtomicLong scanErrors = new AtomicLong();
    final AtomicLong overflows = new AtomicLong();
    /** Changes of watch mode: to polling when watching failed, back to inotify when a retry worked. */
    final AtomicLong watchModeChanges = new AtomicLong();
    /** Rescan candidates not published: unchanged since this run last published them. */
    final AtomicLong unchanged = new AtomicLong();

    final AtomicLong unannouncedTotal = new AtomicLong();
    /** What the last periodic rescan found that no watch event announced; {@code null} before the first. */
    final AtomicReference<Unannounced> lastUnannounced = new AtomicReference<>();
    /** The last rescan that found any; {@code null} if none has. */
    final AtomicReference<Unannounced> lastUnannouncedFind = new AtomicReference<>();

    final AtomicLong scans = new AtomicLong();
    final AtomicReference<TreeScanner.Result> lastScan = new AtomicReference<>(TreeScanner.Result.EMPTY);
    final AtomicReference<Instant> lastScanAt = new AtomicReference<>();
    final AtomicReference<String> lastDeliveryError = new AtomicReference<>();
    final AtomicReference<Instant> lastDeliveryErrorAt = new AtomicReference<>();
    private final Set<Path> loggedPaths = Collections.newSetFromMap(new ConcurrentHashMap<>());

    void badName(Path path) {
        badNames.incrementAndGet();
        if (firstTime(path)) {
            log.warn(
                    "Skipping a name that is not valid UTF-8 (it cannot be carried as text): {}",
                    Names.printable(path));
        }
    }

    void scanError(Path path, IOException e) {
        scanErrors.incrementAndGet();
        if (firstTime(path)) {
            String why = e instanceof AccessDeniedException ? "permission denied" : e.toString();
            log.warn("Cannot scan {}: {}", Names.printable(path), why);
        }
    }

    /** The unannounced files of one periodic rescan: how many, the first, when. */
    record Unannounced(int count, String first, Instant at) {}

    void unannounced(List<String> paths, Instant at) {
        unannouncedTotal.addAndGet(paths.size());
        var found = new Unannounced(paths.size(), paths.isEmpty() ? null : paths.get(0), at);
        lastUnannounced.set(found);
        if (!paths.isEmpty()) {
            lastUnannouncedFind.set(found);
        }
    }

    void deliveryFailed(String error, Instant at) {
        failed.incrementAndGet();
        lastDeliveryError.set(error);
        lastDeliveryErrorAt.set(at);
    }

    private boolean firstTime(Path path) {
        return loggedPaths.size() < LOGGED_PATHS && loggedPaths.add(path);
    }

    /**
     * The counters and gauges above as Prometheus series ({@code contimg_producer_*}), read from the same atomics at
     * each scrape, so the watcher's and the scanner's threads pay nothing for them.
     *
     * @param producer what the gauges of the live state read: watch mode, watched directories, remembered files
     */
    void bindTo(MeterRegistry registry, ProducerService producer) {
        counter(registry, "contimg.producer.events.published", published, "file events handed to Kafka");
        counter(registry, "contimg.producer.events.acknowledged", acknowledged, "file events the broker acknowledged");
        counter(registry, "contimg.producer.events.failed", failed, "file events Kafka could not deliver");
        counter(registry, "contimg.producer.events.coalesced", coalesced, "watch events merged into another");
        counter(registry, "contimg.producer.watch.overflows", overflows, "inotify queue overflows (each rescans)");
        counter(
                registry,
                "contimg.producer.unannounced.files",
                unannouncedTotal,
                "new or changed files a periodic rescan found that no watch event announced");
        counter(registry, "contimg.producer.scans", scans, "tree scans (start-up, periodic, targeted)");
        counter(
                registry,
                "contimg.producer.watch.mode.changes",
                watchModeChanges,
                "changes of watch mode (to polling, back to inotify)");
        counter(registry, "contimg.producer.scan.errors", scanErrors, "entries a scan could not read");
        counter(registry, "contimg.producer.bad.names", badNames, "names skipped for not being valid UTF-8");
        counter(
                registry,
                "contimg.producer.rescan.unchanged.files",
                unchanged,
                "rescan candidates not published again: unchanged since published");
        Gauge.builder(
                        "contimg.producer.events.in.flight",
                        this,
                        m -> m.published.get() - m.acknowledged.get() - m.failed.get())
                .description("file events handed to Kafka and not yet acknowledged")
                .register(registry);
        Gauge.builder("contimg.producer.watched.directories", producer, ProducerService::watchedDirectories)
                .description("directories watched live (inotify)")
                .register(registry);
        for (WatchMode mode : WatchMode.values()) {
            Gauge.builder("contimg.producer.watch.mode", producer, p -> p.mode() == mode ? 1 : 0)
                    .tag("mode", mode.label())
                    .description("1 for the producer's watch mode: inotify, or polling (scans only)")
                    .register(registry);
        }
        Gauge.builder("contimg.producer.files.remembered", producer, ProducerService::rememberedFiles)
                .description("candidates remembered as published (a rescan skips them while unchanged)")
                .register(registry);
        Gauge.builder(
                        "contimg.producer.casa.logs.in.place",
                        this,
                        m -> m.lastScan.get().toMove())
                .description("CASA logs the last scan found still in the data tree, not yet moved")
                .register(registry);
        TimeGauge.builder(
                        "contimg.producer.last.scan.duration",
                        this,
                        TimeUnit.NANOSECONDS,
                        m -> m.lastScan.get().nanos())
                .description("how long the last scan took")
                .register(registry);
        Gauge.builder("contimg.producer.last.scan.timestamp", this, m -> {
                    Instant at = m.lastScanAt.get();
                    return at == null ? Double.NaN : at.toEpochMilli() / 1000.0;
                })
                .baseUnit("seconds")
                .description("Unix time the last scan ended")
                .register(registry);
    }

    private static void counter(MeterRegistry registry, String name, AtomicLong value, String description) {
        FunctionCounter.builder(name, value, AtomicLong::get)
                .description(description)
                .register(registry);
    }

    Map<String, Object> snapshot(int watchedDirectories, int remembered, long notRemembered) {
        var scan = lastScan.get();
        var metrics = new LinkedHashMap<String, Object>();
        metrics.put("events_published", published.get());
        metrics.put("events_acknowledged", acknowledged.get());
        metrics.put("events_failed", failed.get());
        metrics.put("events_in_flight", published.get() - acknowledged.get() - failed.get());
        metrics.put("events_coalesced", coalesced.get());
        metrics.put("watched_directories", watchedDirectories);
        metrics.put("overflow_count", overflows.get());
        metrics.put("watch_mode_changes", watchModeChanges.get());
        metrics.put("scans", scans.get());
        metrics.put(
                "last_scan_at",
                lastScanAt.get() == null ? null : lastScanAt.get().toString());
        metrics.put("last_scan_duration_ms", scan.nanos() / 1_000_000);
        metrics.put("last_scan_entries", scan.entries());
        metrics.put("last_scan_candidates", scan.candidates());
        metrics.put("last_scan_published", scan.published());
        metrics.put(
                "last_scan_unannounced",
                lastUnannounced.get() == null ? 0 : lastUnannounced.get().count());
        metrics.put("unannounced_total", unannouncedTotal.get());
        metrics.put(
                "last_unannounced_at",
                lastUnannouncedFind.get() == null
                        ? null
                        : lastUnannouncedFind.get().at().toString());
        metrics.put("rescan_unchanged_total", unchanged.get());
        metrics.put("candidates_remembered", remembered);
        metrics.put("candidates_not_remembered", notRemembered);
        metrics.put("last_scan_to_move", scan.toMove());
        metrics.put("scan_errors", scanErrors.get());
        metrics.put("bad_names", badNames.get());
        metrics.put("last_delivery_error", lastDeliveryError.get());
        metrics.put(
                "last_delivery_error_at",
                lastDeliveryErrorAt.get() == null
                        ? null
                        : lastDeliveryErrorAt.get().toString());
        return metrics;
    }
}
