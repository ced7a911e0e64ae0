package org.dsa110.contimg.producer;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The producer's scans: how many, what the last one saw and when it ended, and what rescans left unpublished. */
final class ScanTally {

    private final AtomicLong scans = new AtomicLong();
    private final AtomicReference<TreeScanner.Result> last = new AtomicReference<>(TreeScanner.Result.EMPTY);
    private final AtomicReference<Instant> lastAt = new AtomicReference<>();
    /** Rescan candidates not published: unchanged since this run last published them. */
    private final AtomicLong unchanged = new AtomicLong();

    /** A scan of every root ended at {@code at}, having seen {@code result}. */
    void scanned(TreeScanner.Result result, Instant at) {
        scans.incrementAndGet();
        last.set(result);
        lastAt.set(at);
    }

    /** A rescan passed over a candidate unchanged since it was published. */
    void unchanged() {
        unchanged.incrementAndGet();
    }

    long scans() {
        return scans.get();
    }

    TreeScanner.Result last() {
        return last.get();
    }

    /** When the last scan of every root ended, {@code null} before the first. */
    Instant lastAt() {
        return lastAt.get();
    }

    long unchangedTotal() {
        return unchanged.get();
    }
}
