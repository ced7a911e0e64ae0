package org.dsa110.contimg.producer;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.dsa110.contimg.contract.FileEvent;

/**
 * Merges bursts of watch events for one path. The first event is passed on at once, so a new file is published
 * without delay; further events for the same path within the window are held, and one event for the path's
 * latest state is passed on when the window closes. A CASA log being appended to, which raises an event per
 * write, costs at most two events per window instead of hundreds.
 *
 * <p>Nothing runs while no window is open: each new window calls {@code opened}, whose owner calls
 * {@link #closeDue()} when the window ends, and again for as long as that says windows remain (an idle producer
 * wakes for nothing: docs/performance.md, "Cost at rest").
 */
final class BurstCoalescer {

    private record Window(long closesAtNanos, FileEvent.Kind held) {}

    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final BiConsumer<Path, FileEvent.Kind> downstream;
    private final Runnable opened;
    private final ConcurrentHashMap<Path, Window> open = new ConcurrentHashMap<>();

    /**
     * @param opened called after each window opens, on the offering thread: {@link #closeDue()} is due within
     *               {@link #windowNanos()}
     */
    BurstCoalescer(
            long windowNanos, LongSupplier nanoTime, BiConsumer<Path, FileEvent.Kind> downstream, Runnable opened) {
        this.windowNanos = windowNanos;
        this.nanoTime = nanoTime;
        this.downstream = downstream;
        this.opened = opened;
    }

    long windowNanos() {
        return windowNanos;
    }

    /** @return {@code true} if the event was passed on now, {@code false} if it is held for the window's end */
    boolean offer(Path path, FileEvent.Kind kind) {
        if (windowNanos <= 0) {
            downstream.accept(path, kind);
            return true;
        }
        boolean[] first = {false};
        open.compute(path, (p, window) -> {
            if (window == null) {
                first[0] = true;
                return new Window(nanoTime.getAsLong() + windowNanos, null);
            }
            return new Window(window.closesAtNanos(), merge(window.held(), kind));
        });
        if (first[0]) {
            downstream.accept(path, kind);
            opened.run();
        }
        return first[0];
    }

    /**
     * Closes every window that is due: passes on what each held. Called by one thread at a time.
     *
     * @return nanoseconds until the next open window closes, or -1 when none is open
     */
    long closeDue() {
        long now = nanoTime.getAsLong();
        long next = -1;
        for (var entry : open.entrySet()) {
            long left = entry.getValue().closesAtNanos() - now;
            if (left <= 0) {
                Window closed = open.remove(entry.getKey());
                if (closed != null && closed.held() != null) {
                    downstream.accept(entry.getKey(), closed.held());
                }
            } else if (next < 0 || left < next) {
                next = left;
            }
        }
        return next;
    }

    /** Passes on everything held, now (at shutdown). */
    void closeAll() {
        for (var path : open.keySet()) {
            Window closed = open.remove(path);
            if (closed != null && closed.held() != null) {
                downstream.accept(path, closed.held());
            }
        }
    }

    int openWindows() {
        return open.size();
    }

    /** What one event says after another within a window; the path is stat'ed again when passed on anyway. */
    private static FileEvent.Kind merge(FileEvent.Kind held, FileEvent.Kind next) {
        if (held == FileEvent.Kind.CREATED && next == FileEvent.Kind.MODIFIED) {
            return FileEvent.Kind.CREATED;
        }
        return next;
    }
}
