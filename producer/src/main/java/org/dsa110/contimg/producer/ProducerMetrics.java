package org.dsa110.contimg.producer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The producer's Prometheus series ({@code contimg_producer_*}), read from its {@link ProducerParts} at each scrape,
 * so the watcher's and the scanner's threads pay nothing for them.
 */
final class ProducerMetrics {

    private ProducerMetrics() {}

    static void bind(MeterRegistry registry, ProducerParts parts) {
        EventPublisher publisher = parts.publisher();
        LiveWatching watching = parts.watching();
        WatchEvents watchEvents = parts.watchEvents();
        ScanTally scans = parts.scans();
        SkippedEntries skipped = parts.skipped();
        counter(
                registry,
                "contimg.producer.events.published",
                publisher,
                EventPublisher::published,
                "file events handed to Kafka");
        counter(
                registry,
                "contimg.producer.events.acknowledged",
                publisher,
                EventPublisher::acknowledged,
                "file events the broker acknowledged");
        counter(
                registry,
                "contimg.producer.events.failed",
                publisher,
                EventPublisher::failed,
                "file events Kafka could not deliver");
        counter(
                registry,
                "contimg.producer.events.coalesced",
                watchEvents,
                WatchEvents::coalesced,
                "watch events merged into another");
        counter(
                registry,
                "contimg.producer.watch.overflows",
                watchEvents,
                WatchEvents::overflows,
                "inotify queue overflows (each rescans)");
        counter(
                registry,
                "contimg.producer.unannounced.files",
                parts.unannounced(),
                UnannouncedFiles::total,
                "new or changed files a periodic rescan found that no watch event announced");
        counter(
                registry,
                "contimg.producer.scans",
                scans,
                ScanTally::scans,
                "tree scans (start-up, periodic, targeted)");
        counter(
                registry,
                "contimg.producer.watch.mode.changes",
                watching,
                LiveWatching::changeCount,
                "changes of watch mode (to polling, back to inotify)");
        counter(
                registry,
                "contimg.producer.scan.errors",
                skipped,
                SkippedEntries::scanErrors,
                "entries a scan could not read");
        counter(
                registry,
                "contimg.producer.bad.names",
                skipped,
                SkippedEntries::badNames,
                "names skipped for not being valid UTF-8");
        counter(
                registry,
                "contimg.producer.rescan.unchanged.files",
                scans,
                ScanTally::unchangedTotal,
                "rescan candidates not published again: unchanged since published");
        Gauge.builder("contimg.producer.events.in.flight", publisher, EventPublisher::inFlight)
                .description("file events handed to Kafka and not yet acknowledged")
                .register(registry);
        Gauge.builder("contimg.producer.watched.directories", watching, LiveWatching::watchedDirectories)
                .description("directories watched live (inotify)")
                .register(registry);
        for (WatchMode mode : WatchMode.values()) {
            Gauge.builder("contimg.producer.watch.mode", watching, w -> w.mode() == mode ? 1 : 0)
                    .tag("mode", mode.label())
                    .description("1 for the producer's watch mode: inotify, or polling (scans only)")
                    .register(registry);
        }
        Gauge.builder("contimg.producer.files.remembered", publisher, EventPublisher::remembered)
                .description("candidates remembered as published (a rescan skips them while unchanged)")
                .register(registry);
        Gauge.builder(
                        "contimg.producer.casa.logs.in.place",
                        scans,
                        s -> s.last().toMove())
                .description("CASA logs the last scan found still in the data tree, not yet moved")
                .register(registry);
        TimeGauge.builder(
                        "contimg.producer.last.scan.duration",
                        scans,
                        TimeUnit.NANOSECONDS,
                        s -> s.last().nanos())
                .description("how long the last scan took")
                .register(registry);
        Gauge.builder("contimg.producer.last.scan.timestamp", scans, s -> {
                    Instant at = s.lastAt();
                    return at == null ? Double.NaN : at.toEpochMilli() / 1000.0;
                })
                .baseUnit("seconds")
                .description("Unix time the last scan ended")
                .register(registry);
    }

    private static <T> void counter(
            MeterRegistry registry, String name, T part, ToDoubleFunction<T> count, String description) {
        FunctionCounter.builder(name, part, count).description(description).register(registry);
    }
}
