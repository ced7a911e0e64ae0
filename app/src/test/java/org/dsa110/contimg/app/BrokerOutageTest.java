package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.dsa110.contimg.broker.LocalBroker;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.FreePorts;
import org.dsa110.contimg.contract.topics.TopicSetup;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.producer.ProducerService;
import org.dsa110.contimg.producer.ProducerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The producer rides out a broker outage: files created while the broker is down reach the topic after it. */
class BrokerOutageTest {

    @TempDir
    Path home;

    @Test
    void eventsObservedWhileTheBrokerIsDownAreDeliveredWhenItReturns() throws Exception {
        var options = new LocalBroker.Options(home.resolve("kafka"), "127.0.0.1", FreePorts.pick(), FreePorts.pick());
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        Files.createDirectories(paths.root());
        // An outage longer than max.block.ms: a producer that had not learnt the topic's partitions before it
        // would block on metadata for that long and fail the event (as CI once saw with the default minute).
        Path client = Files.writeString(home.resolve("client.properties"), "max.block.ms=4000\n");
        KafkaSettings kafka = KafkaSettings.resolve(
                new KafkaSettings.Flags(options.bootstrapServers(), client, null, null, null), Map.of());

        LocalBroker broker = new LocalBroker(options);
        broker.start();
        try (Admin admin = Admin.create(kafka.admin("test"))) {
            new TopicSetup(admin, kafka.topics(), Duration.ofSeconds(30)).ensure(Topics.all());
        }
        List<Path> logs = IntStream.range(0, 20)
                .mapToObj(i -> paths.root().resolve("outage/casa-20251104-1010" + String.format("%02d", i) + ".log"))
                .toList();
        try (var producer = new ProducerService(ProducerSettings.defaults(paths, "outage-host"), kafka)) {
            producer.start();
            broker.close();

            Files.createDirectories(logs.get(0).getParent());
            for (Path log : logs) {
                Files.createFile(log);
            }
            Thread.sleep(6000); // the events wait in the producer's buffer, retried

            broker = new LocalBroker(options);
            broker.start();
            Set<String> expected = logs.stream().map(Path::toString).collect(Collectors.toSet());
            // A delivery that fails is answered by a rescan within a minute: wait for that too before failing.
            Set<String> delivered = readUntil(kafka, expected, Duration.ofSeconds(150));
            assertThat(delivered)
                    .as("events on %s; the producer's status: %s", Topics.FS_EVENTS.name(), producer.status())
                    .containsAll(expected);
            assertThat(producer.status().metrics()).containsEntry("events_failed", 0L);
        } finally {
            broker.close();
        }
    }

    /** Reads the topic from its start until every expected path is seen or the timeout passes. */
    private static Set<String> readUntil(KafkaSettings kafka, Set<String> expected, Duration timeout) {
        var seen = new HashSet<String>();
        try (var consumer = new KafkaConsumer<>(
                kafka.consumer("test-" + UUID.randomUUID(), "test"),
                Topics.FS_EVENTS.keySerde().deserializer(),
                Topics.FS_EVENTS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, kafka.topics().partitions())
                    .mapToObj(p -> new TopicPartition(Topics.FS_EVENTS.name(), p))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(r -> seen.add(r.value().path()));
            }
        }
        return seen;
    }
}
