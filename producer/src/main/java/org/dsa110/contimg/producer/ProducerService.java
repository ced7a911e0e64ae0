package org.dsa110.contimg.producer;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.WatchedDirectories;
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
 * candidate has been handed to Kafka; live watching is on from then. New directories are watched and scanned as
 * they appear; an {@code OVERFLOW} rescans its directory; periodic rescans (5 min, 1 min while CASA logs are
 * found still in place, 60 s without live watching) catch whatever the watches could not. A rescan publishes only
 * what is new or changed since this run last published it ({@link PublishedFiles}), plus CASA logs still in
 * place; what it finds that no watch event announced is counted as unannounced, the best sign that watching is
 * failing (a network filesystem), and is an issue in the status until a rescan finds none.
 *
 * <p>Kafka's idempotent producer buffers through a broker outage (bounded by {@code buffer.memory}; a full
 * buffer slows the watcher rather than dropping events). An event that still cannot be delivered after the
 * delivery timeout is counted, reported in the status, and answered with a rescan that publishes again what is
 * still in place. {@link #close()} flushes what is buffered.
 */
public final class ProducerService implements Service {

    private static final Logger log = LoggerFactory.getLogger(ProducerService.class);
    private static final Duration TICK = Duration.ofMillis(50);
    private static final Duration RECENT_FAILURES = Duration.ofMinutes(5);
    /** Candidates remembered at most ({@link PublishedFiles}): about 170 MB at this bound, 17 MB per 100,000. */
    static final int MAX_REMEMBERED = 1_000_000;
    /** How long a rescan's unannounced files stay an issue: watching that failed once is suspect for a while. */
    private static final Duration UNANNOUNCED_SHOWN = Duration.ofHours(1);

    private final ProducerSettings settings;
    private final TopicSender sender;
    private final Clock clock;
    private final ProducerMetrics metrics = new ProducerMetrics();
    private final EventFactory events;
    private final BurstCoalescer coalescer;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService scanner;
    private final List<AckListener> ackListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean rescanRunning = new AtomicBoolean();
    private final WatchServices watchServices;
    private volatile long nextRescanNanos;
    private final AtomicReference<String> watchFailure = new AtomicReference<>();
    private final PublishedFiles published = new PublishedFiles(MAX_REMEMBERED);
    /**
     * Per periodic rescan not yet counted: the new or changed candidates it found, until a watch event announces
     * them (one that was only in flight) or the count, a moment after the scan, finds them still unannounced.
     */
    private final List<Set<String>> unannounced = new CopyOnWriteArrayList<>();
    /** The set of the periodic rescan now running, {@code null} between them. Used on the scanner thread only. */
    private Set<String> rescanFinds;

    private final Set<Path> missingRoots = ConcurrentHashMap.newKeySet();
    private final Instant startedAt;
    private volatile DirectoryWatcher watcher;
    private volatile TreeScanner treeScanner;
    /** The last changes of watch mode, newest last (status {@code watch_mode_changes}). */
    private final Deque<ModeChange> modeChanges = new ConcurrentLinkedDeque<>();
    /** While a retry of live watching runs: its failures are reported once, by the retry. */
    private volatile boolean retryingWatch;

    /** One change of watch mode: when, to which, and why. */
    record ModeChange(Instant at, String mode, String reason) {}

    private static final int MODE_CHANGES_KEPT = 10;
    private volatile boolean closed;

    /** Hears when an event is acknowledged by the broker (benchmarks measure latency with it). */
    @FunctionalInterface
    public interface AckListener {
        void acknowledged(FileEvent event, long ackNanoTime);
    }

    /** Where watch services come from: the default filesystem's, or (in tests) one that fails like a full host. */
    @FunctionalInterface
    interface WatchServices {
        WatchService open() throws IOException;
    }

    private final Failure failure = new Failure("producer");
    private final StatusReporter reporter;

    public ProducerService(ProducerSettings settings, KafkaSettings kafka) {
        this(settings, kafka, FileSystems.getDefault()::newWatchService);
    }

    ProducerService(ProducerSettings settings, KafkaSettings kafka, WatchServices watchServices) {
        this(
                settings,
                new TopicSender(kafka.producer("contimg-producer-" + settings.host())),
                Clock.systemUTC(),
                watchServices);
    }

    private ProducerService(ProducerSettings settings, TopicSender sender, Clock clock, WatchServices watchServices) {
        this.settings = settings;
        this.watchServices = watchServices;
        this.sender = sender;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.events = new EventFactory(settings, clock);
        this.coalescer = new BurstCoalescer(settings.coalesceWindow().toNanos(), System::nanoTime, this::observed);
        var timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("contimg-producer-timer"));
        // At close, let a running task finish (a status send must not be interrupted) but run no pending one.
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.scheduler = timer;
        this.scanner = Executors.newSingleThreadExecutor(DaemonThreads.named("contimg-producer-scanner"));
        this.reporter = StatusReporter.of(settings.componentId(), this::status, sender, failure)
                .every(settings.statusInterval())
                .withClock(clock)
                .build();
    }

    /** Holds or releases the watcher's reading of events (see {@link DirectoryWatcher#hold()}); for tests. */
    void holdWatchEvents(boolean hold) {
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
        ackListeners.add(listener);
    }

    /** Scans every root (blocking), then leaves live watching and periodic rescans running. */
    @Override
    public void start() {
        if (!settings.polling()) {
            try {
                watcher = new DirectoryWatcher(watchServices.open(), new WatchListener(), failure);
            } catch (IOException e) {
                watchUnavailable("cannot create an inotify instance: " + e.getMessage());
            }
        }
        // Known partitions (kept through an outage, KafkaSettings.producer) let events be buffered while the broker
        // is away instead of blocking the watcher for max.block.ms and failing: ask while the broker is there.
        sender.learnPartitions(Topics.FS_EVENTS, Topics.STATUS);
        treeScanner = new TreeScanner(settings.filter(), events, watcher, this::offer, metrics, () -> closed);
        if (watcher != null) {
            watcher.start(); // only now: its listener scans new directories with the tree scanner
        }
        TreeScanner.Result first = scanRoots(TreeScanner.Scan.STARTUP);
        log.info(
                "Startup scan of {}: {} entries, {} candidates published in {} ms; {} directories watched ({})",
                settings.roots(),
                first.entries(),
                first.candidates(),
                first.nanos() / 1_000_000,
                watchedDirectories(),
                watchMode());
        scheduler.scheduleWithFixedDelay(
                failure.guard("passing on held events", this::tick),
                TICK.toMillis(),
                TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        reporter.start();
        scheduler.scheduleWithFixedDelay(
                failure.guard("watching roots that appeared", this::watchRootsThatAppeared), 1, 1, TimeUnit.SECONDS);
        nextRescanNanos = System.nanoTime() + nextRescanDelay(first).toNanos();
        scheduler.scheduleWithFixedDelay(
                failure.guard("the periodic rescan", this::rescanIfDue), 1, 1, TimeUnit.SECONDS);
        if (!settings.polling()) {
            long retry = settings.watchRetryInterval().toMillis();
            scheduler.scheduleWithFixedDelay(
                    failure.guard("retrying live watching", this::retryWatchingIfUnavailable),
                    retry,
                    retry,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * In the polling fallback, tries live watching again (an operator may have raised
     * {@code fs.inotify.max_user_watches}): a new watch service, every directory registered again by a rescan that
     * publishes what changed meanwhile, so nothing falls between the modes. Runs on the scanner thread.
     */
    private void retryWatchingIfUnavailable() {
        if (closed || watchFailure.get() == null) {
            return;
        }
        scanner.execute(failure.guard("retrying live watching", () -> {
            String before = watchFailure.get();
            if (closed || before == null) {
                return;
            }
            DirectoryWatcher fresh;
            try {
                fresh = new DirectoryWatcher(watchServices.open(), new WatchListener(), failure);
            } catch (IOException e) {
                log.info("Live watching is still unavailable (cannot create an inotify instance: {})", e.getMessage());
                return;
            }
            retryingWatch = true;
            DirectoryWatcher old = watcher;
            try {
                watcher = fresh;
                treeScanner = new TreeScanner(settings.filter(), events, fresh, this::offer, metrics, () -> closed);
                watchFailure.set(null);
                fresh.start();
                if (old != null) {
                    old.close();
                }
                // Registers every directory with the new watcher before listing it, and publishes what changed.
                TreeScanner.Result result = scanRoots(TreeScanner.Scan.PERIODIC);
                nextRescanNanos = System.nanoTime() + nextRescanDelay(result).toNanos();
            } finally {
                retryingWatch = false;
            }
            String still = watchFailure.get();
            if (still == null) {
                modeChanged(WatchMode.INOTIFY, "live watching is available again (it was not: " + before + ")");
                log.info(
                        "Live watching is back: {} directories watched (inotify); it was unavailable ({})",
                        watchedDirectories(),
                        before);
            } else {
                log.info(
                        "Live watching is still unavailable ({}); trying again in {} s",
                        still,
                        settings.watchRetryInterval().toSeconds());
            }
        }));
    }

    private void modeChanged(WatchMode mode, String reason) {
        modeChanges.addLast(new ModeChange(clock.instant(), mode.label(), reason));
        while (modeChanges.size() > MODE_CHANGES_KEPT) {
            modeChanges.pollFirst();
        }
        metrics.watchModeChanges.incrementAndGet();
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
        metrics.scans.incrementAndGet();
        metrics.lastScan.set(total);
        metrics.lastScanAt.set(clock.instant());
        return total;
    }

    /** Starts a rescan on the scanner thread when one is due and none is running. */
    private void rescanIfDue() {
        if (closed || System.nanoTime() - nextRescanNanos < 0 || !rescanRunning.compareAndSet(false, true)) {
            return;
        }
        scanner.execute(failure.guard("the periodic rescan", () -> {
            try {
                if (!closed) {
                    Set<String> finds = ConcurrentHashMap.newKeySet();
                    unannounced.add(finds);
                    rescanFinds = finds;
                    TreeScanner.Result result = scanRoots(TreeScanner.Scan.PERIODIC);
                    rescanFinds = null;
                    nextRescanNanos =
                            System.nanoTime() + nextRescanDelay(result).toNanos();
                    // What a watch announces a moment after the scan found it was only in flight.
                    scheduler.schedule(
                            () -> countUnannounced(finds),
                            settings.coalesceWindow().toMillis() + 1000,
                            TimeUnit.MILLISECONDS);
                }
            } finally {
                rescanRunning.set(false);
            }
        }));
    }

    /** Brings the next rescan forward to at most {@code delay} from now. */
    private void rescanWithin(Duration delay) {
        long due = System.nanoTime() + delay.toNanos();
        synchronized (this) {
            if (nextRescanNanos - due > 0) {
                nextRescanNanos = due;
            }
        }
    }

    private Duration nextRescanDelay(TreeScanner.Result last) {
        return nextRescanDelay(settings, last, mode() == WatchMode.POLLING);
    }

    /**
     * Adaptive, like the old daemon: every {@code busyRescanInterval} while the last scan found more than
     * {@code busyThreshold} CASA logs still in place (events were missed or the movers are behind), else every
     * {@code rescanInterval}; without live watching, at least every {@code pollInterval}.
     */
    static Duration nextRescanDelay(ProducerSettings settings, TreeScanner.Result last, boolean polling) {
        Duration delay =
                last.toMove() > settings.busyThreshold() ? settings.busyRescanInterval() : settings.rescanInterval();
        if (polling && settings.pollInterval().compareTo(delay) < 0) {
            delay = settings.pollInterval();
        }
        return delay;
    }

    private void tick() {
        try {
            coalescer.closeDue();
        } catch (RuntimeException e) {
            log.error("Passing on held events failed: {}", e.toString(), e);
        }
    }

    /**
     * A watch event that passed the filter and the coalescer: describe the path as it is now and publish. A watch
     * event is always published (it announces a change); it is remembered, so a rescan does not publish it again.
     */
    private void observed(Path path, FileEvent.Kind kind) {
        FileEvent event = events.observe(path, kind, FileEvent.Source.WATCH);
        for (Set<String> finds : unannounced) {
            finds.remove(event.path());
        }
        if (event.kind() == FileEvent.Kind.DELETED) {
            published.forget(event.path());
            if (!settings.filter().publishesDeletions()) {
                return;
            }
        } else {
            published.changed(event);
        }
        publish(event);
    }

    /**
     * A candidate a scan found. The start-up scan publishes every one; a rescan only what is new or changed since
     * it was last published, and CASA logs still in place (their movers missed them or are behind: publishing
     * them again is what rescans are for). What a periodic rescan finds new or changed is held as unannounced
     * until a watch event says otherwise.
     */
    private boolean offer(FileEvent event, TreeScanner.Scan scan) {
        boolean changed = published.changed(event);
        boolean stillToMove = event.isRegularFile() && settings.filter().expectedToMove(Path.of(event.path()));
        if (scan != TreeScanner.Scan.STARTUP && !changed && !stillToMove) {
            metrics.unchanged.incrementAndGet();
            return false;
        }
        Set<String> finds = rescanFinds;
        if (changed && scan == TreeScanner.Scan.PERIODIC && finds != null && mode() == WatchMode.INOTIFY) {
            finds.add(event.path());
        }
        publish(event);
        return true;
    }

    /** Counts what a periodic rescan found that no watch event announced, and says where. */
    private void countUnannounced(Set<String> finds) {
        unannounced.remove(finds);
        List<String> paths = finds.stream().sorted().toList();
        metrics.unannounced(paths, clock.instant());
        if (!paths.isEmpty()) {
            log.warn(
                    "The rescan found {} new or changed files that live watching did not report (first: {}); "
                            + "watching may be failing here (a network filesystem?)",
                    paths.size(),
                    Names.printable(Path.of(paths.get(0))));
        }
    }

    private void publish(FileEvent event) {
        metrics.published.incrementAndGet();
        try {
            sender.send(Topics.FS_EVENTS, event.path(), event, (metadata, error) -> {
                if (error == null) {
                    metrics.acknowledged.incrementAndGet();
                    long now = System.nanoTime();
                    for (AckListener listener : ackListeners) {
                        listener.acknowledged(event, now);
                    }
                } else {
                    deliveryFailed(event, error);
                }
            });
        } catch (RuntimeException e) {
            // A full buffer past max.block.ms, or a producer closing: same answer as a failed delivery.
            deliveryFailed(event, e);
        }
    }

    private void deliveryFailed(FileEvent event, Exception error) {
        published.forget(event.path()); // not published after all: the next rescan publishes it again
        String reason = error.getClass().getSimpleName() + ": " + error.getMessage();
        metrics.deliveryFailed(reason, clock.instant());
        log.error("Could not deliver the event for {} to {}: {}", event.path(), Topics.FS_EVENTS.name(), reason);
        // Whatever is still in place is published again by the next rescan, once Kafka takes events.
        rescanWithin(settings.busyRescanInterval());
    }

    private void watchUnavailable(String reason) {
        if (watchFailure.compareAndSet(null, reason)) {
            rescanWithin(settings.pollInterval());
            if (retryingWatch) {
                return; // still polling, as before the retry: the retry says so in one line
            }
            modeChanged(WatchMode.POLLING, reason);
            log.error(
                    "Live watching is not available ({}); falling back to a full scan every {} s. On Linux, raise "
                            + "fs.inotify.max_user_watches (sysctl) to watch large trees.",
                    reason,
                    settings.pollInterval().toSeconds());
        }
    }

    /** {@code inotify} while every directory is watched live, {@code polling} otherwise. */
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
        return watcher != null && watchFailure.get() == null ? WatchMode.INOTIFY : WatchMode.POLLING;
    }

    /** The mode's label, as the status says it. */
    public String watchMode() {
        return mode().label();
    }

    /**
     * Adds the producer's series ({@code contimg_producer_*}, see {@link ProducerMetrics#bindTo}) and its Kafka
     * client's ({@code kafka_producer_*}) to {@code metrics}. Before {@link #start()}.
     */
    public ProducerService withMetrics(PrometheusMetrics metrics) {
        this.metrics.bindTo(metrics.registry(), this);
        sender.bindTo(metrics.registry());
        return this;
    }

    /** Candidates remembered as published, which a rescan skips while they are unchanged. */
    int rememberedFiles() {
        return published.size();
    }

    public int watchedDirectories() {
        return watcher == null ? 0 : watcher.watchedCount();
    }

    /** The producer's current state, as published to {@code contimg.status}. */
    public StatusSnapshot status() {
        return status(!closed);
    }

    private StatusSnapshot status(boolean running) {
        List<String> issues = WatchedDirectories.issues(settings.roots());
        if (failure.reason() != null) {
            issues.add(failure.issue());
        }
        if (watchFailure.get() != null) {
            issues.add("live watching unavailable (" + watchFailure.get() + "): scanning every "
                    + settings.pollInterval().toSeconds() + " s");
        }
        Instant lastFailure = metrics.lastDeliveryErrorAt.get();
        if (lastFailure != null && lastFailure.isAfter(clock.instant().minus(RECENT_FAILURES))) {
            issues.add(metrics.failed.get() + " events could not be delivered to Kafka (last: "
                    + metrics.lastDeliveryError.get() + "); a rescan republishes what is still in place");
        }
        ProducerMetrics.Unannounced lastFound = metrics.lastUnannouncedFind.get();
        if (lastFound != null && lastFound.at().isAfter(clock.instant().minus(UNANNOUNCED_SHOWN))) {
            issues.add(lastFound.count() + " new or changed files were found by the rescan of " + lastFound.at()
                    + " but not reported by live watching (first: " + Names.printable(Path.of(lastFound.first()))
                    + "): watching may be failing here");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("watch_mode", watchMode());
        details.put(
                "watch_mode_changes",
                modeChanges.stream()
                        .map(c -> Map.of("at", c.at().toString(), "mode", c.mode(), "reason", c.reason()))
                        .toList());
        details.put("roots", settings.roots().stream().map(Path::toString).toList());
        details.put("filter", settings.filter().toString());
        details.put("coalesce_window_ms", settings.coalesceWindow().toMillis());
        return StatusSnapshot.of(
                settings.componentId(),
                settings.host(),
                clock.instant(),
                startedAt,
                running,
                issues,
                metrics.snapshot(watchedDirectories(), published.size(), published.overCapacity()),
                details);
    }

    /** A watched directory that was missing and is there now is scanned and watched from now on. */
    private void watchRootsThatAppeared() {
        for (Path root : missingRoots) {
            if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) && missingRoots.remove(root)) {
                log.info("Watched directory {} appeared; scanning and watching it", root);
                scanner.execute(
                        failure.guard("a targeted scan", () -> treeScanner.scan(root, TreeScanner.Scan.TARGETED)));
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
        if (watcher != null) {
            watcher.close();
        }
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
        log.info(
                "Producer stopped: {} events published, {} acknowledged, {} failed",
                metrics.published.get(),
                metrics.acknowledged.get(),
                metrics.failed.get());
    }

    private final class WatchListener implements DirectoryWatcher.Listener {
        @Override
        public void changed(Path path, FileEvent.Kind kind) {
            if (kind == FileEvent.Kind.CREATED && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                // Watch the new directory now, then list it: what was created in it before the watch is found.
                watcher.register(path);
                scanner.execute(
                        failure.guard("a targeted scan", () -> treeScanner.scan(path, TreeScanner.Scan.TARGETED)));
            }
            if (kind == FileEvent.Kind.DELETED) {
                published.forget(path.toString()); // a moved log, a purged directory: nothing left to remember
            }
            if (!settings.filter().test(path)
                    || kind == FileEvent.Kind.DELETED && !settings.filter().publishesDeletions()) {
                return;
            }
            if (!Names.representable(path)) {
                metrics.badName(path);
                return;
            }
            if (!coalescer.offer(path, kind)) {
                metrics.coalesced.incrementAndGet();
            }
        }

        @Override
        public void overflowed(Path directory) {
            metrics.overflows.incrementAndGet();
            log.debug("Watch events of {} overflowed; rescanning it", Names.printable(directory));
            scanner.execute(
                    failure.guard("a targeted scan", () -> treeScanner.scan(directory, TreeScanner.Scan.TARGETED)));
        }

        @Override
        public void registrationFailed(Path directory, IOException reason) {
            watchUnavailable("cannot watch " + Names.printable(directory) + ": " + reason.getMessage());
        }
    }
}
