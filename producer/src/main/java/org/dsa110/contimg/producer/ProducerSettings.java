package org.dsa110.contimg.producer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.status.ComponentId;
import org.dsa110.contimg.contract.status.StatusReporter;

/**
 * How the producer watches.
 *
 * @param roots              directories watched recursively (data root, incoming, scratch); absolute
 * @param filter             which paths are worth publishing
 * @param coalesceWindow     events for one path within this window after its first are merged into one
 * @param rescanInterval     full rescan period while all is quiet (default 5 min)
 * @param busyRescanInterval rescan period while the last scan found more than {@code busyThreshold} files that
 *                           should have moved away (default 1 min)
 * @param busyThreshold      see {@code busyRescanInterval} (default 5)
 * @param pollInterval       rescan period without live watching (default 60 s)
 * @param polling            {@code true} to not use inotify at all (network filesystems; {@code --poll})
 * @param watchRetryInterval how often live watching is tried again after it failed (inotify limits), until it
 *                           works (default 5 min); never with {@code polling}
 * @param statusInterval     how often the status snapshot is published (default 30 s)
 * @param host               this host's name, in every event and in the component id
 * @param memoryFile         where the producer keeps what it published across restarts ({@link PublishedMemory}),
 *                           {@code <state>/producer/published-<host>}; {@code null}: in memory only, so a restart
 *                           publishes every file again
 */
public record ProducerSettings(
        List<Path> roots,
        IncludeFilter filter,
        Duration coalesceWindow,
        Duration rescanInterval,
        Duration busyRescanInterval,
        int busyThreshold,
        Duration pollInterval,
        boolean polling,
        Duration watchRetryInterval,
        Duration statusInterval,
        String host,
        Path memoryFile) {

    public static final Duration DEFAULT_COALESCE = Duration.ofMillis(250);

    public ProducerSettings {
        roots = roots.stream()
                .map(p -> p.toAbsolutePath().normalize())
                .distinct()
                .toList();
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(host, "host");
    }

    /** The defaults for the given paths: the processors' patterns, 250 ms, 5 min / 1 min / 60 s. */
    public static ProducerSettings defaults(PipelinePaths paths, String host) {
        return new ProducerSettings(
                List.of(paths.root(), paths.incoming(), paths.scratch()),
                IncludeFilter.defaults(paths),
                DEFAULT_COALESCE,
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                5,
                Duration.ofSeconds(60),
                false,
                Duration.ofMinutes(5),
                StatusReporter.DEFAULT_INTERVAL,
                host,
                PublishedMemory.fileFor(paths.state(), host));
    }

    public ProducerSettings withFilter(IncludeFilter newFilter) {
        return with(f -> f.filter = newFilter);
    }

    public ProducerSettings withPolling(boolean poll, Duration interval) {
        return with(f -> {
            f.polling = poll;
            f.pollInterval = interval;
        });
    }

    public ProducerSettings withCoalesceWindow(Duration window) {
        return with(f -> f.coalesceWindow = window);
    }

    /** Rescans every {@code interval} while quiet; while busy every minute, or {@code interval} if shorter. */
    public ProducerSettings withRescanIntervals(Duration interval) {
        Duration busy = interval.compareTo(busyRescanInterval) < 0 ? interval : busyRescanInterval;
        return with(f -> {
            f.rescanInterval = interval;
            f.busyRescanInterval = busy;
        });
    }

    /** Rescans every {@code interval}, quiet or busy. */
    public ProducerSettings withRescanInterval(Duration interval) {
        return with(f -> {
            f.rescanInterval = interval;
            f.busyRescanInterval = interval;
        });
    }

    /** Tries live watching again every {@code interval} after it failed. */
    public ProducerSettings withWatchRetryInterval(Duration interval) {
        return with(f -> f.watchRetryInterval = interval);
    }

    public ProducerSettings withStatusInterval(Duration interval) {
        return with(f -> f.statusInterval = interval);
    }

    /** The same, with its memory kept in {@code file} ({@code null}: in memory only). */
    public ProducerSettings withMemoryFile(Path file) {
        return with(f -> f.memoryFile = file);
    }

    /** The withers' one copy: these settings with {@code change} made to a copy of their fields. */
    private ProducerSettings with(Consumer<Fields> change) {
        var fields = new Fields(this);
        change.accept(fields);
        return fields.settings();
    }

    /** The fields of a {@link ProducerSettings}, to change some. */
    private static final class Fields {
        List<Path> roots;
        IncludeFilter filter;
        Duration coalesceWindow;
        Duration rescanInterval;
        Duration busyRescanInterval;
        int busyThreshold;
        Duration pollInterval;
        boolean polling;
        Duration watchRetryInterval;
        Duration statusInterval;
        String host;
        Path memoryFile;

        Fields(ProducerSettings settings) {
            roots = settings.roots;
            filter = settings.filter;
            coalesceWindow = settings.coalesceWindow;
            rescanInterval = settings.rescanInterval;
            busyRescanInterval = settings.busyRescanInterval;
            busyThreshold = settings.busyThreshold;
            pollInterval = settings.pollInterval;
            polling = settings.polling;
            watchRetryInterval = settings.watchRetryInterval;
            statusInterval = settings.statusInterval;
            host = settings.host;
            memoryFile = settings.memoryFile;
        }

        ProducerSettings settings() {
            return new ProducerSettings(
                    roots,
                    filter,
                    coalesceWindow,
                    rescanInterval,
                    busyRescanInterval,
                    busyThreshold,
                    pollInterval,
                    polling,
                    watchRetryInterval,
                    statusInterval,
                    host,
                    memoryFile);
        }
    }

    /** The component id of this producer in {@code contimg.status}. */
    public String componentId() {
        return ComponentId.producer(host);
    }

    /** The most specific configured root containing the path (roots may nest), or {@code null}. */
    public Path rootOf(Path path) {
        Path best = null;
        for (Path root : roots) {
            if (path.startsWith(root) && (best == null || root.getNameCount() > best.getNameCount())) {
                best = root;
            }
        }
        return best;
    }
}
