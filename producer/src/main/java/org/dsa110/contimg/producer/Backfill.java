package org.dsa110.contimg.producer;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.dsa110.contimg.contract.CorrelatorFileName;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.FileIdentity;
import org.dsa110.contimg.contract.config.FileNames;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;

/**
 * {@code contimg backfill}: the historical {@code *_sb00.hdf5} files of a directory tree, chosen by the time in
 * their names ({@code YYYY-MM-DDTHH:MM:SS_sb00.hdf5}, UTC, as the correlator writes them), published to
 * {@code contimg.fs-events} as {@code present} events with source {@code backfill}: the processors extract them
 * as they would a live file. Every file in the range is published, not one a day: extraction takes milliseconds,
 * and a file the processors have already extracted, unchanged since, is not read again (unless forced).
 * Reads the filesystem (without following symbolic links); writes nothing to it.
 */
public final class Backfill {

    /** A file the backfill does not publish, and why. */
    public record Skipped(Path path, String reason) {}

    /**
     * What a directory holds for a date range.
     *
     * @param inRange    files whose name time falls in the range, in time order
     * @param outOfRange files with a name time outside it
     * @param skipped    first-subband files whose names carry no time, or temporary names
     */
    public record Plan(List<Path> inRange, List<Path> outOfRange, List<Skipped> skipped) {

        public int found() {
            return inRange.size() + outOfRange.size() + skipped.size();
        }
    }

    private Backfill() {}

    /**
     * Finds the first-subband files under {@code dir}: {@code start} inclusive from its first second,
     * {@code end} inclusive of its whole day; either may be {@code null} (no bound).
     */
    public static Plan plan(Path dir, LocalDate start, LocalDate end) throws IOException {
        Instant from = start == null ? Instant.MIN : start.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant until =
                end == null ? Instant.MAX : end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        record Timed(Path path, Instant time) {}
        List<Timed> inRange = new ArrayList<>();
        List<Path> outOfRange = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Files.walkFileTree(dir, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = file.getFileName().toString();
                if (!attributes.isRegularFile() || !FileNames.isFirstSubband(file.getFileName())) {
                    return FileVisitResult.CONTINUE;
                }
                if (FileNames.isTemporary(name)) {
                    skipped.add(new Skipped(file, "temporary name"));
                    return FileVisitResult.CONTINUE;
                }
                CorrelatorFileName named = CorrelatorFileName.parse(name);
                Instant time = named == null ? null : named.time();
                if (time == null) {
                    skipped.add(new Skipped(file, "no YYYY-MM-DDTHH:MM:SS time in the name"));
                } else if (!time.isBefore(from) && time.isBefore(until)) {
                    inRange.add(new Timed(file, time));
                } else {
                    outOfRange.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                skipped.add(new Skipped(file, "unreadable: " + e.getClass().getSimpleName()));
                return FileVisitResult.CONTINUE;
            }
        });
        inRange.sort(Comparator.comparing(Timed::time).thenComparing(Timed::path));
        skipped.sort(Comparator.comparing(Skipped::path));
        outOfRange.sort(Comparator.naturalOrder());
        return new Plan(inRange.stream().map(Timed::path).toList(), outOfRange, skipped);
    }

    /**
     * Publishes one {@code present} event per file and waits until the broker has them all.
     *
     * @param root     the configured root the files are under (the incoming directory or an archive)
     * @param force    ask for extraction even of files unchanged since their last one
     * @param progress told how many were published so far
     * @return how many the broker acknowledged
     * @throws IOException when any could not be delivered (the first failure's reason)
     */
    public static long publish(
            List<Path> files,
            Path root,
            String host,
            boolean force,
            TopicSender sender,
            Clock clock,
            LongConsumer progress)
            throws IOException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        for (Path file : files) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                continue; // gone since the plan: nothing to extract
            }
            var event = new FileEvent(
                            file.toString(),
                            FileEvent.Kind.PRESENT,
                            EventFactory.typeOf(attributes),
                            null,
                            null,
                            root.toString(),
                            FileEvent.Source.BACKFILL,
                            host,
                            clock.instant())
                    .withIdentity(FileIdentity.of(attributes));
            if (force) {
                event = event.forced();
            }
            FileEvent published = event;
            sender.send(Topics.FS_EVENTS, published.path(), published, (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
            progress.accept(++sent);
        }
        sender.flush();
        if (failure.get() != null) {
            throw new IOException(
                    "not every event reached Kafka: " + failure.get().getMessage(), failure.get());
        }
        return sent;
    }
}
