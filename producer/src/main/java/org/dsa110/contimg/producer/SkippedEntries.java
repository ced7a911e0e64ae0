package org.dsa110.contimg.producer;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entries the producer passes over: names that are not valid UTF-8 (a {@link org.dsa110.contimg.contract.FileEvent}
 * carries its path as text) and entries a scan cannot read. Each path is logged once, up to {@link #LOGGED_PATHS} of
 * them, so a tree full of trouble does not flood the journal; the counts go on.
 */
final class SkippedEntries {

    private static final Logger log = LoggerFactory.getLogger(SkippedEntries.class);
    /** Problem paths are logged once each, up to this many; the counters go on counting. */
    private static final int LOGGED_PATHS = 1000;

    private final AtomicLong badNames = new AtomicLong();
    private final AtomicLong scanErrors = new AtomicLong();
    private final Set<Path> loggedPaths = Collections.newSetFromMap(new ConcurrentHashMap<>());

    void badName(Path path) {
        badNames.incrementAndGet();
        if (firstTime(path)) {
            log.warn(
                    "Skipping a name that is not valid UTF-8 (it cannot be carried as text): {}",
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

    long badNames() {
        return badNames.get();
    }

    long scanErrors() {
        return scanErrors.get();
    }

    private boolean firstTime(Path path) {
        return loggedPaths.size() < LOGGED_PATHS && loggedPaths.add(path);
    }
}
