package org.dsa110.contimg.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.FileIdentity;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.testing.TopicTail;
import org.dsa110.contimg.contract.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The producer on a real filesystem, publishing to a real broker. */
@ExtendWith(SharedKafka.class)
class ProducerServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaSettings kafka;

    @TempDir
    Path home;

    private PipelinePaths paths;
    private TopicTail<FileEvent> events;
    private ProducerService producer;

    @BeforeAll
    static void topics(TestBroker broker) {
        kafka = broker.withContractTopics();
    }

    @BeforeEach
    void tree() throws IOException {
        paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        for (Path dir : List.of(paths.root(), paths.incoming(), paths.scratch(), paths.logDir())) {
            Files.createDirectories(dir);
        }
        events = new TopicTail<>(kafka, Topics.FS_EVENTS);
    }

    @AfterEach
    void stop() {
        if (producer != null) {
            producer.close();
        }
        events.close();
    }

    private ProducerSettings settings() {
        return ProducerSettings.defaults(paths, "test-host").withStatusInterval(Duration.ofMillis(500));
    }

    private void start(ProducerSettings settings) {
        producer = new ProducerService(settings, kafka);
        producer.start();
    }

    @Test
    void theStartupScanPublishesEveryExistingCandidateAndNothingElse() throws IOException {
        Path log1 = touch(paths.root().resolve("casa-20251104-101010.log"));
        Path log2 = touch(paths.root().resolve("a/b/c/casa-20251104-101011.log"));
        Path temp = Files.createDirectories(paths.root().resolve("TMPPOINTING_0fa3"));
        Path uvh5 = touch(paths.incoming().resolve("2025-11-04T10:09:15_sb00.hdf5"));
        Path stream = Files.createDirectories(paths.scratch().resolve("stream_20251104"));
        touch(paths.root().resolve("image.fits"));
        touch(paths.incoming().resolve("2025-11-04T10:09:15_sb01.hdf5"));
        touch(paths.logDir().resolve("casa-20251101-000000.log")); // already moved

        start(settings());
        List<FileEvent> seen = events.until(containsAll(log1, log2, temp, uvh5, stream), WAIT);

        assertThat(paths(seen)).containsExactlyInAnyOrder(str(log1, log2, temp, uvh5, stream));
        FileEvent log = byPath(seen, log2);
        assertThat(log.kind()).isEqualTo(FileEvent.Kind.PRESENT);
        assertThat(log.source()).isEqualTo(FileEvent.Source.SCAN);
        assertThat(log.type()).isEqualTo(FileEvent.FileType.FILE);
        assertThat(log.root()).isEqualTo(paths.root().toString());
        assertThat(log.host()).isEqualTo("test-host");
        assertThat(log.mtime()).isEqualTo(Files.getLastModifiedTime(log2).toInstant());
        assertThat(byPath(seen, temp).type()).isEqualTo(FileEvent.FileType.DIRECTORY);
        assertThat(byPath(seen, uvh5).root()).isEqualTo(paths.incoming().toString());
    }

    /**
     * The producer remembers across a restart what Kafka acknowledged: a restart over an unchanged tree publishes
     * nothing, and one after the tree changed while it was down publishes exactly what changed, a file replaced under
     * the same name, size and time included (a new inode); a file deleted meanwhile is forgotten, so one made again
     * under its name is new.
     */
    @Test
    void aRestartPublishesOnlyWhatChangedWhileItWasDown() throws Exception {
        var files = new ArrayList<Path>();
        for (int i = 0; i < 40; i++) {
            files.add(Files.writeString(
                    paths.incoming().resolve(String.format("2025-11-04T10:%02d:00_sb00.hdf5", i)), "data " + i));
        }
        start(settings());
        events.until(containsAll(files.toArray(Path[]::new)), WAIT);
        producer.close();
        producer = null;
        assertThat(PublishedMemory.fileFor(paths.state(), "test-host")).isRegularFile();

        try (var unchanged = new TopicTail<>(kafka, Topics.FS_EVENTS)) {
            start(settings());
            assertThat(ours(unchanged.during(Duration.ofSeconds(3)), files))
                    .as("a restart over an unchanged tree")
                    .isEmpty();
            producer.close();
            producer = null;
        }

        // While it is down: one file appended to, one replaced by a copy (same name, size and time, a new inode), one
        // deleted, one new.
        Path changed = files.get(0);
        Files.writeString(changed, " and more", StandardOpenOption.APPEND);
        Path replaced = files.get(1);
        FileTime time = Files.getLastModifiedTime(replaced);
        Path copy = Files.copy(replaced, paths.incoming().resolve(".copy"));
        Files.setLastModifiedTime(copy, time);
        Files.move(copy, replaced, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.getLastModifiedTime(replaced)).isEqualTo(time);
        Path deleted = files.get(2);
        Files.delete(deleted);
        Path added = Files.writeString(paths.incoming().resolve("2025-11-04T11:00:00_sb00.hdf5"), "new");
        var all = new ArrayList<>(files);
        all.add(added);

        try (var after = new TopicTail<>(kafka, Topics.FS_EVENTS)) {
            start(settings());
            after.until(containsAll(changed, replaced, added), WAIT);
            assertThat(ours(after.during(Duration.ofSeconds(2)), all))
                    .containsExactlyInAnyOrder(str(changed, replaced, added));
            // Forgotten: made again under its name, it is published.
            Files.writeString(deleted, "data 2");
            assertThat(ours(after.until(containsAll(deleted), WAIT), all)).contains(deleted.toString());
        }
    }

    /** The paths among {@code files} that the events name. */
    private static List<String> ours(List<FileEvent> seen, List<Path> files) {
        Set<String> wanted = files.stream().map(Path::toString).collect(Collectors.toSet());
        return seen.stream().map(FileEvent::path).filter(wanted::contains).toList();
    }

    /**
     * A CASA log written in many small appends: its creation is published at once, the appends within the coalescing
     * window are held, and one event with the log's final size follows when the window ends (the timer task that
     * passes it on exists only while a window is open). Appends after a quiet spell do the same again.
     */
    @Test
    void writesHeldByTheCoalescingWindowArePassedOnAsOneEventWhenItEnds() throws Exception {
        Duration window = Duration.ofSeconds(3);
        start(settings().withCoalesceWindow(window));
        Path log = paths.root().resolve("casa-20251104-101010.log");
        for (int pass = 1; pass <= 2; pass++) {
            int before = ours(events.upToNow(), List.of(log)).size();
            append(log, "INFO first line of pass " + pass + "\n");
            events.until(all -> ours(all, List.of(log)).size() > before, WAIT);
            for (int i = 0; i < 20; i++) { // within the window: held
                append(log, "INFO line " + i + "\n");
            }
            long last = Files.size(log);
            // Only the held event can carry it: the first was read before these appends were made.
            events.until(
                    all -> all.stream()
                            .anyMatch(e -> e.path().equals(log.toString())
                                    && Long.valueOf(last).equals(e.sizeBytes())),
                    WAIT);
            Thread.sleep(window.toMillis() + 500); // a quiet spell: the window ends, the next write opens another
            assertThat(ours(events.upToNow(), List.of(log)))
                    .as("pass %d: one event at once, one when the window ended", pass)
                    .hasSize(before + 2);
        }
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void liveCreationsRenamesAndNewNestedDirectoriesArePublished() throws Exception {
        start(settings());
        Path log = touch(paths.root().resolve("casa-20251104-101010.log"));
        // The correlator's way: write under a temporary name, rename when complete.
        Path incomplete = touch(paths.incoming().resolve("2025-11-04T10:09:15_sb00_incomplete.hdf5"));
        Path complete = Files.move(incomplete, paths.incoming().resolve("2025-11-04T10:09:15_sb00.hdf5"));
        // rsync's way: a hidden temporary file renamed into place.
        Path hidden = touch(paths.incoming().resolve(".2025-11-04T10:14:15_sb00.hdf5.Xa91bQ"));
        Path synced = Files.move(hidden, paths.incoming().resolve("2025-11-04T10:14:15_sb00.hdf5"));
        // A new directory tree with a log at the bottom, made faster than any watch could be added.
        Path nested = touch(paths.root().resolve("2025-11-04/ms/field1/casa-20251104-101012.log"));

        List<FileEvent> seen = events.until(containsAll(log, complete, synced, nested), WAIT);

        assertThat(paths(seen)).contains(str(log, complete, synced, nested)).doesNotContain(str(incomplete, hidden));
        assertThat(seen)
                .filteredOn(e -> e.path().equals(log.toString()))
                .first()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(FileEvent.Kind.CREATED))
                .satisfies(e -> assertThat(e.source()).isEqualTo(FileEvent.Source.WATCH));
        assertThat(seen)
                .filteredOn(e -> e.path().equals(complete.toString()))
                .anySatisfy(e -> assertThat(e.kind()).isEqualTo(FileEvent.Kind.CREATED));
        assertThat(producer.watchMode()).isEqualTo("inotify");
    }

    @Test
    void aBurstOf5000FilesInOneNewDirectoryIsPublishedCompletely() throws IOException {
        start(settings());
        Path burst = Files.createDirectories(paths.root().resolve("burst"));
        List<Path> logs = IntStream.range(0, 5000)
                .mapToObj(i -> burst.resolve(String.format("casa-20251104-10%04d.log", i)))
                .toList();
        for (Path log : logs) {
            Files.createFile(log);
        }
        Set<String> expected = logs.stream().map(Path::toString).collect(Collectors.toSet());
        List<FileEvent> seen = events.until(all -> distinctPaths(all).containsAll(expected), Duration.ofSeconds(60));

        assertThat(distinctPaths(seen)).containsAll(expected);
        // Whether the JDK's queue overflows here depends on how fast this host reads (0 and 3 overflows seen):
        // the new directory's listing finds the files either way. The overflow itself is asserted below, where
        // nothing but its rescan can find them.
        System.out.printf(
                "5000-file burst: %d events for %d files, %s overflows%n",
                seen.size(), expected.size(), producer.status().metrics().get("overflow_count"));
    }

    @Test
    void anOverflowInAWatchedDirectoryIsAnsweredByARescanThatFindsEveryFile() throws Exception {
        // The directory exists and is watched from the start, so no new-directory listing will find its files:
        // only the overflow's rescan can. The watcher is held while they are created, as on a host too busy to read
        // them; the watch service and its overflow are the JDK's own.
        Path watched = Files.createDirectories(paths.root().resolve("watched"));
        start(settings());
        producer.holdWatchEvents(true);
        List<Path> logs = IntStream.range(0, 2000)
                .mapToObj(i -> watched.resolve(String.format("casa-20251104-11%04d.log", i)))
                .toList();
        for (Path log : logs) {
            Files.createFile(log);
        }
        producer.holdWatchEvents(false);
        Set<String> expected = logs.stream().map(Path::toString).collect(Collectors.toSet());
        List<FileEvent> seen = events.until(all -> distinctPaths(all).containsAll(expected), Duration.ofSeconds(60));

        assertThat(distinctPaths(seen)).containsAll(expected);
        assertThat(((Number) producer.status().metrics().get("overflow_count")).longValue())
                .isPositive();
        assertThat(seen)
                .filteredOn(e -> expected.contains(e.path()))
                .as("files past the 512 the JDK kept are found by the rescan")
                .anySatisfy(e -> assertThat(e.source()).isEqualTo(FileEvent.Source.RESCAN));
    }

    @Test
    void aRescanPublishesOnlyWhatChangedAndCountsWhatNoWatchReported() throws Exception {
        Path quiet = touch(paths.incoming().resolve("2025-11-04T10:09:15_sb00.hdf5"));
        Path stillInPlace = touch(paths.root().resolve("casa-20251104-101010.log")); // no mover runs here
        start(settings().withRescanInterval(Duration.ofSeconds(1)));
        events.until(containsAll(quiet, stillInPlace), WAIT);

        // Rescans of the unchanged tree: the log still in place is published again, the UVH5 file is not.
        List<FileEvent> later = events.during(Duration.ofSeconds(3)).stream()
                .filter(e -> e.source() == FileEvent.Source.RESCAN)
                .toList();
        assertThat(later)
                .filteredOn(e -> e.path().equals(stillInPlace.toString()))
                .isNotEmpty();
        assertThat(later).filteredOn(e -> e.path().equals(quiet.toString())).isEmpty();
        assertThat(((Number) producer.status().metrics().get("rescan_unchanged_total")).longValue())
                .isPositive();
        assertThat(producer.status().issues()).isEmpty();

        // Watching fails (the test holds the watcher's events, as a network filesystem never sends them): a
        // file created now is found by the next rescan, published, and counted as unannounced.
        producer.holdWatchEvents(true);
        Path unseen = touch(paths.incoming().resolve("2025-11-04T10:14:15_sb00.hdf5"));
        FileEvent found = byPath(events.until(containsAll(unseen), WAIT), unseen);
        assertThat(found.source()).isEqualTo(FileEvent.Source.RESCAN);
        StatusSnapshot status = awaitStatus(s -> ((Number) s.metrics().get("unannounced_total")).longValue() > 0);
        assertThat(status.metrics().get("unannounced_total")).isEqualTo(1L);
        assertThat(status.issues())
                .singleElement()
                .asString()
                .startsWith("1 new or changed files were found by the rescan of ")
                .contains("not reported by live watching (first: " + unseen + ")");
        assertThat(status.healthy()).isFalse();
        producer.holdWatchEvents(false);
    }

    @Test
    void theMemoryOfPublishedCandidatesHoldsOnlyWhatExists() throws Exception {
        start(settings());
        List<Path> logs = List.of(
                touch(paths.root().resolve("a/casa-20251104-101010.log")),
                touch(paths.root().resolve("a/casa-20251104-101011.log")));
        events.until(containsAll(logs.toArray(Path[]::new)), WAIT);
        awaitStatus(s -> remembered(s) == 2);
        for (Path log : logs) {
            Files.delete(log); // as the log mover does
        }
        assertThat(remembered(awaitStatus(s -> remembered(s) == 0))).isZero();
    }

    private static long remembered(StatusSnapshot status) {
        return ((Number) status.metrics().get("candidates_remembered")).longValue();
    }

    @Test
    void anEventCarriesTheFilesIdentity() throws Exception {
        Path file = touch(paths.incoming().resolve("2025-11-04T10:09:15_sb00.hdf5"));
        start(settings());
        FileEvent event = byPath(events.until(containsAll(file), WAIT), file);
        var attributes = Files.readAttributes(file, BasicFileAttributes.class);
        assertThat(FileIdentity.of(event)).isEqualTo(FileIdentity.of(attributes));
        assertThat(event.fileKey()).contains("ino=");
        assertThat(event.mtime()).isEqualTo(attributes.lastModifiedTime().toInstant()); // nanoseconds kept
    }

    private StatusSnapshot awaitStatus(Predicate<StatusSnapshot> condition) {
        return Awaitility.await().atMost(WAIT).until(producer::status, condition);
    }

    @Test
    void withoutLiveWatchingPeriodicScansStillPublishNewFiles() throws IOException {
        start(settings().withPolling(true, Duration.ofSeconds(1)));
        assertThat(producer.watchMode()).isEqualTo("polling");
        Path log = touch(paths.root().resolve("sub/casa-20251104-101010.log"));

        List<FileEvent> seen = events.until(containsAll(log), WAIT);

        assertThat(byPath(seen, log).source()).isEqualTo(FileEvent.Source.RESCAN);
        assertThat(producer.status().details()).containsEntry("watch_mode", "polling");
    }

    @Test
    void whenInotifyIsUnavailableItSaysSoAndScansAtThePollInterval() throws IOException {
        // The one fake here: a host out of inotify instances cannot be made without starving the machine.
        producer = new ProducerService(settings().withPolling(false, Duration.ofSeconds(1)), kafka, () -> {
            throw new IOException("User limit of inotify instances reached or too many open files");
        });
        producer.start();
        assertThat(producer.watchMode()).isEqualTo("polling");
        assertThat(producer.status().issues())
                .containsExactly(
                        "live watching unavailable (cannot create an inotify "
                                + "instance: User limit of inotify instances reached or too many open files): scanning every 1 s");

        Path log = touch(paths.root().resolve("sub/casa-20251104-101010.log"));
        assertThat(byPath(events.until(containsAll(log), WAIT), log).source()).isEqualTo(FileEvent.Source.RESCAN);
    }

    @Test
    void watchingThatComesBackIsUsedAgainAndNothingFallsBetweenTheModes() throws Exception {
        // The hook refuses watching, as a host out of inotify instances does, until the operator "raises the limit".
        var allowed = new AtomicBoolean();
        producer = new ProducerService(
                settings().withPolling(false, Duration.ofSeconds(1)).withWatchRetryInterval(Duration.ofSeconds(1)),
                kafka,
                () -> {
                    if (!allowed.get()) {
                        throw new IOException("User limit of inotify instances reached or too many open files");
                    }
                    return FileSystems.getDefault().newWatchService();
                });
        producer.start();
        assertThat(producer.watchMode()).isEqualTo("polling");
        Path whilePolling = touch(paths.root().resolve("a/casa-20251104-101010.log"));
        assertThat(byPath(events.until(containsAll(whilePolling), WAIT), whilePolling)
                        .source())
                .isEqualTo(FileEvent.Source.RESCAN);

        allowed.set(true);
        Path atTheSwitch = touch(paths.root().resolve("b/casa-20251104-111111.log"));
        // Once the retry's rescan has registered every directory again, it records the change.
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> producer.status()
                        .details()
                        .get("watch_mode_changes")
                        .toString()
                        .contains("mode=inotify"));
        assertThat(producer.watchMode()).isEqualTo("inotify");
        Path afterwards = touch(paths.root().resolve("a/casa-20251104-121212.log"));

        List<FileEvent> seen = events.until(containsAll(whilePolling, atTheSwitch, afterwards), WAIT);
        assertThat(byPath(seen, afterwards).source())
                .as("live watching, not a scan")
                .isEqualTo(FileEvent.Source.WATCH);
        assertThat(producer.watchedDirectories()).isGreaterThanOrEqualTo(5); // 3 roots, a, b
        StatusSnapshot status = producer.status();
        assertThat(status.issues()).isEmpty();
        assertThat(status.details().get("watch_mode_changes").toString())
                .contains("mode=polling", "cannot create an inotify instance")
                .contains("mode=inotify", "live watching is available again");
        assertThat(status.metrics()).containsEntry("watch_mode_changes", 2L);
    }

    @Test
    void filesCreatedWhileStoppedArePublishedAtTheNextStart() throws IOException {
        start(settings());
        producer.close();
        Path log = touch(paths.root().resolve("while-down/casa-20251104-101010.log"));
        Path uvh5 = touch(paths.incoming().resolve("2025-11-04T10:20:15_sb00.hdf5"));

        start(settings());
        List<FileEvent> seen = events.until(containsAll(log, uvh5), WAIT);

        assertThat(paths(seen)).contains(str(log, uvh5));
    }

    @Test
    void publishesItsStatusSnapshot() throws IOException {
        touch(paths.root().resolve("casa-20251104-101010.log"));
        try (var status = new TopicTail<>(kafka, Topics.STATUS)) {
            start(settings());
            List<StatusSnapshot> snapshots =
                    status.until(all -> all.stream().anyMatch(s -> s.component().equals("producer@test-host")), WAIT);
            StatusSnapshot snapshot = snapshots.stream()
                    .filter(s -> s.component().equals("producer@test-host"))
                    .findFirst()
                    .orElseThrow();
            assertThat(snapshot.running()).isTrue();
            assertThat(snapshot.healthy()).as(snapshot.issues().toString()).isTrue();
            assertThat(snapshot.details()).containsEntry("watch_mode", "inotify");
            assertThat(snapshot.metrics())
                    .containsKeys(
                            "events_published",
                            "watched_directories",
                            "last_scan_duration_ms",
                            "last_scan_candidates",
                            "overflow_count",
                            "scan_errors");
            assertThat(((Number) snapshot.metrics().get("last_scan_candidates")).longValue())
                    .isEqualTo(1);

            producer.close();
            producer = null;
            List<StatusSnapshot> last = status.until(all -> all.stream().anyMatch(s -> !s.running()), WAIT);
            assertThat(last).anySatisfy(s -> assertThat(s.running()).isFalse());
        }
    }

    @Test
    void aMissingRootIsReportedAndWatchedOnceItAppears() throws IOException {
        Files.delete(paths.scratch());
        start(settings());
        assertThat(producer.status().healthy()).isFalse();
        assertThat(producer.status().issues()).contains("watched directory " + paths.scratch() + " is missing");

        Path stream = Files.createDirectories(paths.scratch().resolve("stream_20251104"));
        List<FileEvent> seen = events.until(containsAll(stream), WAIT);
        assertThat(byPath(seen, stream).source()).isEqualTo(FileEvent.Source.RESCAN);
        assertThat(producer.status().healthy()).isTrue();
        // From now on it is watched live.
        Path later = Files.createDirectories(paths.scratch().resolve("stream_20251105"));
        assertThat(byPath(events.until(containsAll(later), WAIT), later).source())
                .isEqualTo(FileEvent.Source.WATCH);
    }

    @Test
    void awkwardNamesAndLinkLoopsAreNeverFatal() throws Exception {
        Path newline = touch(paths.root().resolve("odd/casa-line\nbreak.log"));
        Files.createSymbolicLink(paths.root().resolve("odd/loop"), paths.root().resolve("odd"));
        Files.createSymbolicLink(paths.root().resolve("casa-link.log"), Path.of("/etc/hostname"));
        // A name that is not valid UTF-8 cannot be made from Java strings; the shell makes it.
        Process touch = new ProcessBuilder(
                        "sh",
                        "-c",
                        "touch \"$1\"$(printf '\\377').log",
                        "sh",
                        paths.root().resolve("casa-bad").toString())
                .start();
        assertThat(touch.waitFor()).isZero();
        Path after = touch(paths.root().resolve("after/casa-20251104-101010.log"));

        start(settings());
        List<FileEvent> seen =
                events.until(containsAll(newline, after, paths.root().resolve("casa-link.log")), WAIT);

        assertThat(paths(seen)).contains(newline.toString(), after.toString());
        assertThat(byPath(seen, paths.root().resolve("casa-link.log")).type()).isEqualTo(FileEvent.FileType.SYMLINK);
        assertThat(seen).noneMatch(e -> e.path().contains("\uFFFD"));
        assertThat(((Number) producer.status().metrics().get("bad_names")).longValue())
                .isEqualTo(1);
    }

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.createFile(file);
    }

    private static Predicate<List<FileEvent>> containsAll(Path... files) {
        Set<String> wanted = Set.of(str(files));
        return all -> distinctPaths(all).containsAll(wanted);
    }

    private static Set<String> distinctPaths(List<FileEvent> all) {
        return all.stream().map(FileEvent::path).collect(Collectors.toCollection(HashSet::new));
    }

    private List<String> paths(List<FileEvent> seen) {
        String prefix = home.toString();
        return seen.stream()
                .map(FileEvent::path)
                .filter(p -> p.startsWith(prefix))
                .distinct()
                .toList();
    }

    private static FileEvent byPath(List<FileEvent> seen, Path path) {
        return seen.stream()
                .filter(e -> e.path().equals(path.toString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no event for " + path));
    }

    private static String[] str(Path... files) {
        return Arrays.stream(files).map(Path::toString).toArray(String[]::new);
    }
}
