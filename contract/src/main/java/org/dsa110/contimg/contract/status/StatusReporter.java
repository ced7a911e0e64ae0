package org.dsa110.contimg.contract.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.service.DaemonThreads;
import org.dsa110.contimg.contract.service.Failure;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every service reports its status, in one place: a snapshot taken every check, published to
 * {@code contimg.status} (and first handed to any other outlet, such as the sink's status file) at least every
 * interval and at once when its issues change, and on close one last snapshot saying {@code running: false}, within
 * {@link #LAST_STATUS_WITHIN} (with the broker gone a send would otherwise wait a minute, past systemd's 30 s).
 *
 * <p>One daemon thread of its own. A snapshot that cannot be taken is logged in one line and tried again at the next
 * check; {@link #MAX_FAILED_CHECKS} in a row are the service's {@link Failure}. A snapshot that cannot be sent is
 * logged, never thrown: a component does not stop working because its report could not go out.
 */
public final class StatusReporter implements AutoCloseable {

    /** How often a component reports when nothing changes ({@code --status-interval}), in seconds. */
    public static final long DEFAULT_INTERVAL_SECONDS = 30;

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(DEFAULT_INTERVAL_SECONDS);
    /** How long a stopping component waits for its last status to reach Kafka. */
    public static final Duration LAST_STATUS_WITHIN = Duration.ofSeconds(3);
    /** Snapshots that could not be taken in a row before the service cannot go on. */
    public static final int MAX_FAILED_CHECKS = 12;

    private static final Logger log = LoggerFactory.getLogger(StatusReporter.class);

    /** Takes the component's snapshot; {@code running} is false for the last one, taken while stopping. */
    @FunctionalInterface
    public interface Snapshots {
        StatusSnapshot take(boolean running) throws Exception;
    }

    /** Where a snapshot goes before the topic (the status file); it handles its own errors. */
    @FunctionalInterface
    public interface Outlet {
        void write(StatusSnapshot snapshot);
    }

    private final String component;
    private final Snapshots snapshots;
    private final TopicSender sender;
    private final Failure failure;
    private final Clock clock;
    private final Duration interval;
    private final Duration check;
    private final List<Outlet> outlets;
    private final ScheduledExecutorService timer;
    private final AtomicLong checks = new AtomicLong();
    /** Touched by the timer's thread, and by close() once the timer has stopped. */
    private Instant lastPublished;

    private List<String> lastIssues;
    private int failedChecks;
    private volatile StatusSnapshot latest;

    private StatusReporter(Builder builder) {
        this.component = builder.component;
        this.snapshots = builder.snapshots;
        this.sender = builder.sender;
        this.failure = builder.failure;
        this.clock = builder.clock;
        this.interval = builder.interval;
        this.check = builder.check == null || builder.check.compareTo(builder.interval) > 0
                ? builder.interval
                : builder.check;
        this.outlets = List.copyOf(builder.outlets);
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("contimg-status-" + component));
    }

    /**
     * A reporter of {@code component}'s snapshots to {@code sender}, every {@link #DEFAULT_INTERVAL} unless told
     * otherwise.
     */
    public static Builder of(String component, Snapshots snapshots, TopicSender sender, Failure failure) {
        return new Builder(component, snapshots, sender, failure);
    }

    /** The reporter's settings, gathered before it is built. */
    public static final class Builder {
        private final String component;
        private final Snapshots snapshots;
        private final TopicSender sender;
        private final Failure failure;
        private Duration interval = DEFAULT_INTERVAL;
        private Duration check;
        private Clock clock = Clock.systemUTC();
        private final List<Outlet> outlets = new ArrayList<>();

        private Builder(String component, Snapshots snapshots, TopicSender sender, Failure failure) {
            this.component = component;
            this.snapshots = snapshots;
            this.sender = sender;
            this.failure = failure;
        }

        /** Publishes at least this often. */
        public Builder every(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("--status-interval must be positive: " + interval);
            }
            this.interval = interval;
            return this;
        }

        /** Takes a snapshot this often (at most the interval), publishing it when its issues changed. */
        public Builder checkingEvery(Duration check) {
            this.check = check;
            return this;
        }

        /** Hands every snapshot to {@code outlet} before publishing it. */
        public Builder alsoTo(Outlet outlet) {
            outlets.add(outlet);
            return this;
        }

        public Builder withClock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public StatusReporter build() {
            return new StatusReporter(this);
        }
    }

    /** Reports now, then every check. */
    public void start() {
        timer.scheduleWithFixedDelay(this::check, 0, check.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Snapshots taken since start. */
    public long checks() {
        return checks.get();
    }

    /** The last snapshot published, or {@code null} before the first. */
    public StatusSnapshot latest() {
        return latest;
    }

    private void check() {
        checks.incrementAndGet();
        try {
            StatusSnapshot snapshot = snapshots.take(true);
            boolean due = lastPublished == null
                    || Duration.between(lastPublished, clock.instant()).compareTo(interval) >= 0;
            if (due || !snapshot.issues().equals(lastIssues)) {
                publish(snapshot);
            }
            failedChecks = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            failedChecks++;
            if (failedChecks >= MAX_FAILED_CHECKS) {
                failure.fail("the status check failed " + failedChecks + " times in a row", e);
            } else {
                log.error("The status of {} could not be taken: {}", component, OneLine.of(e), e);
            }
        }
    }

    private void publish(StatusSnapshot snapshot) {
        for (Outlet outlet : outlets) {
            outlet.write(snapshot);
        }
        sender.publishStatus(snapshot);
        lastPublished = clock.instant();
        lastIssues = snapshot.issues();
        latest = snapshot;
    }

    /**
     * Stops checking, then hands on and publishes one last snapshot ({@code running: false}), waiting at most
     * {@link #LAST_STATUS_WITHIN} for Kafka to take it. Closes nothing else: the sender is the caller's.
     */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(15, TimeUnit.SECONDS)) {
                log.warn("The status check of {} did not stop within 15 s", component);
            }
            StatusSnapshot last = snapshots.take(false);
            sender.handOff(() -> publish(last), LAST_STATUS_WITHIN, "the last status of " + component);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not report the last status of {}: {}", component, OneLine.of(e));
        }
    }
}
