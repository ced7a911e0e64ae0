package org.dsa110.contimg.producer;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.metrics.PrometheusMetrics;
import org.dsa110.contimg.contract.service.DaemonThreads;
import org.dsa110.contimg.contract.service.Failure;
import org.dsa110.contimg.contract.service.Service;
import org.dsa110.contimg.contract.status.StatusReporter;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-event producer. Reads: the filesystem under the configured roots (never writes it). Writes:
 * {@code contimg.fs-events} (one {@link FileEvent} per observed change, keyed by absolute path) and
 * {@code contimg.status} (its {@link StatusSnapshot}, key {@code producer@<host>}).
 *
 * <p>{@link #start()} scans every root, registering watches as it goes, and returns once every existing
 * candidate has been handed to Kafka; live watching is on from then ({@link LiveWatching}, which falls back to
 * polling and returns). New directories are watched and scanned as they appear; an {@code OVERFLOW} rescans its
 * directory ({@link WatchEvents}); periodic rescans ({@link RescanSchedule}) catch whatever the watches could not. A
 * rescan publishes only what is new or changed since this run last published it, plus CASA logs still in place;
 * what it finds that no watch event announced is counted ({@link UnannouncedFiles}).
 *
 * <p>Kafka's idempotent producer buffers through a broker outage (bounded by {@code buffer.memory}; a full
 * buffer slows the watcher rather than dropping events). An event that still cannot be delivered after the
 * delivery timeout is counted, reported in the status, and answered with a rescan that publishes again what is
 * still in place ({@link EventPublisher}). {@link #close()} flushes what is buffered.
 *
 * <p>This class composes the parts and runs them on two threads of its own: a timer (held events when a coalescing
 * window ends, due rescans, roots that appeared, retries of live watching) and a scanner (every scan, one at a
 * time).
 */
public final class ProducerService implements Service {

    private static final Logger log = LoggerFactory.getLogger(ProducerService.class);
    /** Candidates remembered at most ({@link PublishedFiles}): about 170 MB at this bound, 17 MB per 100,000. */
    static final int MAX_REMEMBERED = 1_000_000;
    /** How long the start waits to learn the topic's id, without which it publishes every file. */
    private static final Duration TOPIC_ID_TIMEOUT = Duration.ofSeconds(10);
    /** How often what Kafka acknowledged is saved, when anything changed ({@link PublishedMemory}). */
    private static final Duration MEMORY_SAVE_INTERVAL = Duration.ofSeconds(30);

    private final ProducerSettings settings;
    private final TopicSender sender;
    private final Clock clock;
    private final Failure failure = new Failure("producer");
    private final EventFactory events;
    private final BurstCoalescer coalescer;
    private final EventPublisher publisher;
    private final LiveWatching watching;
    private final RescanSchedule schedule;
    private final UnannouncedFiles unannounced = new UnannouncedFiles();
    private final ScanTally scans = new ScanTally();
    private final SkippedEntries skipped = new SkippedEntries();
    private final TreeScanner treeScanner;
    private final ProducerParts parts;
    private final ProducerStatus status;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService scanner;
    private final StatusReporter reporter;
    private final Set<Path> missingRoots = ConcurrentHashMap.newKeySet();
    private final PublishedMemory memory;
    private final Supplier<String> topicId;
    /** The id of {@code contimg.fs-events} the memory belongs to, learnt at start; {@code null}: not kept. */
    private volatile String memoryTopic;
    /** What the memory held that the start-up scan has not found yet (null outside it). */
    private volatile Set<String> unseenSinceLastRun;
    /** How many changes the saved memory holds ({@link PublishedFiles#changes()}), -1 before the first save. */
    private volatile long memorySavedAt = -1;
    /** Whether the timer holds a task that passes on the coalescer's held events (none while no window is open). */
    private final AtomicBoolean heldEventsDue = new AtomicBoolean();

    private volatile boolean closed;

    public ProducerService(ProducerSettings settings, KafkaSettings kafka) {
        this(settings, kafka, FileSystems.getDefault()::newWatchService);
    }

    ProducerService(ProducerSettings settings, KafkaSettings kafka, LiveWatching.WatchServices watchServices) {
        this(
                settings,
                new TopicSender(kafka.producer("contimg-producer-" + settings.host())),
                Clock.systemUTC(),
                watchServices,
                () -> PublishedMemory.topicId(kafka, "contimg-producer-" + settings.host(), TOPIC_ID_TIMEOUT));
    }

    private ProducerService(
            ProducerSettings settings,
            TopicSender sender,
            Clock clock,
            LiveWatching.WatchServices watchServices,
            Supplier<String> topicId) {
        this.settings = settings;
        this.sender = sender;
        this.clock = clock;
        this.memory = new PublishedMemory(settings.memoryFile());
        this.topicId = topicId;
        this.events = new EventFactory(settings, clock);
        this.schedule = new RescanSchedule(settings, System::nanoTime);
        this.publisher =
                new EventPublisher(sender, clock, MAX_REMEMBERED, () -> schedule.within(settings.busyRescanInterval()));
        this.coalescer = new BurstCoalescer(
                settings.coalesceWindow().toNanos(), System::nanoTime, this::observed, this::passOnHeldEventsLater);
        WatchEvents watchEvents = new WatchEvents(
                settings.filter(),
                coalescer,
                publisher,
                skipped,
                this::watchLive,
                this::scanTargeted,
                this::watchingUnavailable);
        this.watching = new LiveWatching(watchServices, watchEvents, failure, clock, settings.pollInterval());
        this.treeScanner =
                new TreeScanner(settings.filter(), events, watching::watcher, this::offer, skipped, () -> closed);
        this.parts = new ProducerParts(publisher, watching, watchEvents, scans, unannounced, skipped);
        var timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("contimg-producer-timer"));
        // At close, let a running task finish (a status send must not be interrupted) but run no pending one.
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.scheduler = timer;
        this.scanner = Executors.newSingleThreadExecutor(DaemonThreads.named("contimg-producer-scanner"));
        this.status = new ProducerStatus(settings, parts, failure, clock);
        this.reporter = StatusReporter.of(settings.componentId(), status::snapshot, sender, failure)
                .every(settings.statusInterval())
                .withClock(clock)
                .build();
    }

    /** Holds or releases the watcher's reading of events (see {@link DirectoryWatcher#hold()}); for tests. */
    void holdWatchEvents(boolean hold) {
        DirectoryWatcher watcher = watching.watcher();
        if (watcher == null) {
            throw new IllegalStateException("no live watcher to hold (polling)");
        }
        if (hold) {
            watcher.hold();
        } else {
            watcher.release();
        }
    }

    public void addAckListener(AckListener listener) {
        publisher.addAckListener(listener);
    }

    /** Scans every root (blocking), then leaves live watching and periodic rescans running. */
    @Override
    public void start() {
        if (!settings.polling()) {
            watching.open();
        }
        // Known partitions (kept through an outage, KafkaSettings.producer) let events be buffered while the broker
        // is away instead of blocking the watcher for max.block.ms and failing: ask while the broker is there.
        sender.learnPartitions(Topics.FS_EVENTS, Topics.STATUS);
        int restored = restoreMemory();
        watching.start(); // only now: its listener scans new directories with the tree scanner
        TreeScanner.Result first = scanRoots(TreeScanner.Scan.STARTUP);
        int gone = forgetWhatIsGone();
        log.info(
                "Startup scan of {}: {} entries, {} candidates published in {} ms ({}); {} directories watched ({})",
                settings.roots(),
                first.entries(),
                first.candidates(),
                first.nanos() / 1_000_000,
                restored < 0
                        ? "nothing remembered from an earlier run"
                        : restored + " remembered from the last run, " + gone + " of them gone since",
                watchedDirectories(),
                watchMode());
        reporter.start();
        every(Duration.ofSeconds(1), "watching roots that appeared", this::watchRootsThatAppeared);
        schedule.after(first, mode() == WatchMode.POLLING);
        every(Duration.ofSeconds(1), "the periodic rescan", this::rescanIfDue);
        if (memoryTopic != null) {
            every(MEMORY_SAVE_INTERVAL, "saving what was published", this::saveMemory);
        }
        if (!settings.polling()) {
            every(settings.watchRetryInterval(), "retrying live watching", this::retryWatchingIfUnavailable);
        }
    }

    /**
     * Loads what Kafka acknowledged in the last run ({@link PublishedMemory}), when it is of this cluster's
     * {@code contimg.fs-events}: the start-up scan then publishes only what is new or changed since.
     *
     * @return how many identities were restored, -1 when none could be
     */
    private int restoreMemory() {
        if (memory.file() == null) {
            return -1;
        }
        memoryTopic = topicId.get();
        int restored = memory.load(publisher.memory(), memoryTopic);
        if (restored > 0) {
            var unseen = ConcurrentHashMap.<String>newKeySet();
            unseen.addAll(publisher.memory().paths());
            unseenSinceLastRun = unseen;
        }
        return restored;
    }

    /**
     * What the last run published that the start-up scan did not find was deleted (or moved away) while the
     * producer was down: forgotten, so a file of that name is new again, and published as deleted where deletions
     * are ({@code --publish-all}).
     */
    private int forgetWhatIsGone() {
        Set<String> unseen = unseenSinceLastRun;
        unseenSinceLastRun = null;
        if (unseen == null) {
            return 0;
        }
        for (String path : unseen) {
            publisher.forget(path);
            if (settings.filter().publishesDeletions()) {
                publisher.publish(events.gone(Path.of(path), FileEvent.Source.SCAN));
            }
        }
        return unseen.size();
    }

    /** Saves what Kafka acknowledged, when anything changed since the last save. */
    private void saveMemory() {
        long changes = publisher.memory().changes();
        if (changes == memorySavedAt) {
            return;
        }
        try {
            memory.save(publisher.memory(), memoryTopic);
            memorySavedAt = changes;
        } catch (IOException e) {
            // The next start publishes more than it needs to, nothing less: worth a warning, not a stop.
            log.warn("Could not save what was published to {}: {}", memory.file(), OneLine.of(e));
        }
    }

    private void every(Duration period, String what, Runnable task) {
        long millis = period.toMillis();
        scheduler.scheduleWithFixedDelay(failure.guard(what, task), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** In the polling fallback, tries live watching again, on the scanner thread (see {@link LiveWatching#retry}). */
    private void retryWatchingIfUnavailable() {
        if (closed || watching.unavailableReason() == null) {
            return;
        }
        scanner.execute(failure.guard("retrying live watching", () -> {
            if (!closed) {
                watching.retry(
                        () -> schedule.after(scanRoots(TreeScanner.Scan.PERIODIC), mode() == WatchMode.POLLING),
                        settings.watchRetryInterval());
            }
        }));
    }

    private void watchLive(Path directory) {
        watching.register(directory);
    }

    private void watchingUnavailable(String reason) {
        if (watching.unavailable(reason)) {
            schedule.within(settings.pollInterval());
        }
    }

    private TreeScanner.Result scanRoots(TreeScanner.Scan scan) {
        TreeScanner.Result total = TreeScanner.Result.EMPTY;
        for (Path root : settings.roots()) {
            if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                missingRoots.remove(root);
                total = total.plus(treeScanner.scan(root, scan));
            } else if (missingRoots.add(root)) {
                log.warn("Watched directory {} is missing; it is scanned and watched once it appears", root);
            }
        }
        scans.scanned(total, clock.instant());
        return total;
    }

    /** Lists {@code directory} on the scanner thread: a new directory, an overflowed one, a root that appeared. */
    private void scanTargeted(Path directory) {
        scanner.execute(failure.guard("a targeted scan", () -> treeScanner.scan(directory, TreeScanner.Scan.TARGETED)));
    }

    /** Starts a rescan on the scanner thread when one is due and none is running. */
    private void rescanIfDue() {
        if (closed || !schedule.claimIfDue()) {
            return;
        }
        scanner.execute(failure.guard("the periodic rescan", () -> {
            try {
                if (!closed) {
                    Set<String> finds = unannounced.begin();
                    TreeScanner.Result result = scanRoots(TreeScanner.Scan.PERIODIC);
                    unannounced.end();
                    schedule.after(result, mode() == WatchMode.POLLING);
                    // What a watch announces a moment after the scan found it was only in flight.
                    scheduler.schedule(
                            () -> countUnannounced(finds),
                            settings.coalesceWindow().toMillis() + 1000,
                            TimeUnit.MILLISECONDS);
                }
            } finally {
                schedule.done();
            }
        }));
    }

    /** A coalescing window opened: its held events are passed on when it ends (a timer task only while any is open). */
    private void passOnHeldEventsLater() {
        passOnHeldEventsIn(coalescer.windowNanos());
    }

    private void passOnHeldEventsIn(long nanos) {
        if (!heldEventsDue.compareAndSet(false, true)) {
            return; // a task is due already: it schedules the next for the windows still open
        }
        try {
            scheduler.schedule(this::passOnHeldEvents, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            heldEventsDue.set(false); // closing: close() passes on everything held
        }
    }

    private void passOnHeldEvents() {
        heldEventsDue.set(false); // before closing windows: one opened meanwhile schedules its own task
        long next;
        try {
            next = coalescer.closeDue();
        } catch (RuntimeException e) {
            log.error("Passing on held events failed: {}", e.toString(), e);
            next = coalescer.windowNanos(); // try again: a window left open must still close
        }
        if (next >= 0) {
            passOnHeldEventsIn(next);
        }
    }

    /**
     * A watch event that passed the filter and the coalescer: describe the path as it is now and publish. A watch
     * event is always published (it announces a change); it is remembered, so a rescan does not publish it again.
     */
    private void observed(Path path, FileEvent.Kind kind) {
        FileEvent event = events.observe(path, kind, FileEvent.Source.WATCH);
        unannounced.announced(event.path());
        seen(event.path());
        if (event.kind() == FileEvent.Kind.DELETED) {
            publisher.forget(event.path());
            if (!settings.filter().publishesDeletions()) {
                return;
            }
        } else {
            publisher.changed(event);
        }
        publisher.publish(event);
    }

    /**
     * A candidate a scan found. A scan publishes what is new or changed since it was last published (the start-up
     * scan: since the last run, {@link PublishedMemory}), and CASA logs still in place (their movers missed them or
     * are behind: publishing them again is what rescans are for). What a periodic rescan finds new or changed is
     * held as unannounced until a watch event says otherwise.
     */
    private boolean offer(FileEvent event, TreeScanner.Scan scan) {
        seen(event.path());
        boolean changed = publisher.changed(event);
        boolean stillToMove = event.isRegularFile() && settings.filter().expectedToMove(Path.of(event.path()));
        if (!changed && !stillToMove) {
            scans.unchanged();
            return false;
        }
        if (changed && scan == TreeScanner.Scan.PERIODIC && mode() == WatchMode.INOTIFY) {
            unannounced.found(event.path());
        }
        publisher.publish(event);
        return true;
    }

    /** The start-up scan, or a watch event during it, found {@code path}: not gone since the last run. */
    private void seen(String path) {
        Set<String> unseen = unseenSinceLastRun;
        if (unseen != null) {
            unseen.remove(path);
        }
    }

    /** Counts what a periodic rescan found that no watch event announced, and says where. */
    private void countUnannounced(Set<String> finds) {
        List<String> paths = unannounced.count(finds, clock.instant());
        if (!paths.isEmpty()) {
            log.warn(
                    "The rescan found {} new or changed files that live watching did not report (first: {}); "
                            + "watching may be failing here (a network filesystem?)",
                    paths.size(),
                    Names.printable(Path.of(paths.get(0))));
        }
    }

    @Override
    public String name() {
        return "producer";
    }

    @Override
    public String failure() {
        return failure.reason();
    }

    @Override
    public String describe() {
        return "watching " + settings.roots() + " (" + watchMode() + ", " + watchedDirectories() + " directories)";
    }

    /** {@link WatchMode#INOTIFY} while every directory is watched live, {@link WatchMode#POLLING} otherwise. */
    public WatchMode mode() {
        return watching.mode();
    }

    /** The mode's label, as the status says it. */
    public String watchMode() {
        return mode().label();
    }

    /**
     * Adds the producer's series ({@code contimg_producer_*}, see {@link ProducerMetrics}) and its Kafka client's
     * ({@code kafka_producer_*}) to {@code metrics}. Before {@link #start()}.
     */
    public ProducerService withMetrics(PrometheusMetrics metrics) {
        ProducerMetrics.bind(metrics.registry(), parts);
        sender.bindTo(metrics.registry());
        return this;
    }

    public int watchedDirectories() {
        return watching.watchedDirectories();
    }

    /** The producer's current state, as published to {@code contimg.status}. */
    public StatusSnapshot status() {
        return status.snapshot(!closed);
    }

    /** A watched directory that was missing and is there now is scanned and watched from now on. */
    private void watchRootsThatAppeared() {
        for (Path root : missingRoots) {
            if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) && missingRoots.remove(root)) {
                log.info("Watched directory {} appeared; scanning and watching it", root);
                scanTargeted(root);
            }
        }
    }

    /** Stops watching, passes on held events, publishes a last status, and flushes everything to Kafka. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watching.close();
        // Scans stop at their next entry once closed; queued scans are dropped.
        scanner.shutdownNow().clear();
        scheduler.shutdown();
        try {
            if (!scanner.awaitTermination(3, TimeUnit.SECONDS) || !scheduler.awaitTermination(3, TimeUnit.SECONDS)) {
                log.warn("Producer threads did not stop within 3 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The events still held by the coalescer, then the last status, each within a bound (systemd allows 30 s
        // for a stop); what is not handed over is found again by the next start-up scan.
        sender.handOff(coalescer::closeAll, Duration.ofSeconds(10), "the pending events");
        reporter.close();
        // Bounded too: what is not delivered by then is failed, and found again by the next start-up scan.
        sender.close(Duration.ofSeconds(10));
        if (memoryTopic != null) {
            saveMemory(); // what was acknowledged, so the next start publishes only what changed meanwhile
        }
        log.info(
                "Producer stopped: {} events published, {} acknowledged, {} failed",
                publisher.published(),
                publisher.acknowledged(),
                publisher.failed());
    }
}
