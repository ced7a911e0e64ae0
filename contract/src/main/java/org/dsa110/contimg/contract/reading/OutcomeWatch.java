package org.dsa110.contimg.contract.reading;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.service.DaemonThreads;
import org.dsa110.contimg.contract.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code contimg.outcomes} from its end at construction (no group, nothing committed), keeping for each
 * path the first outcome the caller waits for: a command that asked the pipeline for work learns what came of it.
 */
public final class OutcomeWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWatch.class);

    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param wanted the outcomes to keep, e.g. a stage's final results */
    public OutcomeWatch(KafkaSettings kafka, Predicate<Outcome> wanted) {
        var range = new TopicRange<>(kafka, Topics.OUTCOMES, "contimg-outcome-watch-" + UUID.randomUUID())
                .fromEnd(); // the end now, before the caller asks for anything
        thread = DaemonThreads.named("contimg-outcome-watch").newThread(() -> {
            try (range) {
                range.follow(
                        (raw, path, outcome) -> {
                            if (outcome != null && wanted.test(outcome)) {
                                outcomes.putIfAbsent(outcome.path(), outcome);
                            }
                        },
                        () -> running);
            } catch (Exception e) {
                log.error("Following {} stopped: {}", Topics.OUTCOMES.name(), OneLine.of(e));
            }
        });
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
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
