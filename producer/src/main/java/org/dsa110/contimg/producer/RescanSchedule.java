package org.dsa110.contimg.producer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * When the producer's next periodic rescan is due, and that only one runs at a time. Adaptive, like the old daemon:
 * every {@code busyRescanInterval} while the last scan found more than {@code busyThreshold} CASA logs still in place
 * (events were missed or the movers are behind), else every {@code rescanInterval}; without live watching, at least
 * every {@code pollInterval}. A failed delivery or a fallback to polling brings the next one forward.
 */
final class RescanSchedule {

    private final ProducerSettings settings;
    private final LongSupplier nanoTime;
    private final AtomicBoolean running = new AtomicBoolean();
    private long dueNanos;

    RescanSchedule(ProducerSettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    /** The next rescan is due after the delay that {@code last} calls for. */
    synchronized void after(TreeScanner.Result last, boolean polling) {
        dueNanos =
                nanoTime.getAsLong() + nextRescanDelay(settings, last, polling).toNanos();
    }

    /** Brings the next rescan forward to at most {@code delay} from now. */
    synchronized void within(Duration delay) {
        long due = nanoTime.getAsLong() + delay.toNanos();
        if (dueNanos - due > 0) {
            dueNanos = due;
        }
    }

    /**
     * Claims the next rescan if it is due and none is running; the claimant calls {@link #done()} when it ends.
     *
     * @return whether the caller is to run the rescan now
     */
    boolean claimIfDue() {
        synchronized (this) {
            if (nanoTime.getAsLong() - dueNanos < 0) {
                return false;
            }
        }
        return running.compareAndSet(false, true);
    }

    void done() {
        running.set(false);
    }

    static Duration nextRescanDelay(ProducerSettings settings, TreeScanner.Result last, boolean polling) {
        Duration delay =
                last.toMove() > settings.busyThreshold() ? settings.busyRescanInterval() : settings.rescanInterval();
        if (polling && settings.pollInterval().compareTo(delay) < 0) {
            delay = settings.pollInterval();
        }
        return delay;
    }
}
