package org.dsa110.contimg.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.dsa110.contimg.contract.FileEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the producer keeps across a restart is what Kafka acknowledged, for the topic it was published to, and
 * nothing it cannot read whole: anything else means publishing every file again, never fewer.
 */
class PublishedMemoryTest {

    private static final String TOPIC = "8cT0IhbLQ_WJ3v2oQ9Vxkw";

    @TempDir
    Path dir;

    @Test
    void whatKafkaAcknowledgedComesBackAndWhatItDidNotIsPublishedAgain() throws IOException {
        var published = new PublishedFiles(100);
        FileEvent acked = event("/data/incoming/a_sb00.hdf5", 10);
        FileEvent inFlight = event("/data/incoming/b_sb00.hdf5", 20);
        FileEvent changedSince = event("/data/incoming/c_sb00.hdf5", 30);
        for (FileEvent e : new FileEvent[] {acked, inFlight, changedSince}) {
            assertThat(published.changed(e)).isTrue();
        }
        published.acknowledged(acked);
        published.acknowledged(changedSince);
        FileEvent changedAgain = event(changedSince.path(), 31);
        assertThat(published.changed(changedAgain)).isTrue(); // not acknowledged yet
        published.acknowledged(changedSince); // an acknowledgement of the identity before: not this one

        var memory = new PublishedMemory(dir.resolve("producer/published-test-host"));
        memory.save(published, TOPIC);
        var restored = new PublishedFiles(100);
        assertThat(memory.load(restored, TOPIC)).isEqualTo(1);
        assertThat(acknowledged(restored)).containsOnlyKeys(acked.path());
        assertThat(restored.changed(acked)).as("unchanged since the last run").isFalse();
        assertThat(restored.changed(inFlight)).as("never acknowledged").isTrue();
        assertThat(restored.changed(changedAgain)).isTrue();
        assertThat(restored.changed(event(acked.path(), 11)))
                .as("changed while down")
                .isTrue();
    }

    @Test
    void aMemoryOfAnotherTopicOrCutShortOrOfAnotherFormatIsNotUsed() throws IOException {
        var published = new PublishedFiles(100);
        for (int i = 0; i < 50; i++) {
            FileEvent e = event("/data/incoming/" + i + "_sb00.hdf5", i);
            published.changed(e);
            published.acknowledged(e);
        }
        Path file = dir.resolve("published");
        var memory = new PublishedMemory(file);
        memory.save(published, TOPIC);
        assertThat(memory.load(new PublishedFiles(100), TOPIC)).isEqualTo(50);

        assertThat(memory.load(new PublishedFiles(100), "another-topic-id")).isEqualTo(-1);
        assertThat(memory.load(new PublishedFiles(100), null)).isEqualTo(-1);

        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 5));
        var cut = new PublishedFiles(100);
        assertThat(memory.load(cut, TOPIC)).isEqualTo(-1);

        Files.writeString(file, "not a memory at all");
        assertThat(memory.load(new PublishedFiles(100), TOPIC)).isEqualTo(-1);

        Files.delete(file);
        assertThat(memory.load(new PublishedFiles(100), TOPIC)).isEqualTo(-1);
        assertThat(new PublishedMemory(null).load(new PublishedFiles(100), TOPIC))
                .isEqualTo(-1);
    }

    @Test
    void aSaveReplacesTheLastCopyWhole() throws IOException {
        Path file = dir.resolve("published");
        var memory = new PublishedMemory(file);
        var published = new PublishedFiles(100);
        FileEvent first = event("/data/incoming/a_sb00.hdf5", 1);
        published.changed(first);
        published.acknowledged(first);
        memory.save(published, TOPIC);
        published.forget(first.path());
        memory.save(published, TOPIC);
        assertThat(memory.load(new PublishedFiles(100), TOPIC)).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // no temporary copy left
        }
    }

    private static Map<String, Long> acknowledged(PublishedFiles published) {
        var all = new TreeMap<String, Long>();
        published.forEachAcknowledged(all::put);
        return all;
    }

    private static FileEvent event(String path, long size) {
        return new FileEvent(
                path,
                FileEvent.Kind.PRESENT,
                FileEvent.FileType.FILE,
                size,
                Instant.parse("2025-11-04T10:09:15Z"),
                "/data/incoming",
                FileEvent.Source.SCAN,
                "test-host",
                Instant.now());
    }
}
