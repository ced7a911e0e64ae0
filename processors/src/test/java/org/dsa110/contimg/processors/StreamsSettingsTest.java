package org.dsa110.contimg.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.processors.kernel.RocksDbMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsSettingsTest {

    @TempDir
    Path dir;

    @Test
    void theFileTunesButCannotWeakenExactlyOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("client.properties"), """
                processing.guarantee=at_least_once
                application.id=someone-else
                security.protocol=SASL_SSL
                commit.interval.ms=250
                """);
        var kafka = KafkaSettings.resolve(new KafkaSettings.Flags("broker1:9093", file, null, null, null), Map.of());
        assertThat(StreamsSettings.of(kafka, "contimg-processors", dir, null))
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("application.id", "contimg-processors")
                .containsEntry("errors.dead.letter.queue.topic.name", "contimg.dlq")
                .containsEntry("state.dir", dir.toString())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("commit.interval.ms", "250")
                .containsEntry("bootstrap.servers", "broker1:9093");
        // An application's own default (the calibration application's commit interval) gives way to the file too.
        assertThat(StreamsSettings.of(kafka, "contimg-calibration", dir, null, Map.of("commit.interval.ms", 20)))
                .containsEntry("commit.interval.ms", "250");
        assertThat(StreamsSettings.of(
                        KafkaSettings.resolve(KafkaSettings.Flags.none(), Map.of()),
                        "contimg-calibration",
                        dir,
                        null,
                        Map.of("commit.interval.ms", 20)))
                .containsEntry("commit.interval.ms", 20);
    }

    @Test
    void everyStoreIsChargedToOneBoundedRocksDbCache() {
        var topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "in");
        for (String store : List.of("first", "second")) {
            topology.addProcessor(
                    store + "-writer",
                    () -> new Processor<String, String, Void, Void>() {
                        private KeyValueStore<String, String> kv;

                        @Override
                        public void init(ProcessorContext<Void, Void> context) {
                            kv = context.getStateStore(store);
                        }

                        @Override
                        public void process(Record<String, String> record) {
                            kv.put(record.key(), record.value());
                        }
                    },
                    "in");
            topology.addStateStore(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.String())
                            .withLoggingDisabled(),
                    store + "-writer");
        }
        var properties = StreamsSettings.of(KafkaSettings.forBootstrap("unused:9092"), "rocksdb-memory", dir, null);
        long before = RocksDbMemory.usage();
        String value = "x".repeat(1024);
        try (var driver = new TopologyTestDriver(topology, properties)) {
            var in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            for (int i = 0; i < 20_000; i++) { // 20 MiB into each store: more than every memtable may hold
                in.pipeInput("key-" + i, value);
            }
            long used = RocksDbMemory.usage() - before;
            assertThat(used)
                    .as("both stores' memtables are charged to the shared cache, within its bound")
                    .isGreaterThan(RocksDbMemory.WRITE_BUFFER_BYTES / 4)
                    .isLessThanOrEqualTo(RocksDbMemory.CACHE_BYTES);
        }
    }

    @Test
    void internalTopicsTakeTheLayoutsReplication() {
        var kafka = KafkaSettings.resolve(KafkaSettings.Flags.none(), Map.of(KafkaSettings.ENV_REPLICATION, "3"));
        assertThat(StreamsSettings.of(kafka, "app", dir, null))
                .containsEntry("replication.factor", 3)
                .containsEntry("topic.min.insync.replicas", "2")
                .containsEntry("topic.unclean.leader.election.enable", "false");
    }

    @Test
    void aStaticMemberCarriesItsInstanceIdAndSessionTimeout() {
        var kafka = KafkaSettings.resolve(KafkaSettings.Flags.none(), Map.of());
        var membership = new Membership("imager-2", Duration.ofSeconds(20));
        assertThat(StreamsSettings.of(kafka, "contimg-processors", dir, membership))
                .containsEntry("group.instance.id", "contimg-processors-imager-2")
                .containsEntry("session.timeout.ms", 20_000);
        assertThat(StreamsSettings.of(kafka, "contimg-processors", dir, null)).doesNotContainKey("group.instance.id");
    }
}
