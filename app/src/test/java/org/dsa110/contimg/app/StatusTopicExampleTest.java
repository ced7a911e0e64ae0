package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/status.md's example of another service reading {@code contimg.status} with nothing but kafka-clients, kept
 * here so that it compiles and works: {@link #latestStatuses} is the example, line for line.
 */
@ExtendWith(SharedKafka.class)
class StatusTopicExampleTest {

    // --- the docs/status.md example starts here ---
    /** The latest status JSON of every component, by component id. */
    static Map<String, String> latestStatuses(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("contimg.status").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions); // no group: read everything, commit nothing
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<String, String> latest = new HashMap<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        latest.remove(record.key()); // a tombstone: the component was retired
                    } else {
                        latest.put(record.key(), record.value()); // JSON: see the StatusSnapshot schema
                    }
                }
            }
            return latest;
        }
    }
    // --- the docs/status.md example ends here ---

    @Test
    void theReadmeShowsTheExampleAsItIsHere() throws Exception {
        Path source = Path.of("src/test/java/org/dsa110/contimg/app/StatusTopicExampleTest.java");
        List<String> lines = Files.readAllLines(source);
        int from = lines.indexOf("    // --- the docs/status.md example starts here ---") + 1;
        int to = lines.indexOf("    // --- the docs/status.md example ends here ---");
        String example = lines.subList(from, to).stream()
                .map(l -> l.length() >= 4 ? l.substring(4) : l)
                .collect(Collectors.joining("\n"));
        assertThat(Files.readString(Path.of("../docs/status.md"))).contains(example);
    }

    @Test
    void theReadmeExampleReadsTheLatestSnapshotOfEachComponent(TestBroker broker) throws Exception {
        var kafka = broker.withContractTopics();
        String component = "example-" + UUID.randomUUID() + "@imager";
        try (var sender = new TopicSender(kafka.producer("test"))) {
            sender.publishStatus(Samples.status(component));
            sender.flush();
        }
        Map<String, String> statuses = latestStatuses(kafka.bootstrapServers());
        assertThat(statuses).containsKey(component);
        assertThat(statuses.get(component))
                .contains("\"component\":\"" + component + "\"")
                .contains("\"healthy\":true")
                .contains("\"files_processed\":12");
    }
}
