package org.dsa110.contimg.contract.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafka.class)
class TopicSetupTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static Admin admin;

    @BeforeAll
    static void connect(TestBroker broker) {
        admin = broker.admin();
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Test
    void createsEveryContractTopicWithItsPartitionsAndConfigs() throws Exception {
        var layout = TopicLayout.defaults();
        new TopicSetup(admin, layout, TIMEOUT).ensure(Topics.all());

        List<String> names = Topics.all().stream().map(Topic::name).toList();
        var descriptions = admin.describeTopics(names).allTopicNames().get();
        var configs = admin.describeConfigs(names.stream()
                        .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                        .toList())
                .all()
                .get();
        for (Topic<?, ?> topic : Topics.all()) {
            assertThat(descriptions.get(topic.name()).partitions())
                    .as(topic.name())
                    .hasSize(3);
            var actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            topic.configs(layout)
                    .forEach((name, value) -> assertThat(actual.get(name).value())
                            .as(topic.name() + " " + name)
                            .isEqualTo(value));
        }
        assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, "contimg.pointing"))
                        .get("cleanup.policy")
                        .value())
                .isEqualTo("compact");
    }

    @Test
    void aSecondRunCreatesNothingAndLeavesExistingTopicsAlone() throws Exception {
        var topic = topic("it.kept-" + UUID.randomUUID(), "delete", Duration.ofDays(7));
        admin.createTopics(List.of(new NewTopic(topic.name(), 3, (short) 1).configs(Map.of("retention.ms", "3600000"))))
                .all()
                .get();

        var setup = new TopicSetup(admin, TopicLayout.defaults(), TIMEOUT);
        assertThat(setup.ensure(List.of(topic))).isEmpty();
        assertThat(setup.ensure(List.of(topic))).isEmpty();

        var config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic.name())))
                .all()
                .get()
                .values()
                .iterator()
                .next();
        assertThat(config.get("retention.ms").value())
                .as("operator's retention kept")
                .isEqualTo("3600000");
    }

    @Test
    void createsOnlyWhatIsMissing() {
        var present = topic("it.present-" + UUID.randomUUID(), "delete", Duration.ofDays(7));
        var missing = topic("it.missing-" + UUID.randomUUID(), "compact", null);
        var setup = new TopicSetup(admin, TopicLayout.defaults(), TIMEOUT);
        setup.ensure(List.of(present));
        assertThat(setup.ensure(List.of(present, missing))).containsExactly(missing.name());
    }

    @Test
    void aTopicWithOtherPartitionCountFailsWithWhatToDo() throws Exception {
        var topic = topic("it.partitions-" + UUID.randomUUID(), "delete", Duration.ofDays(7));
        admin.createTopics(List.of(new NewTopic(topic.name(), 1, (short) 1)))
                .all()
                .get();

        assertThatThrownBy(() -> new TopicSetup(admin, TopicLayout.defaults(), TIMEOUT).ensure(List.of(topic)))
                .isInstanceOf(TopicSetup.TopicMismatchException.class)
                .hasMessageContaining(topic.name() + " has 1 partitions, expected 3")
                .hasMessageContaining("--partitions 1");
    }

    @Test
    void aCompactedTopicCreatedAsDeleteFailsWithWhatToDo() throws Exception {
        var topic = topic("it.cleanup-" + UUID.randomUUID(), "compact", null);
        admin.createTopics(
                        List.of(new NewTopic(topic.name(), 3, (short) 1).configs(Map.of("cleanup.policy", "delete"))))
                .all()
                .get();

        assertThatThrownBy(() -> new TopicSetup(admin, TopicLayout.defaults(), TIMEOUT).ensure(List.of(topic)))
                .isInstanceOf(TopicSetup.TopicMismatchException.class)
                .hasMessageContaining(topic.name() + " has cleanup.policy=delete, expected compact")
                .hasMessageContaining("--add-config cleanup.policy=compact");
    }

    @Test
    void anUnreachableClusterFailsWithOneReadableLine() {
        var settings = KafkaSettings.forBootstrap("127.0.0.1:1");
        try (Admin nowhere = Admin.create(settings.admin("test-unreachable"))) {
            assertThatThrownBy(() ->
                            new TopicSetup(nowhere, TopicLayout.defaults(), Duration.ofSeconds(2)).ensure(Topics.all()))
                    .isInstanceOf(KafkaException.class)
                    .hasMessage("Cannot list topics: no answer from the cluster within 2 s (is the broker running?)");
        }
    }

    private static Topic<String, String> topic(String name, String cleanup, Duration retention) {
        return new Topic<>(name, Serdes.String(), Serdes.String(), cleanup, retention, Map.of());
    }
}
