package org.dsa110.contimg.producer;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    final AtomicLong scans = new AtomicLong();
    final AtomicReference<TreeScanner.Result> lastScan = new AtomicReference<>(TreeScanner.Result.EMPTY);
    final AtomicReference<Instant> lastScanAt = new AtomicReference<>();
    final AtomicReference<String> lastDeliveryError = new AtomicReference<>();
    final AtomicReference<Instant> lastDeliveryErrorAt = new AtomicReference<>();
    private final Set<Path> loggedPaths = Collections.newSetFromMap(new ConcurrentHashMap<>());

    void badName(Path path) {
        badNames.incrementAndGet();
        if (firstTime(path)) {
            log.warn("Skipping a name that is not valid UTF-8 (it cannot be carried as text): {}",
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

    void deliveryFailed(String error, Instant at) {
        failed.incrementAndGet();
        lastDeliveryError.set(error);
        lastDeliveryErrorAt.set(at);
    }

    private boolean firstTime(Path path) {
        return loggedPaths.size() < LOGGED_PATHS && loggedPaths.add(path);
    }

    Map<String, Object> snapshot(int watchedDirectories) {
        var scan = lastScan.get();
        var metrics = new LinkedHashMap<String, Object>();
        metrics.put("events_published", published.get());
        metrics.put("events_acknowledged", acknowledged.get());
        metrics.put("events_failed", failed.get());
        metrics.put("events_in_flight", published.get() - acknowledged.get() - failed.get());
        metrics.put("events_coalesced", coalesced.get());
        metrics.put("watched_directories", watchedDirectories);
        metrics.put("overflow_count", overflows.get());
        metrics.put("scans", scans.get());
        metrics.put("last_scan_at", lastScanAt.get() == null ? null : lastScanAt.get().toString());
        metrics.put("last_scan_duration_ms", scan.nanos() / 1_000_000);
        metrics.put("last_scan_entries", scan.entries());
        metrics.put("last_scan_candidates", scan.candidates());
        metrics.put("last_scan_to_move", scan.toMove());
        metrics.put("scan_errors", scanErrors.get());
        metrics.put("bad_names", badNames.get());
        metrics.put("last_delivery_error", lastDeliveryError.get());
        metrics.put("last_delivery_error_at",
                lastDeliveryErrorAt.get() == null ? null : lastDeliveryErrorAt.get().toString());
        return metrics;
    }
}
