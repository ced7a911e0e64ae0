package org.dsa110.contimg.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBrokerTest {

    @TempDir
    Path home;

    @Test
    void runsAsASingleNodePipelineBrokerOnLoopback() throws Exception {
        var options = new LocalBroker.Options(home, "127.0.0.1", FreePorts.pick(), FreePorts.pick());
        try (var broker = new LocalBroker(options)) {
            broker.start();
            assertThat(broker.formatted()).isTrue();
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + options.port());
            var settings = KafkaSettings.forBootstrap(broker.bootstrapServers());
            try (Admin admin = Admin.create(settings.admin("test"))) {
                Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, "1")))
                        .all()
                        .get()
                        .values()
                        .iterator()
                        .next();
                assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
                assertThat(config.get("offsets.topic.replication.factor").value())
                        .isEqualTo("1");
                assertThat(config.get("transaction.state.log.replication.factor")
                                .value())
                        .isEqualTo("1");
                assertThat(config.get("log.cleaner.dedupe.buffer.size").value()).isEqualTo("8388608");
                assertThat(config.get("listeners").value()).contains("PLAINTEXT://127.0.0.1:" + options.port());
            }
            // No auto-creation: a producer writing to a topic nobody created fails instead of inventing it.
            var producerConfig = new HashMap<>(settings.producer("test"));
            producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
            try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("contimg.typo", "k", "v"))
                                .get())
                        .isInstanceOf(ExecutionException.class)
                        .hasMessageContaining("not present in metadata");
            }
        }
        assertThat(home.resolve("server.properties")).content().contains("auto.create.topics.enable=false");
    }

    @Test
    void reusesItsStorageAfterARestart() {
        var options = new LocalBroker.Options(home, "127.0.0.1", FreePorts.pick(), FreePorts.pick());
        String clusterId;
        try (var first = new LocalBroker(options)) {
            first.start();
            clusterId = first.clusterId();
        }
        try (var second = new LocalBroker(options)) {
            second.start();
            assertThat(second.formatted()).isFalse();
            assertThat(second.clusterId()).isEqualTo(clusterId);
        }
    }

    @Test
    void aSecondBrokerOnTheSameHomeIsRefusedInOneLine() {
        var options = new LocalBroker.Options(home, "127.0.0.1", FreePorts.pick(), FreePorts.pick());
        try (var running = new LocalBroker(options)) {
            running.start();
            assertThat(running.formatted()).isTrue();
            var other = new LocalBroker.Options(home, "127.0.0.1", FreePorts.pick(), FreePorts.pick());
            assertThatThrownBy(() -> new LocalBroker(other).start())
                    .isInstanceOf(LocalBroker.BrokerStartException.class)
                    .hasMessageEndingWith("another contimg broker is already using " + home);
        }
    }

    @Test
    void aTakenPortIsRefusedBeforeAnythingIsFormatted() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            var options = new LocalBroker.Options(home, "127.0.0.1", taken.getLocalPort(), FreePorts.pick());
            assertThatThrownBy(() -> new LocalBroker(options).start())
                    .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1 is in use")
                    .hasMessageContaining("--kafka-port");
            assertThat(options.dataDir().resolve("meta.properties")).doesNotExist();
        }
        // The lock was released: the same home starts once the port is free.
        var options = new LocalBroker.Options(home, "127.0.0.1", FreePorts.pick(), FreePorts.pick());
        try (var broker = new LocalBroker(options)) {
            broker.start();
            assertThat(broker.formatted()).isTrue();
        }
    }

    @Test
    void theSingleNodeSettingsAreTheOnesWrittenForOperators() {
        var options = new LocalBroker.Options(home, "127.0.0.1", 9092, 9093);
        Map<String, String> config = LocalBroker.serverConfig(options);
        assertThat(config)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("log.dirs", home.resolve("data").toString());
        assertThat(Duration.ofMillis(Long.parseLong(config.get("group.initial.rebalance.delay.ms"))))
                .isZero();
        // Nobody else reads its metadata log: no no-op every 500 ms to tell them it is alive (idle cost).
        assertThat(Duration.ofMillis(Long.parseLong(config.get("metadata.max.idle.interval.ms"))))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aNodeOfThreeKeepsThreeCopiesOfItsOffsetsAndTransactionsAndNeverElectsUncleanly() {
        var voters = List.of("1@10.0.0.1:9093", "2@10.0.0.2:9093", "3@10.0.0.3:9093");
        var node = new LocalBroker.Options(
                home, "10.0.0.2", 9092, 9093, 2, voters, Uuid.randomUuid().toString());

        Map<String, String> config = LocalBroker.serverConfig(node);

        assertThat(node.clustered()).isTrue();
        assertThat(config)
                .containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", String.join(",", voters))
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("unclean.leader.election.enable", "false")
                .doesNotContainKey("metadata.max.idle.interval.ms");
        assertThat(LocalBroker.serverConfig(new LocalBroker.Options(home, "127.0.0.1", 9092, 9093)))
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("unclean.leader.election.enable", "false");
    }

    @Test
    void aClusterIsRefusedWithoutASharedIdOrWithThisNodeMissingFromItsVoters() {
        var voters = List.of("1@127.0.0.1:9093", "2@127.0.0.1:9193", "3@127.0.0.1:9293");

        assertThatThrownBy(() -> new LocalBroker.Options(home, "127.0.0.1", 9092, 9093, 1, voters, null))
                .hasMessageContaining("--cluster-id");
        assertThatThrownBy(() ->
                        new LocalBroker.Options(home, "127.0.0.1", 9092, 9093, 4, voters, "MkU3OEVBNTcwNTJENDM2Qk"))
                .hasMessageContaining("--node-id 4 is not among the voters");
        assertThatThrownBy(() -> new LocalBroker.Options(
                        home, "127.0.0.1", 9092, 9093, 1, List.of("1@127.0.0.1:9093", "two@x:1"), "x"))
                .hasMessageContaining("\"two@x:1\" is not ID@HOST:PORT");
        assertThatThrownBy(() -> new LocalBroker.Options(
                        home, "127.0.0.1", 9092, 9093, 1, List.of("1@a:9093", "1@b:9093"), "MkU3OEVBNTcwNTJENDM2Qk"))
                .hasMessageContaining("voter id 1 is named twice");
    }
}
