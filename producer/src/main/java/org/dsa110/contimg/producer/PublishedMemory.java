package org.dsa110.contimg.producer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's memory of what Kafka acknowledged ({@link PublishedFiles}), kept in a local file across restarts:
 * {@code <state>/producer/published-<host>}. Local, not a topic: reading back 100,000 paths from a file costs tens
 * of milliseconds and no broker round trip, and the memory belongs to this host's tree alone.
 *
 * <p>The file names the {@code contimg.fs-events} it was published to by the topic's id: a memory of another
 * cluster, or of a topic deleted and made again, is not used (everything is published again), nor is one that
 * cannot be read whole. It is written to a temporary file, forced to the disk and renamed over the old one, so a
 * crash leaves the old copy or the new, never a part. Format: {@value #MAGIC}, the topic id, the count, then each
 * path (modified UTF-8) and its fingerprint.
 */
final class PublishedMemory {

    private static final Logger log = LoggerFactory.getLogger(PublishedMemory.class);
    static final String MAGIC = "contimg-published-files 1";

    private final Path file;

    /** @param file where the memory is kept; {@code null}: nowhere, every start publishes everything */
    PublishedMemory(Path file) {
        this.file = file;
    }

    static Path fileFor(Path stateDir, String host) {
        return stateDir.resolve("producer").resolve("published-" + host);
    }

    Path file() {
        return file;
    }

    /**
     * Restores into {@code published} the identities acknowledged by {@code topicId} in an earlier run.
     *
     * @return how many, or -1 when nothing usable was kept (no file, another topic, unreadable)
     */
    int load(PublishedFiles published, String topicId) {
        if (file == null || topicId == null) {
            return -1;
        }
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!MAGIC.equals(in.readUTF())) {
                log.warn("Not using the producer's memory {}: not one this version wrote; publishing every file", file);
                return -1;
            }
            String kept = in.readUTF();
            if (!kept.equals(topicId)) {
                log.info(
                        "Not using the producer's memory {}: it is of another {} (topic id {}, now {}); publishing "
                                + "every file",
                        file,
                        Topics.FS_EVENTS.name(),
                        kept,
                        topicId);
                return -1;
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                published.restore(in.readUTF(), in.readLong());
            }
            return count;
        } catch (NoSuchFileException e) {
            return -1;
        } catch (EOFException e) {
            log.warn("Not using the producer's memory {}: it ends early; publishing every file", file);
            return -1;
        } catch (IOException | RuntimeException e) {
            log.warn("Not using the producer's memory {}: {}; publishing every file", file, OneLine.of(e));
            return -1;
        }
    }

    /** Writes what {@code published} holds acknowledged, for {@code topicId}, in place of the last copy. */
    void save(PublishedFiles published, String topicId) throws IOException {
        if (file == null || topicId == null) {
            return;
        }
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        // A copy first: the count comes before the entries, and the memory changes while it is written.
        var acknowledged = new ArrayList<Map.Entry<String, Long>>();
        published.forEachAcknowledged((path, fingerprint) -> acknowledged.add(Map.entry(path, fingerprint)));
        try (FileChannel channel = FileChannel.open(
                temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            var out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
            out.writeUTF(MAGIC);
            out.writeUTF(topicId);
            out.writeInt(acknowledged.size());
            for (Map.Entry<String, Long> entry : acknowledged) {
                out.writeUTF(entry.getKey());
                out.writeLong(entry.getValue());
            }
            out.flush();
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The id of {@code contimg.fs-events} on the cluster, or {@code null} when the cluster does not say within
     * {@code timeout}: then the memory is neither used nor written, and every file is published, as before it
     * existed.
     */
    static String topicId(KafkaSettings kafka, String clientId, Duration timeout) {
        try (Admin admin = Admin.create(kafka.admin(clientId))) {
            return admin.describeTopics(List.of(Topics.FS_EVENTS.name()))
                    .allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(Topics.FS_EVENTS.name())
                    .topicId()
                    .toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            log.warn("Cannot learn the id of {} ({}): publishing every file", Topics.FS_EVENTS.name(), OneLine.of(e));
            return null;
        }
    }
}
