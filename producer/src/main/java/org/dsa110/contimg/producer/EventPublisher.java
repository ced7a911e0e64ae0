package org.dsa110.contimg.producer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands file events to Kafka ({@code contimg.fs-events}, keyed by path) and keeps what became of them: published,
 * acknowledged, failed, and the candidates published ({@link PublishedFiles}), which a rescan skips while they are
 * unchanged. An event that cannot be delivered (after the delivery timeout, or refused by a full buffer) is forgotten
 * as published, so the next rescan publishes it again, and is answered by {@code onFailure} (the producer brings
 * that rescan forward).
 */
final class EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    /** The last delivery that failed: why, and when. */
    record DeliveryError(String reason, Instant at) {}

    private final TopicSender sender;
    private final Clock clock;
    private final Runnable onFailure;
    private final PublishedFiles published;
    private final List<AckListener> ackListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong handed = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<DeliveryError> lastError = new AtomicReference<>();

    EventPublisher(TopicSender sender, Clock clock, int remembered, Runnable onFailure) {
        this.sender = sender;
        this.clock = clock;
        this.onFailure = onFailure;
        this.published = new PublishedFiles(remembered);
    }

    void addAckListener(AckListener listener) {
        ackListeners.add(listener);
    }

    /** Whether {@code event} is new or changed since it was last published (it is remembered as published now). */
    boolean changed(FileEvent event) {
        return published.changed(event);
    }

    /** Forgets {@code path} as published: it is gone (a moved log, a purged directory). */
    void forget(String path) {
        published.forget(path);
    }

    void publish(FileEvent event) {
        handed.incrementAndGet();
        try {
            sender.send(Topics.FS_EVENTS, event.path(), event, (metadata, error) -> {
                if (error == null) {
                    acknowledged.incrementAndGet();
                    published.acknowledged(event);
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
        failed.incrementAndGet();
        lastError.set(new DeliveryError(reason, clock.instant()));
        log.error("Could not deliver the event for {} to {}: {}", event.path(), Topics.FS_EVENTS.name(), reason);
        onFailure.run();
    }

    long published() {
        return handed.get();
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long failed() {
        return failed.get();
    }

    /** Handed to Kafka and neither acknowledged nor failed yet. */
    long inFlight() {
        return handed.get() - acknowledged.get() - failed.get();
    }

    /** The last failed delivery, {@code null} if none has failed. */
    DeliveryError lastError() {
        return lastError.get();
    }

    /** What was published, for {@link PublishedMemory} to save and restore. */
    PublishedFiles memory() {
        return published;
    }

    /** Candidates remembered as published. */
    int remembered() {
        return published.size();
    }

    /** Candidates published but not remembered (over {@link PublishedFiles}' capacity). */
    long notRemembered() {
        return published.overCapacity();
    }
}
