package org.dsa110.contimg.producer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.dsa110.contimg.contract.FileEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the producer does with each watch event: a new directory is watched, then listed (what was created in it
 * before the watch is found); a deleted path is forgotten as published; a candidate with a name that can be carried as
 * text goes to the {@link BurstCoalescer}, which passes it on once its burst ends; an overflowed directory is listed
 * again; a directory that cannot be watched ends live watching ({@link LiveWatching#unavailable}).
 */
final class WatchEvents implements DirectoryWatcher.Listener {

    private static final Logger log = LoggerFactory.getLogger(WatchEvents.class);

    private final IncludeFilter filter;
    private final BurstCoalescer coalescer;
    private final EventPublisher publisher;
    private final SkippedEntries skipped;
    private final Consumer<Path> register;
    private final Consumer<Path> scan;
    private final Consumer<String> unavailable;
    private final AtomicLong coalesced = new AtomicLong();
    private final AtomicLong overflows = new AtomicLong();

    /**
     * @param register    watches a new directory
     * @param scan        lists a directory (a targeted scan, on the scanner thread)
     * @param unavailable told why live watching failed
     */
    WatchEvents(
            IncludeFilter filter,
            BurstCoalescer coalescer,
            EventPublisher publisher,
            SkippedEntries skipped,
            Consumer<Path> register,
            Consumer<Path> scan,
            Consumer<String> unavailable) {
        this.filter = filter;
        this.coalescer = coalescer;
        this.publisher = publisher;
        this.skipped = skipped;
        this.register = register;
        this.scan = scan;
        this.unavailable = unavailable;
    }

    @Override
    public void changed(Path path, FileEvent.Kind kind) {
        if (kind == FileEvent.Kind.CREATED && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            register.accept(path);
            scan.accept(path);
        }
        if (kind == FileEvent.Kind.DELETED) {
            publisher.forget(path.toString()); // a moved log, a purged directory: nothing left to remember
        }
        if (!filter.test(path) || kind == FileEvent.Kind.DELETED && !filter.publishesDeletions()) {
            return;
        }
        if (!Names.representable(path)) {
            skipped.badName(path);
            return;
        }
        if (!coalescer.offer(path, kind)) {
            coalesced.incrementAndGet();
        }
    }

    @Override
    public void overflowed(Path directory) {
        overflows.incrementAndGet();
        log.debug("Watch events of {} overflowed; rescanning it", Names.printable(directory));
        scan.accept(directory);
    }

    @Override
    public void registrationFailed(Path directory, IOException reason) {
        unavailable.accept("cannot watch " + Names.printable(directory) + ": " + reason.getMessage());
    }

    /** Watch events merged into another of the same burst. */
    long coalesced() {
        return coalesced.get();
    }

    /** inotify queue overflows (each lists its directory again). */
    long overflows() {
        return overflows.get();
    }
}
