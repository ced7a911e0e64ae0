package org.dsa110.contimg.events.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.dsa110.contimg.events.config.KafkaSettings;
import org.dsa110.contimg.events.topics.Topic;

/**
 * Reads a topic from its current end onwards, so a test sees only what was published after it began, on a broker
 * shared with other tests.
 */
public final class TopicTail<V> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final List<V> seen = new ArrayList<>();

    public TopicTail(KafkaSettings settings, Topic<String, V> topic) {
        consumer = new KafkaConsumer<>(settings.consumer(null, "test-tail-" + UUID.randomUUID()),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(PartitionInfo::partition).map(p -> new TopicPartition(topic.name(), p)).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the test publishes anything
    }

    /** Everything read so far plus what arrives within the timeout, until the condition holds on it. */
    public List<V> until(Predicate<List<V>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(seen) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(record -> seen.add(record.value()));
        }
        return List.copyOf(seen);
    }

    /** What arrives within the given time. */
    public List<V> during(Duration time) {
        return until(all -> false, time);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
