package org.dsa110.contimg.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.topics.Topic;
import org.dsa110.contimg.contract.topics.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every record type goes through its registry topic on a real broker and comes back equal. */
@ExtendWith(SharedKafka.class)
class ContractRoundTripTest {

    private static KafkaSettings settings;

    @BeforeAll
    static void createTopics(TestBroker broker) {
        settings = broker.withContractTopics();
    }

    @Test
    void fileEvents() {
        String path = "/data/dsa110-contimg/" + UUID.randomUUID() + "/casa-20251104-101511.log";
        roundTrip(Topics.FS_EVENTS, path, Samples.casaLogCreated(path));
    }

    @Test
    void theThreeRequests() {
        String log = "/data/dsa110-contimg/" + UUID.randomUUID() + "/casa-1.log";
        roundTrip(Topics.LOG_MOVES, log, Samples.logMove(log));
        String temp = "/data/dsa110-contimg/TMPPOINTING_" + UUID.randomUUID();
        roundTrip(Topics.TEMP_PURGES, temp, Samples.tempPurge(temp));
        String uvh5 = "/data/incoming/" + UUID.randomUUID() + "/2025-11-04T10:09:15_sb00.hdf5";
        roundTrip(Topics.POINTING_REQUESTS, uvh5, Samples.pointingRequest(uvh5));
    }

    @Test
    void pointingObservations() {
        String uvh5 = "/data/incoming/" + UUID.randomUUID() + "/2025-11-04T10:09:15_sb00.hdf5";
        roundTrip(Topics.POINTING, uvh5, Samples.pointing(uvh5));
    }

    @Test
    void campaigns() {
        String start = "2025-11-04T10:09:15Z";
        roundTrip(Topics.CAMPAIGNS, "DSA_110-" + UUID.randomUUID() + "@" + start, Samples.campaign(start));
    }

    @Test
    void outcomes() {
        String log = "/data/dsa110-contimg/" + UUID.randomUUID() + "/casa-1.log";
        roundTrip(Topics.OUTCOMES, log, Samples.moved(log, "/data/dsa110-contimg/state/logs/casa-1.log"));
    }

    @Test
    void statusSnapshots() {
        String component = "producer@" + UUID.randomUUID();
        roundTrip(Topics.STATUS, component, Samples.status(component));
    }

    @Test
    void deadLettersStayAsReceived() {
        byte[] key = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        byte[] value = {(byte) 0xff, 0x00, '{'};
        assertThat(roundTrip(Topics.DLQ, key, value)).isEqualTo(value);
    }

    @Test
    void aValueThatIsNotJsonFailsNamingTopicPartitionAndOffset() throws Exception {
        String key = "/data/dsa110-contimg/" + UUID.randomUUID() + "/casa-1.log";
        long offset;
        try (var producer =
                new KafkaProducer<>(settings.producer("test-raw"), new StringSerializer(), new ByteArraySerializer())) {
            offset = producer.send(new ProducerRecord<>(
                            Topics.FS_EVENTS.name(), 0, key, "casa-1.log was created".getBytes(StandardCharsets.UTF_8)))
                    .get()
                    .offset();
        }
        var partition = new TopicPartition(Topics.FS_EVENTS.name(), 0);
        try (var consumer = consumer(Topics.FS_EVENTS)) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(RecordDeserializationException.class)
                    .hasMessageContaining("contimg.fs-events-0 at offset " + offset)
                    .cause()
                    .hasMessageStartingWith("contimg.fs-events: value is not a valid FileEvent");
        }
    }

    /** Produces one record and reads back exactly that record, by its partition and offset. */
    private static <K, V> V roundTrip(Topic<K, V> topic, K key, V value) {
        RecordMetadata written;
        try (var producer = new KafkaProducer<>(
                settings.producer("test-" + topic.name()),
                topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            written = producer.send(new ProducerRecord<>(topic.name(), key, value))
                    .get();
        } catch (Exception e) {
            throw new AssertionError("cannot produce to " + topic.name(), e);
        }
        var partition = new TopicPartition(topic.name(), written.partition());
        try (var consumer = consumer(topic)) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset());
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(record.offset()).isEqualTo(written.offset());
                    assertThat(record.key()).as(topic.name() + " key").isEqualTo(key);
                    assertThat(record.value()).as(topic.name() + " value").isEqualTo(value);
                    return record.value();
                }
            }
        }
        throw new AssertionError("record " + partition + "@" + written.offset() + " never came back");
    }

    private static <K, V> KafkaConsumer<K, V> consumer(Topic<K, V> topic) {
        return new KafkaConsumer<>(
                settings.consumer("test-" + UUID.randomUUID(), "test-consumer"),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }
}
