package org.dsa110.contimg.producer;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.dsa110.contimg.contract.service.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's live watching and its {@link WatchMode}: the watch service, the fallback to polling when a watch
 * cannot be had (no inotify instance, {@code fs.inotify.max_user_watches} reached) and the return to live watching
 * when a retry works. The last {@link #MODE_CHANGES_KEPT} changes are kept with their reasons, for the status.
 *
 * <p>Falling back is immediate and said once, in one line; the producer's rescans then run at least every poll
 * interval. A return registers every directory with a new watch service through a full rescan, which also publishes
 * what changed meanwhile, so nothing falls between the modes.
 */
final class LiveWatching {

    private static final Logger log = LoggerFactory.getLogger(LiveWatching.class);
    private static final int MODE_CHANGES_KEPT = 10;

    /** Where watch services come from: the default filesystem's, or (in tests) one that fails like a full host. */
    @FunctionalInterface
    interface WatchServices {
        WatchService open() throws IOException;
    }

    /** One change of watch mode: when, to which, and why. */
    record ModeChange(Instant at, String mode, String reason) {}

    private final WatchServices services;
    private final DirectoryWatcher.Listener listener;
    private final Failure failure;
    private final Clock clock;
    private final Duration pollInterval;
    private final AtomicReference<String> unavailable = new AtomicReference<>();
    private final Deque<ModeChange> changes = new ConcurrentLinkedDeque<>();
    private final AtomicLong changeCount = new AtomicLong();
    private volatile DirectoryWatcher watcher;
    /** While a retry runs: its failures are reported once, by the retry. */
    private volatile boolean retrying;

    LiveWatching(
            WatchServices services,
            DirectoryWatcher.Listener listener,
            Failure failure,
            Clock clock,
            Duration pollInterval) {
        this.services = services;
        this.listener = listener;
        this.failure = failure;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    /**
     * Opens the watch service; its events flow once {@link #start()} is called. If none can be had, the producer
     * polls from the start.
     *
     * @return whether live watching is unavailable from the start (the caller brings its rescans forward)
     */
    boolean open() {
        try {
            watcher = new DirectoryWatcher(services.open(), listener, failure);
            return false;
        } catch (IOException e) {
            return unavailable("cannot create an inotify instance: " + e.getMessage());
        }
    }

    void start() {
        DirectoryWatcher current = watcher;
        if (current != null) {
            current.start();
        }
    }

    /**
     * Live watching failed ({@code reason}): the producer polls until a retry works. Said once, whatever the number
     * of directories that fail.
     *
     * @return whether this is the failure that ended live watching (the caller brings the next rescan forward)
     */
    boolean unavailable(String reason) {
        if (!unavailable.compareAndSet(null, reason)) {
            return false;
        }
        if (!retrying) { // still polling, as before the retry: the retry says so in one line
            changed(WatchMode.POLLING, reason);
            log.error(
                    "Live watching is not available ({}); falling back to a full scan every {} s. On Linux, raise "
                            + "fs.inotify.max_user_watches (sysctl) to watch large trees.",
                    reason,
                    pollInterval.toSeconds());
        }
        return true;
    }

    /**
     * While polling, tries live watching again (an operator may have raised {@code fs.inotify.max_user_watches}): a
     * new watch service, then {@code registerAll} (a full rescan, which registers every directory with it and
     * publishes what changed meanwhile). Runs on the scanner thread.
     */
    void retry(Runnable registerAll, Duration retryInterval) {
        String before = unavailable.get();
        if (before == null) {
            return;
        }
        DirectoryWatcher fresh;
        try {
            fresh = new DirectoryWatcher(services.open(), listener, failure);
        } catch (IOException e) {
            log.info("Live watching is still unavailable (cannot create an inotify instance: {})", e.getMessage());
            return;
        }
        retrying = true;
        DirectoryWatcher old = watcher;
        try {
            watcher = fresh;
            unavailable.set(null);
            fresh.start();
            if (old != null) {
                old.close();
            }
            registerAll.run();
        } finally {
            retrying = false;
        }
        String still = unavailable.get();
        if (still == null) {
            changed(WatchMode.INOTIFY, "live watching is available again (it was not: " + before + ")");
            log.info(
                    "Live watching is back: {} directories watched (inotify); it was unavailable ({})",
                    watchedDirectories(),
                    before);
        } else {
            log.info("Live watching is still unavailable ({}); trying again in {} s", still, retryInterval.toSeconds());
        }
    }

    private void changed(WatchMode mode, String reason) {
        changes.addLast(new ModeChange(clock.instant(), mode.label(), reason));
        while (changes.size() > MODE_CHANGES_KEPT) {
            changes.pollFirst();
        }
        changeCount.incrementAndGet();
    }

    /** Watches {@code directory} live, if there is a watcher. */
    void register(Path directory) {
        DirectoryWatcher current = watcher;
        if (current != null) {
            current.register(directory);
        }
    }

    /** The live watcher, {@code null} while there is none (polling from the start). */
    DirectoryWatcher watcher() {
        return watcher;
    }

    /** {@link WatchMode#INOTIFY} while every directory is watched live, {@link WatchMode#POLLING} otherwise. */
    WatchMode mode() {
        return watcher != null && unavailable.get() == null ? WatchMode.INOTIFY : WatchMode.POLLING;
    }

    /** Why live watching is unavailable, {@code null} while it is not. */
    String unavailableReason() {
        return unavailable.get();
    }

    int watchedDirectories() {
        DirectoryWatcher current = watcher;
        return current == null ? 0 : current.watchedCount();
    }

    /** The last changes of mode, oldest first. */
    List<ModeChange> changes() {
        return List.copyOf(changes);
    }

    long changeCount() {
        return changeCount.get();
    }

    void close() {
        DirectoryWatcher current = watcher;
        if (current != null) {
            current.close();
        }
    }
}
