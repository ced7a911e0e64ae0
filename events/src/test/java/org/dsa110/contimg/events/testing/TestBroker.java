package org.dsa110.contimg.events.testing;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.dsa110.contimg.events.config.KafkaSettings;

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
