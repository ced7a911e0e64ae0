package org.dsa110.contimg.events.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.dsa110.contimg.events.config.KafkaSettings;
import org.dsa110.contimg.events.topics.Topic;
import org.dsa110.contimg.events.topics.TopicRange;

/**
 * Reads a topic from its current end onwards, so a test sees only what was published after it began, on a broker
 * shared with other tests.
 */
public final class TopicTail<V> implements AutoCloseable {

    private final TopicRange<String, V> range;
    private final List<V> seen = new ArrayList<>();

    public TopicTail(KafkaSettings settings, Topic<String, V> topic) {
        range = new TopicRange<>(settings, topic, "test-tail-" + UUID.randomUUID()).fromEnd();
    }

    /** Everything read so far plus what arrives within the timeout, until the condition holds on it. */
    public List<V> until(Predicate<List<V>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            range.follow((raw, key, value) -> seen.add(value),
                    () -> !done.test(seen) && System.nanoTime() < deadline);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(seen);
    }

    /** What arrives within the given time. */
    public List<V> during(Duration time) {
        return until(all -> false, time);
    }

    @Override
    public void close() {
        range.close();
    }
}
