package org.dsa110.contimg.sink.write;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.reading.TopicRange;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.sink.store.PointingStore;

/**
 * Rebuilds or repairs a pointing database from {@code contimg.pointing} (compacted, kept for ever): every
 * observation since a time, or all of them, upserted in batches exactly as the live {@link PointingSink} writes
 * them, so the result equals the live database over the same range. Reads with a consumer of its own (no group:
 * the live sink's offsets are untouched) up to the topic's end as it was when the replay began.
 */
public final class PointingReplay {

    /** @param observations rows written; @param tombstones deletions read (nothing to write); @param unreadable skipped records */
    public record Summary(long observations, long tombstones, long unreadable) {}

    private final KafkaSettings kafka;
    private final Path database;
    private final Clock clock;

    public PointingReplay(KafkaSettings kafka, Path database, Clock clock) {
        this.kafka = kafka;
        this.database = database;
        this.clock = clock;
    }

    /**
     * @param since    first record time to replay ({@code null}: the beginning)
     * @param expected told once how many offsets lie ahead (an upper bound: transaction markers count too)
     * @param progress told the number of records read after every poll
     */
    public Summary run(Instant since, LongConsumer expected, LongConsumer progress) throws Exception {
        long[] tombstones = {0};
        List<PointingObservation> batch = new ArrayList<>();
        try (var store = PointingStore.open(database, clock);
                var range = new TopicRange<>(kafka, Topics.POINTING, "contimg-replay-pointing")) {
            range.from(since);
            expected.accept(range.expected());
            long[] written = {0};
            range.toEnd(
                    (raw, path, observation) -> {
                        if (observation == null) {
                            tombstones[0]++;
                            return;
                        }
                        batch.add(observation);
                        if (batch.size() >= PointingSink.MAX_BATCH) {
                            written[0] += batch.size() - store.upsert(batch).size();
                            batch.clear();
                        }
                    },
                    () -> progress.accept(range.read()));
            if (!batch.isEmpty()) {
                written[0] += batch.size() - store.upsert(batch).size();
            }
            return new Summary(written[0], tombstones[0], range.unreadable());
        }
    }
}
