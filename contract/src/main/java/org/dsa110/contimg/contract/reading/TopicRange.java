package org.dsa110.contimg.contract.reading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.topics.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole topic, or the part of it since a time, up to its end as it was when reading began: what a replay
 * or a status query needs, without a consumer group (nothing is committed, no other reader is disturbed). Records
 * are read {@code read_committed}; one that cannot be deserialized is counted and logged in one line, never thrown.
 */
public final class TopicRange<K, V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicRange.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** What is done with each readable record. */
    @FunctionalInterface
    public interface Handler<K, V> {
        void accept(ConsumerRecord<byte[], byte[]> raw, K key, V value) throws Exception;
    }

    private final Topic<K, V> topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<TopicPartition, Long> ends = new HashMap<>();
    private long expected;
    private long read;
    private long unreadable;

    public TopicRange(KafkaSettings kafka, Topic<K, V> topic, String clientId) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(
                kafka.consumer(null, clientId), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Positions every partition at its first record at or after {@code since} ({@code null}: the beginning) and
     * notes where the topic ends now.
     *
     * @throws IllegalStateException when the topic does not exist
     */
    public TopicRange<K, V> from(Instant since) {
        assignAll();
        if (since == null) {
            consumer.seekToBeginning(partitions);
        } else {
            var times = new HashMap<TopicPartition, Long>();
            partitions.forEach(p -> times.put(p, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = found.get(partition);
                consumer.seek(partition, offset == null ? ends.get(partition) : offset.offset());
            }
        }
        for (TopicPartition partition : partitions) {
            expected += Math.max(0, ends.get(partition) - consumer.position(partition));
        }
        return this;
    }

    /**
     * Positions every partition at its end now, as a number (a lazy {@code seekToEnd} would resolve at the first
     * fetch and skip what is written meanwhile): {@link #follow} then reads only what comes after this call.
     */
    public TopicRange<K, V> fromEnd() {
        assignAll();
        ends.forEach(consumer::seek);
        return this;
    }

    private void assignAll() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic.name());
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic.name() + " does not exist");
        }
        infos.forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
        consumer.assign(partitions);
        ends.putAll(consumer.endOffsets(partitions));
    }

    /** Offsets between the start and the end: the records to read, plus any transaction markers among them. */
    public long expected() {
        return expected;
    }

    public long read() {
        return read;
    }

    public long unreadable() {
        return unreadable;
    }

    /** Reads up to the end noted by {@link #from}; {@code onPoll} runs after every poll (progress, batching). */
    public void toEnd(Handler<K, V> handler, Runnable onPoll) throws Exception {
        while (!atEnd()) {
            poll(handler);
            onPoll.run();
        }
    }

    /**
     * Notes where the topic ends now, as numbers, and reads up to there: everything written before this call
     * ({@code read_committed}: every committed transaction) has been handed over when it returns.
     */
    public void toEndNow(Handler<K, V> handler) throws Exception {
        ends.putAll(consumer.endOffsets(partitions));
        toEnd(handler, () -> {});
    }

    /** Goes on reading what arrives after the end, until {@code running} says stop. */
    public void follow(Handler<K, V> handler, BooleanSupplier running) throws Exception {
        while (running.getAsBoolean()) {
            poll(handler);
        }
    }

    private boolean atEnd() {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < ends.get(partition)) {
                return false;
            }
        }
        return true;
    }

    private void poll(Handler<K, V> handler) throws Exception {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            K key;
            V value;
            try {
                key = record.key() == null
                        ? null
                        : topic.keySerde().deserializer().deserialize(topic.name(), record.key());
                value = record.value() == null
                        ? null
                        : topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
            } catch (RuntimeException e) {
                unreadable++;
                log.warn(
                        "Skipping unreadable record {}-{}@{}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        OneLine.of(e));
                continue;
            }
            read++;
            handler.accept(record, key, value);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
