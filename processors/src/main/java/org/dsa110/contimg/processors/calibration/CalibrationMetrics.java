package org.dsa110.contimg.processors.calibration;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dsa110.contimg.contract.topics.ConsumerGroups;
import org.dsa110.contimg.processors.kernel.DeadLetterCount;

/**
 * What the calibration application did, for its status ({@code matches}, {@code marks_moved}, {@code retractions},
 * {@code campaigns}, {@code dead_letters}, {@code dead_letters_pointing}, ...) and, once bound, Prometheus:
 * <ul>
 *   <li>{@code contimg_calibration_matches_total}: matches published on {@code contimg.calibrator-transits}, new or
 *       re-published;</li>
 *   <li>{@code contimg_calibration_marks_moved_total}: other files' matches re-published because a change moved
 *       their transit's best mark;</li>
 *   <li>{@code contimg_calibration_retractions_total}: matches withdrawn (tombstones), keys from before matches
 *       were per file among them;</li>
 *   <li>{@code contimg_calibration_campaigns_total}: events published on {@code contimg.campaigns};</li>
 *   <li>{@code contimg_calibration_dead_letters_total{topic}}: records of each input sent to {@code contimg.dlq}.</li>
 * </ul>
 */
public final class CalibrationMetrics implements DeadLetterCount {

    private final AtomicLong matches = new AtomicLong();
    private final AtomicLong marksMoved = new AtomicLong();
    private final AtomicLong retractions = new AtomicLong();
    private final AtomicLong campaigns = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Map<String, AtomicLong> deadLettersByTopic = new ConcurrentHashMap<>();

    public CalibrationMetrics() {
        ConsumerGroups.CALIBRATION.inputNames().forEach(topic -> deadLettersByTopic.put(topic, new AtomicLong()));
    }

    public void matchPublished(boolean markMoved) {
        matches.incrementAndGet();
        if (markMoved) {
            marksMoved.incrementAndGet();
        }
    }

    public void retracted() {
        retractions.incrementAndGet();
    }

    public void campaignPublished() {
        campaigns.incrementAndGet();
    }

    @Override
    public void deadLettered(String topic) {
        deadLetters.incrementAndGet();
        deadLettersByTopic
                .computeIfAbsent(topic == null ? "unknown" : topic, t -> new AtomicLong())
                .incrementAndGet();
    }

    /** The counters that counted anything, by name: the metrics section of the status. */
    public Map<String, Object> snapshot() {
        var counted = new TreeMap<String, Object>();
        put(counted, "matches", matches);
        put(counted, "marks_moved", marksMoved);
        put(counted, "retractions", retractions);
        put(counted, "campaigns", campaigns);
        put(counted, "dead_letters", deadLetters);
        deadLettersByTopic.forEach((topic, count) -> put(counted, "dead_letters_" + statusName(topic), count));
        return counted;
    }

    /** Registers the counters with {@code registry}, read from the same atomics at each scrape. */
    public void bindTo(MeterRegistry registry) {
        counter(registry, "contimg.calibration.matches", matches, "matches published on contimg.calibrator-transits");
        counter(registry, "contimg.calibration.marks.moved", marksMoved, "matches re-published as their mark moved");
        counter(registry, "contimg.calibration.retractions", retractions, "matches withdrawn by tombstones");
        counter(registry, "contimg.calibration.campaigns", campaigns, "events published on contimg.campaigns");
        deadLettersByTopic.forEach(
                (topic, count) -> FunctionCounter.builder("contimg.calibration.dead.letters", count, AtomicLong::get)
                        .tag("topic", topic)
                        .description("records sent to contimg.dlq, by the topic they were read from")
                        .register(registry));
    }

    private static void counter(MeterRegistry registry, String name, AtomicLong value, String description) {
        FunctionCounter.builder(name, value, AtomicLong::get)
                .description(description)
                .register(registry);
    }

    private static void put(Map<String, Object> counted, String name, AtomicLong value) {
        if (value.get() != 0) {
            counted.put(name, value.get());
        }
    }

    private static String statusName(String topic) {
        return topic.replaceFirst("^contimg\\.", "").replace('-', '_');
    }
}
