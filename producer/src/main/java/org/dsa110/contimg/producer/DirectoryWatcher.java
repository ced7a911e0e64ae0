package org.dsa110.contimg.producer;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.service.DaemonThreads;
import org.dsa110.contimg.contract.service.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live watching of many directories with the JDK {@link WatchService} (inotify on Linux), one watch per
 * directory. Renames into a directory arrive as creations ({@code IN_MOVED_TO}), renames out as deletions.
 *
 * <p>The JDK keeps at most 512 pending events per directory and replaces the rest with one {@code OVERFLOW}:
 * in a burst that is the normal case, so the listener rescans the directory. A registration that fails (the
 * {@code fs.inotify.max_user_watches} limit, a filesystem without inotify) is reported once; the producer then
 * relies on periodic scans.
 */
final class DirectoryWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DirectoryWatcher.class);

    /** What the watcher tells the producer. Called on the watcher's thread. */
    interface Listener {
        void changed(Path path, FileEvent.Kind kind);

        void overflowed(Path directory);

        void registrationFailed(Path directory, IOException reason);
    }

    private final WatchService service;
    private final Listener listener;
    private final ConcurrentHashMap<WatchKey, Path> directories = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Path, WatchKey> keys = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean held;
    /** Set by the watcher's thread once it has stopped taking events for {@link #hold()}. */
    private volatile boolean holding;

    /** @param failure where the watching thread's death is recorded, so the producer stops rather than go deaf */
    DirectoryWatcher(WatchService service, Listener listener, Failure failure) {
        this.service = service;
        this.listener = listener;
        this.thread = DaemonThreads.named("contimg-watcher").newThread(failure.guard("live watching", this::run));
    }

    void start() {
        thread.start();
    }

    /**
     * Watches the directory (not its subdirectories). Idempotent.
     *
     * @return {@code false} if it could not be watched; the listener has heard why
     */
    boolean register(Path directory) {
        if (keys.containsKey(directory)) {
            return true;
        }
        try {
            WatchKey key = directory.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
            directories.put(key, directory);
            keys.put(directory, key);
            return true;
        } catch (NoSuchFileException | NotDirectoryException e) {
            return false; // gone, or replaced by a file, before it could be watched: nothing to watch
        } catch (IOException e) {
            listener.registrationFailed(directory, e);
            return false;
        } catch (ClosedWatchServiceException e) {
            return false;
        }
    }

    boolean isWatched(Path directory) {
        return keys.containsKey(directory);
    }

    int watchedCount() {
        return keys.size();
    }

    /**
     * Stops taking events from the watch service until {@link #release()}: they pile up in the JDK's keys (and
     * overflow past 512 per directory) exactly as on a host too busy to read them. For tests of that case.
     */
    void hold() {
        held = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!holding && thread.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the thread finishes the poll it is in (at most 200 ms), then holds
        }
    }

    void release() {
        held = false;
    }

    private void run() {
        while (running) {
            WatchKey key;
            try {
                if (held) {
                    holding = true;
                    TimeUnit.MILLISECONDS.sleep(50);
                    continue;
                }
                holding = false;
                key = service.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            if (key == null) {
                continue;
            }
            Path directory = directories.get(key);
            if (directory != null) {
                try {
                    deliver(directory, key);
                } catch (RuntimeException e) {
                    // One bad event must not stop the watching of every directory.
                    log.error("Handling events of {} failed: {}", Names.printable(directory), e.toString(), e);
                }
            }
            if (!key.reset()) {
                // The directory was deleted or unmounted: its watch is gone.
                directories.remove(key);
                if (directory != null) {
                    keys.remove(directory, key);
                }
            }
        }
    }

    private void deliver(Path directory, WatchKey key) {
        for (WatchEvent<?> event : key.pollEvents()) {
            WatchEvent.Kind<?> kind = event.kind();
            if (kind == OVERFLOW) {
                listener.overflowed(directory);
                continue;
            }
            Path child = directory.resolve((Path) event.context());
            if (kind == ENTRY_CREATE) {
                listener.changed(child, FileEvent.Kind.CREATED);
            } else if (kind == ENTRY_DELETE) {
                listener.changed(child, FileEvent.Kind.DELETED);
            } else if (kind == ENTRY_MODIFY) {
                listener.changed(child, FileEvent.Kind.MODIFIED);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            service.close();
        } catch (IOException e) {
            log.warn("Closing the watch service failed: {}", e.toString());
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
