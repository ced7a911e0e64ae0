package org.dsa110.contimg.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker killed (SIGKILL, in a child JVM) while a transactional producer commits as fast as it can, then started
 * again on the same storage: the dead incarnation is fenced before the broker starts, and once the producer's
 * successor has taken over its transactional id (as a restarted Kafka Streams thread does), no transaction is left
 * open: read_committed reads reach the end of every partition and the group's offsets can be fetched as stable.
 *
 * <p>Without the fence the restart could leave a committing transaction hanging for ever (see
 * {@link DeadIncarnationFence}); that was a race, so this test asserts the fence itself as well as the outcome.
 */
class DeadIncarnationFenceTest {

    private static final String TOPIC = "fence-test";
    private static final String GROUP = "fence-test-group";
    private static final String TRANSACTIONAL_ID = "fence-test-producer";
    private static final int PARTITIONS = 3;
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @Test
    void aBrokerKilledMidCommitIsFencedBeforeItStartsAgainAndLeavesNoTransactionOpen() throws Exception {
        var options = new LocalBroker.Options(home, "127.0.0.1", FreePorts.pick(), FreePorts.pick());
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CommittingBroker.class.getName(),
                        home.toString(),
                        Integer.toString(options.port()),
                        Integer.toString(options.controllerPort()))
                .redirectErrorStream(true)
                .start();
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("committed 50")) {
                // the broker's and the producer's lines, until enough transactions are behind it
            }
            assertThat(line).as("the child committed 50 transactions").isEqualTo("committed 50");
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-shutdown marker
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(DeadIncarnationFence.stoppedCleanly(options.dataDir())).isFalse();

        try (var broker = new LocalBroker(options)) {
            broker.start();
            assertThat(broker.fencedDeadIncarnation()).isTrue();
            assertThat(broker.describe()).contains("dead incarnation fenced first");

            var settings = KafkaSettings.forBootstrap(broker.bootstrapServers());
            try (var successor = CommittingBroker.producer(settings)) {
                successor.initTransactions(); // ends whatever its predecessor left, as a restarted stream thread does
            }
            List<TopicPartition> partitions = IntStream.range(0, PARTITIONS)
                    .mapToObj(p -> new TopicPartition(TOPIC, p))
                    .toList();
            try (Admin admin = Admin.create(settings.admin("fence-test"))) {
                Awaitility.await()
                        .atMost(WITHIN)
                        .untilAsserted(() -> assertThat(ends(admin, partitions, IsolationLevel.READ_COMMITTED))
                                .as("read_committed reaches the end of every partition")
                                .isEqualTo(ends(admin, partitions, IsolationLevel.READ_UNCOMMITTED)));
                var stable = admin.listConsumerGroupOffsets(
                                GROUP, new ListConsumerGroupOffsetsOptions().requireStable(true))
                        .partitionsToOffsetAndMetadata()
                        .get(WITHIN.toSeconds(), TimeUnit.SECONDS);
                assertThat(stable).as("the group's offsets, stable").isNotEmpty();
            }
        }
        assertThat(DeadIncarnationFence.stoppedCleanly(options.dataDir()))
                .as("a clean stop leaves Kafka's marker, so the next start needs no fence")
                .isTrue();
    }

    @Test
    void theControllerAloneKeepsTheNodesIdentityAndStorageAndNoClientListener() {
        var options = new LocalBroker.Options(home, "127.0.0.1", 19092, 19093);
        Map<String, String> controller = DeadIncarnationFence.controllerOnly(LocalBroker.serverConfig(options));
        assertThat(controller)
                .containsEntry("process.roles", "controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("listeners", "CONTROLLER://127.0.0.1:19093")
                .containsEntry("log.dirs", options.dataDir().toString())
                .doesNotContainKey("advertised.listeners")
                .doesNotContainKey("inter.broker.listener.name");
    }

    private static Map<TopicPartition, Long> ends(Admin admin, List<TopicPartition> partitions, IsolationLevel level)
            throws Exception {
        return admin
                .listOffsets(
                        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
                        new ListOffsetsOptions(level))
                .all()
                .get(WITHIN.toSeconds(), TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * The child JVM: a {@link LocalBroker} and a transactional producer committing, record and offsets together, as
     * fast as it can, printing {@code committed N} after each commit, until it is killed.
     */
    static final class CommittingBroker {

        public static void main(String[] args) throws Exception {
            var options = new LocalBroker.Options(
                    Path.of(args[0]), "127.0.0.1", Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            var broker = new LocalBroker(options);
            broker.start();
            var settings = KafkaSettings.forBootstrap(broker.bootstrapServers());
            try (Admin admin = Admin.create(settings.admin("fence-test"))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
                        .all()
                        .get();
            }
            var group = new ConsumerGroupMetadata(GROUP);
            try (var producer = producer(settings)) {
                producer.initTransactions();
                for (long n = 1; ; n++) {
                    producer.beginTransaction();
                    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                    for (int p = 0; p < PARTITIONS; p++) {
                        producer.send(new ProducerRecord<>(TOPIC, p, "k", "record " + n));
                        offsets.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(n));
                    }
                    producer.sendOffsetsToTransaction(offsets, group);
                    producer.commitTransaction();
                    System.out.println("committed " + n);
                }
            }
        }

        static KafkaProducer<String, String> producer(KafkaSettings settings) {
            var config = new HashMap<>(settings.producer("fence-test"));
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WITHIN.toMillis());
            return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
    }
}
