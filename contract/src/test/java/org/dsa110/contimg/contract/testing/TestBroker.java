package org.dsa110.contimg.contract.testing;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.topics.TopicSetup;
import org.dsa110.contimg.contract.topics.Topics;

/** A real Kafka broker that tests talk to over the network. */
public interface TestBroker extends AutoCloseable {

    String bootstrapServers();

    /** Stops the broker; failures are rethrown unchecked, as JUnit's store expects of what it closes. */
    @Override
    void close();

    /** Client settings for this broker with the pipeline's defaults (3 partitions, replication 1). */
    default KafkaSettings settings() {
        return KafkaSettings.forBootstrap(bootstrapServers());
    }

    /** Creates the contract's topics if they are missing (idempotent) and returns the client settings. */
    default KafkaSettings withContractTopics() {
        KafkaSettings settings = settings();
        try (Admin admin = admin()) {
            new TopicSetup(admin, settings.topics(), Duration.ofSeconds(30)).ensure(Topics.all());
        }
        return settings;
    }

    /** A new Admin client; the caller closes it. */
    default Admin admin() {
        return Admin.create(settings().admin("test-admin"));
    }

    /** The broker-side settings every test broker runs with: those of a single-node pipeline broker. */
    static Map<String, String> singleNodeConfig() {
        return Map.of(
                "auto.create.topics.enable", "false",
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "3",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "3",
                "group.initial.rebalance.delay.ms", "0",
                "log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    }
}
