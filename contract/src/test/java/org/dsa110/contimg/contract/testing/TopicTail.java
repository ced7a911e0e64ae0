package org.dsa110.contimg.contract.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.reading.TopicRange;
import org.dsa110.contimg.contract.topics.Topic;

/**
 * Reads a topic from its current end onwards, so a test sees only what was published after it began, on a broker
 * shared with other tests.
 */
public final class TopicTail<V> implements AutoCloseable {

    private final Topic<String, V> topic;
    private final TopicRange<String, V> range;
    private final List<V> seen = new ArrayList<>();

    public TopicTail(KafkaSettings settings, Topic<String, V> topic) {
        this.topic = topic;
        range = new TopicRange<>(settings, topic, "test-tail-" + UUID.randomUUID()).fromEnd();
    }

    /**
     * Everything read so far plus what arrives, as soon as the condition holds on it.
     *
     * @throws AssertionError if it does not hold within the timeout (saying how many records came)
     */
    public List<V> until(Predicate<List<V>> done, Duration timeout) {
        follow(done, timeout);
        if (!done.test(seen)) {
            throw new AssertionError("the condition did not hold within " + timeout + " on the " + seen.size()
                    + " records read from " + topic.name() + ": " + abbreviated());
        }
        return List.copyOf(seen);
    }

    /**
     * Everything read so far plus all that was on the topic when this is called: for asserting that something was
     * not written by an action that has finished (a short poll of a fresh consumer proves nothing).
     */
    public List<V> upToNow() {
        try {
            range.toEndNow((raw, key, value) -> seen.add(value));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(seen);
    }

    /** What arrives within the given time: for asserting that something does not come. */
    public List<V> during(Duration time) {
        follow(all -> false, time);
        return List.copyOf(seen);
    }

    private void follow(Predicate<List<V>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            range.follow((raw, key, value) -> seen.add(value), () -> !done.test(seen) && System.nanoTime() < deadline);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String abbreviated() {
        int shown = Math.min(seen.size(), 5);
        return seen.subList(seen.size() - shown, seen.size())
                + (seen.size() > shown ? " (the last " + shown + ")" : "");
    }

    @Override
    public void close() {
        range.close();
    }
}
