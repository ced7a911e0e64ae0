package org.dsa110.contimg.sink.status;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.service.DaemonThreads;
import org.dsa110.contimg.contract.service.Failure;
import org.dsa110.contimg.contract.topics.DeadLetters;
import org.dsa110.contimg.contract.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code contimg.outcomes} (from an hour back, so the last-hour figures survive a restart) into an
 * {@link OutcomeTally}, and {@code contimg.status} (compacted, from the beginning) into {@link ComponentStatuses}.
 * It belongs to no consumer group and commits nothing: every monitor reads everything it needs afresh. Writes
 * nothing, to Kafka or the filesystem.
 *
 * <p>A record it cannot read is counted and logged in one line, and reading goes on.
 */
final class StatusFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final OutcomeTally outcomes;
    private final ComponentStatuses components;
    private final Clock clock;
    private final Thread thread;
    private final AtomicLong unreadable = new AtomicLong();
    private final DeadLetters deadLetters;
    private final Failure failure = new Failure("pipeline monitor");
    private volatile boolean running = true;

    StatusFeed(KafkaSettings kafka, String clientId, OutcomeTally outcomes, ComponentStatuses components, Clock clock) {
        this.consumer = new KafkaConsumer<>(
                kafka.consumer(null, clientId), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.deadLetters = new DeadLetters(clientId, kafka.producer(clientId + "-dlq"));
        this.outcomes = outcomes;
        this.components = components;
        this.clock = clock;
        this.thread = DaemonThreads.named("contimg-status-feed").newThread(this::run);
    }

    void start() {
        thread.start();
    }

    /** Records on either topic that could not be read. */
    /** Why the feed stopped by itself, or {@code null}. */
    String failure() {
        return failure.reason();
    }

    long deadLetters() {
        return deadLetters.sent();
    }

    long unreadable() {
        return unreadable.get();
    }

    private void run() {
        try {
            while (running && !assign()) {
                Thread.sleep(RETRY.toMillis());
            }
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    read(record);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException | Error e) {
            failure.fail("the status feed stopped", e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5))); // no group to leave: nothing to wait for
            deadLetters.close();
        }
    }

    /** Assigns every partition of both topics and seeks; false (and says why) while the cluster cannot tell. */
    private boolean assign() {
        try {
            List<TopicPartition> statusPartitions = partitions(Topics.STATUS.name());
            List<TopicPartition> outcomePartitions = partitions(Topics.OUTCOMES.name());
            List<TopicPartition> all = new ArrayList<>(statusPartitions);
            all.addAll(outcomePartitions);
            consumer.assign(all);
            consumer.seekToBeginning(statusPartitions);
            long hourAgo = clock.instant().minus(OutcomeTally.RECENT).toEpochMilli();
            Map<TopicPartition, Long> times = new HashMap<>();
            outcomePartitions.forEach(p -> times.put(p, hourAgo));
            // The ends first, as numbers: a partition with nothing from the last hour starts at its end as it was
            // before the search, so an outcome written meanwhile is read. (A lazy seekToEnd would resolve at the
            // first fetch and could skip it.)
            Map<TopicPartition, Long> ends = consumer.endOffsets(outcomePartitions);
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
            for (TopicPartition partition : outcomePartitions) {
                OffsetAndTimestamp offset = found.get(partition);
                consumer.seek(partition, offset != null ? offset.offset() : ends.get(partition));
            }
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException | IllegalStateException e) {
            log.warn(
                    "The status feed cannot read its topics yet ({}); trying again in {} s",
                    OneLine.of(e),
                    RETRY.toSeconds());
            return false;
        }
    }

    private List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.topic().equals(Topics.OUTCOMES.name())) {
                Topics.OUTCOMES.keySerde().deserializer().deserialize(record.topic(), record.key());
                Outcome outcome =
                        Topics.OUTCOMES.valueSerde().deserializer().deserialize(record.topic(), record.value());
                if (outcome != null) {
                    outcomes.record(outcome);
                }
            } else {
                String component = Topics.STATUS.keySerde().deserializer().deserialize(record.topic(), record.key());
                StatusSnapshot snapshot =
                        Topics.STATUS.valueSerde().deserializer().deserialize(record.topic(), record.value());
                components.record(component, snapshot);
            }
        } catch (RuntimeException e) {
            unreadable.incrementAndGet();
            deadLetters.send(record, e); // kept, with why; if it cannot be kept, the feed stops (not skipped)
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
