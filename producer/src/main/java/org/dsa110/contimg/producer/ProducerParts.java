package org.dsa110.contimg.producer;

/**
 * The parts of a running producer that keep its counts, which its status ({@link ProducerStatus}) and its Prometheus
 * series ({@link ProducerMetrics}) read; neither writes into them.
 */
record ProducerParts(
        EventPublisher publisher,
        LiveWatching watching,
        WatchEvents watchEvents,
        ScanTally scans,
        UnannouncedFiles unannounced,
        SkippedEntries skipped) {}
