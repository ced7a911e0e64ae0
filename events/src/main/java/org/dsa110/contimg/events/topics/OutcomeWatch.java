package org.dsa110.contimg.events.topics;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.dsa110.contimg.events.Outcome;
import org.dsa110.contimg.events.config.KafkaSettings;

/**
 * Follows {@code contimg.outcomes} from its end at construction (no group, nothing committed), keeping for each
 * path the first outcome the caller waits for: a command that asked the pipeline for work learns what came of it.
 */
public final class OutcomeWatch implements AutoCloseable {

    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, Outcome> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param wanted the outcomes to keep, e.g. a stage's final results */
    public OutcomeWatch(KafkaSettings kafka, Predicate<Outcome> wanted) {
        consumer = new KafkaConsumer<>(kafka.consumer(null, "contimg-outcome-watch-" + UUID.randomUUID()),
                Topics.OUTCOMES.keySerde().deserializer(), Topics.OUTCOMES.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.OUTCOMES.name()).stream()
                .map(PartitionInfo::partition).map(p -> new TopicPartition(Topics.OUTCOMES.name(), p)).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // the end now, before the caller asks for anything
        thread = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (var record : consumer.poll(Duration.ofMillis(100))) {
                        Outcome outcome = record.value();
                        if (outcome != null && wanted.test(outcome)) {
                            outcomes.putIfAbsent(outcome.path(), outcome);
                        }
                    }
                }
            } catch (WakeupException e) {
                // closing
            }
        }, "contimg-outcome-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** The first wanted outcome for the path, or {@code null} so far. */
    public Outcome get(String path) {
        return outcomes.get(path);
    }

    /**
     * Waits until every path has its outcome, or until nothing new came for {@code idle}; returns how many have
     * one. An idle limit, not a total one: a long backlog that keeps moving is waited for.
     */
    public long await(Collection<String> paths, Duration idle) throws InterruptedException {
        long count = 0;
        long lastProgress = System.nanoTime();
        while (true) {
            long now = paths.stream().filter(outcomes::containsKey).count();
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
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
