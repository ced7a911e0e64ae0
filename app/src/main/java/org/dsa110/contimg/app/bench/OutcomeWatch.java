package org.dsa110.contimg.app.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.dsa110.contimg.events.Outcome;
import org.dsa110.contimg.events.config.KafkaSettings;
import org.dsa110.contimg.events.topics.Topics;

/** Follows {@code contimg.outcomes} from its current end, remembering when each path was moved. */
final class OutcomeWatch implements AutoCloseable {

    private final Map<String, Instant> moved = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    OutcomeWatch(KafkaSettings kafka) {
        var consumer = new KafkaConsumer<>(kafka.consumer(null, "bench-outcomes-" + UUID.randomUUID()),
                Topics.OUTCOMES.keySerde().deserializer(), Topics.OUTCOMES.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.OUTCOMES.name()).stream()
                .map(PartitionInfo::partition).map(p -> new TopicPartition(Topics.OUTCOMES.name(), p)).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (var record : consumer.poll(Duration.ofMillis(100))) {
                        Outcome outcome = record.value();
                        if (outcome != null && outcome.result() == Outcome.Result.MOVED) {
                            moved.putIfAbsent(outcome.path(), outcome.at());
                        }
                    }
                }
            }
        }, "bench-outcomes");
        thread.setDaemon(true);
        thread.start();
    }

    /** When the path was moved, or {@code null}. */
    Instant movedAt(String path) {
        return moved.get(path);
    }

    /** Waits until every path is moved or nothing new was moved for {@code idle}; returns how many were. */
    long awaitMoved(List<String> paths, Duration idle) throws InterruptedException {
        long count = 0;
        long lastProgress = System.nanoTime();
        while (true) {
            long now = paths.stream().filter(moved::containsKey).count();
            if (now > count) {
                count = now;
                lastProgress = System.nanoTime();
            }
            if (count == paths.size() || System.nanoTime() - lastProgress > idle.toNanos()) {
                return count;
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
