package org.dsa110.contimg.contract.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.topics.TopicSetup;
import org.dsa110.contimg.contract.topics.Topics;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The contract on the official {@code apache/kafka} image, where a Docker engine exists (skipped, and reported as
 * skipped, where none does: these build machines have none). Run the whole suite on containers with
 * {@code -Dcontimg.test.broker=container}.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBrokerTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(ContainerBroker.IMAGE);

    @Test
    void topicsAndAFileEventRoundTripOnTheOfficialImage() throws Exception {
        var settings = KafkaSettings.forBootstrap(KAFKA.getBootstrapServers());
        try (var admin = Admin.create(settings.admin("test"))) {
            new TopicSetup(admin, settings.topics(), Duration.ofSeconds(60)).ensure(Topics.all());
        }
        String path = "/data/dsa110-contimg/" + UUID.randomUUID() + "/casa-1.log";
        FileEvent event = Samples.casaLogCreated(path);
        var topic = Topics.FS_EVENTS;
        try (var producer = new KafkaProducer<>(
                        settings.producer("test"),
                        topic.keySerde().serializer(),
                        topic.valueSerde().serializer());
                var consumer = new KafkaConsumer<>(
                        settings.consumer(null, "test"),
                        topic.keySerde().deserializer(),
                        topic.valueSerde().deserializer())) {
            var written = producer.send(new ProducerRecord<>(topic.name(), path, event))
                    .get();
            var partition = new TopicPartition(topic.name(), written.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset());
            var records = consumer.poll(Duration.ofSeconds(30));
            assertThat(records.records(partition))
                    .first()
                    .satisfies(r -> assertThat(r.value()).isEqualTo(event));
        }
    }
}
