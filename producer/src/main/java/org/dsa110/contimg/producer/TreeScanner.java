package org.dsa110.contimg.producer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.dsa110.contimg.contract.FileEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a directory tree, never following symbolic links (so a link loop is just a link), registering every
 * directory with the watcher <em>before</em> listing it: a file created at any moment is then seen by the listing,
 * by the watch, or by both, never by neither. Every entry that passes the filter is offered to the producer as a
 * {@link FileEvent.Kind#PRESENT} event, which publishes it or not (a rescan publishes only what changed).
 *
 * <p>Trouble inside the tree (an unreadable directory, one deleted mid-scan, a name that is not UTF-8) is logged,
 * counted and passed over; the scan goes on.
 */
final class TreeScanner {

    private static final Logger log = LoggerFactory.getLogger(TreeScanner.class);

    /** Why a tree is scanned. */
    enum Scan {
        /** Every root at start-up: every candidate is published. */
        STARTUP,
        /** Every root, periodically: what changed is published, and what no watch announced is counted. */
        PERIODIC,
        /** A new directory or an overflowed one: its own entries and any new subdirectory. */
        TARGETED;

        FileEvent.Source source() {
            return this == STARTUP ? FileEvent.Source.SCAN : FileEvent.Source.RESCAN;
        }
    }

    /** Where the scan's candidates go: the producer decides whether each is published. */
    @FunctionalInterface
    interface Candidates {
        /** @return {@code true} if the event was published */
        boolean offer(FileEvent event, Scan scan);
    }

    /**
     * What one scan saw. {@code candidates} passed the filter, {@code published} of them were published;
     * {@code toMove}: candidates their processor moves away, still in place.
     */
    record Result(long entries, long candidates, long published, long toMove, long errors, long nanos) {
        static final Result EMPTY = new Result(0, 0, 0, 0, 0, 0);

        Result plus(Result other) {
            return new Result(
                    entries + other.entries,
                    candidates + other.candidates,
                    published + other.published,
                    toMove + other.toMove,
                    errors + other.errors,
                    nanos + other.nanos);
        }
    }

    private final IncludeFilter filter;
    private final EventFactory events;
    private final Supplier<DirectoryWatcher> watcher;
    private final Candidates publish;
    private final SkippedEntries skipped;
    private final BooleanSupplier stopping;

    /**
     * @param watcher  the live watcher, or {@code null} when polling (asked at the start of each scan)
     * @param stopping tells a scan to end at its next entry (the producer is closing)
     */
    TreeScanner(
            IncludeFilter filter,
            EventFactory events,
            Supplier<DirectoryWatcher> watcher,
            Candidates publish,
            SkippedEntries skipped,
            BooleanSupplier stopping) {
        this.filter = filter;
        this.events = events;
        this.watcher = watcher;
        this.publish = publish;
        this.skipped = skipped;
        this.stopping = stopping;
    }

    /**
     * Scans the tree under {@code start}. A {@link Scan#TARGETED} scan skips subdirectories already watched (an
     * overflow rescan: their own watches saw their events; only this directory's entries and any new subdirectory
     * are in doubt).
     */
    Result scan(Path start, Scan scan) {
        long began = System.nanoTime();
        var visitor = new Visitor(start, scan, watcher.get());
        try {
            Files.walkFileTree(start, visitor);
        } catch (NoSuchFileException e) {
            log.debug("{} vanished before it could be scanned", Names.printable(start));
        } catch (IOException e) {
            visitor.errors++;
            skipped.scanError(start, e);
        }
        return new Result(
                visitor.entries,
                visitor.candidates,
                visitor.published,
                visitor.toMove,
                visitor.errors,
                System.nanoTime() - began);
    }

    private final class Visitor extends SimpleFileVisitor<Path> {
        private final Path start;
        private final Scan scan;
        private final boolean onlyNewSubtrees;
        private final DirectoryWatcher watcher;
        long entries;
        long candidates;
        long published;
        long toMove;
        long errors;

        Visitor(Path start, Scan scan, DirectoryWatcher watcher) {
            this.start = start;
            this.watcher = watcher;
            this.scan = scan;
            this.onlyNewSubtrees = scan == Scan.TARGETED;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (stopping.getAsBoolean()) {
                return FileVisitResult.TERMINATE;
            }
            entries++;
            if (!dir.equals(start)) {
                consider(dir, attributes);
                if (onlyNewSubtrees && watcher != null && watcher.isWatched(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
            }
            if (watcher != null) {
                watcher.register(dir);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            entries++;
            consider(file, attributes);
            return stopping.getAsBoolean() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!(e instanceof NoSuchFileException)) { // vanished mid-scan: nothing to report
                errors++;
                skipped.scanError(file, e);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null && !(e instanceof NoSuchFileException)) {
                errors++;
                skipped.scanError(dir, e); // listing stopped part-way: what was listed is published
            }
            return FileVisitResult.CONTINUE;
        }

        private void consider(Path path, BasicFileAttributes attributes) {
            if (!filter.test(path)) {
                return;
            }
            if (!Names.representable(path)) {
                skipped.badName(path);
                return;
            }
            candidates++;
            if (attributes.isRegularFile() && filter.expectedToMove(path)) {
                toMove++;
            }
            if (publish.offer(events.event(path, FileEvent.Kind.PRESENT, scan.source(), attributes), scan)) {
                published++;
            }
        }
    }
}
