package org.dsa110.contimg.contract.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.contract.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsToTheEmbeddedBrokerAndTheLocalLayout() {
        var settings = KafkaSettings.resolve(KafkaSettings.Flags.none(), Map.of());
        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.topics().partitions()).isEqualTo(3);
        assertThat(settings.topics().replicationFactor()).isEqualTo((short) 1);
    }

    @Test
    void flagBeatsEnvironmentBeatsPropertiesFile() throws Exception {
        Path file = properties("bootstrap.servers=file:9092\n");
        var env = Map.of(KafkaSettings.ENV_CLIENT_PROPERTIES, file.toString());
        assertThat(KafkaSettings.resolve(KafkaSettings.Flags.none(), env).bootstrapServers())
                .isEqualTo("file:9092");

        var withEnv =
                Map.of(KafkaSettings.ENV_CLIENT_PROPERTIES, file.toString(), KafkaSettings.ENV_BOOTSTRAP, "env:9092");
        assertThat(KafkaSettings.resolve(KafkaSettings.Flags.none(), withEnv).bootstrapServers())
                .isEqualTo("env:9092");

        var flags = new KafkaSettings.Flags("flag:9092", null, null, null, null);
        assertThat(KafkaSettings.resolve(flags, withEnv).bootstrapServers()).isEqualTo("flag:9092");
    }

    @Test
    void securitySettingsFromTheFilePassThroughToEveryClient() throws Exception {
        Path file = properties("""
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="contimg" password="s3cret";
                ssl.truststore.location=/etc/kafka/truststore.jks
                """);
        var settings = KafkaSettings.resolve(new KafkaSettings.Flags("broker1:9093", file, null, null, null), Map.of());
        for (Map<Object, Object> config : List.<Map<Object, Object>>of(
                Map.copyOf(settings.admin("a")),
                Map.copyOf(settings.producer("p")),
                Map.copyOf(settings.consumer("g", "c")))) {
            assertThat(config)
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
                    .containsEntry("bootstrap.servers", "broker1:9093");
            assertThat((String) config.get("sasl.jaas.config")).contains("password=\"s3cret\"");
        }
        assertThat(settings.toString()).contains("sasl.jaas.config").doesNotContain("s3cret");
    }

    @Test
    void theFileTunesButCannotWeakenTheGuarantees() throws Exception {
        Path file = properties("""
                acks=1
                enable.idempotence=false
                linger.ms=50
                isolation.level=read_uncommitted
                enable.auto.commit=true
                processing.guarantee=at_least_once
                """);
        var settings = KafkaSettings.resolve(new KafkaSettings.Flags(null, file, null, null, null), Map.of());
        assertThat(settings.producer("p"))
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("linger.ms", "50");
        assertThat(settings.consumer("g", "c"))
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("group.id", "g");
    }

    @Test
    void everyClientLooksForALostBrokerAtLeastFourTimesASecondUnlessTheFileSaysOtherwise() throws Exception {
        var settings = KafkaSettings.resolve(KafkaSettings.Flags.none(), Map.of());
        for (Map<String, Object> config : List.of(
                settings.admin("a"), settings.producer("p"), settings.consumer("g", "c"), settings.layered(Map.of()))) {
            assertThat(config).containsEntry("reconnect.backoff.max.ms", 250);
        }

        Path file = properties("reconnect.backoff.max.ms=1000\n");
        var tuned = KafkaSettings.resolve(new KafkaSettings.Flags(null, file, null, null, null), Map.of());
        assertThat(tuned.consumer("g", "c")).containsEntry("reconnect.backoff.max.ms", "1000");
    }

    @Test
    void layoutComesFromFlagsOrEnvironment() {
        var env = Map.of(
                KafkaSettings.ENV_PARTITIONS,
                "12",
                KafkaSettings.ENV_REPLICATION,
                "3",
                KafkaSettings.ENV_REPLAY_WINDOW,
                "336");
        var settings = KafkaSettings.resolve(KafkaSettings.Flags.none(), env);
        assertThat(settings.topics().partitions()).isEqualTo(12);
        assertThat(settings.topics().replicationFactor()).isEqualTo((short) 3);
        assertThat(settings.topics().retentionOf(Topics.FS_EVENTS)).isEqualTo(Duration.ofDays(14));

        var flags = new KafkaSettings.Flags(null, null, 6, null, null);
        assertThat(KafkaSettings.resolve(flags, env).topics().partitions()).isEqualTo(6);
    }

    @Test
    void aMalformedEnvironmentValueIsNamed() {
        assertThatThrownBy(() -> KafkaSettings.resolve(
                        KafkaSettings.Flags.none(), Map.of(KafkaSettings.ENV_PARTITIONS, "three")))
                .hasMessageStartingWith("Environment variable CONTIMG_TOPIC_PARTITIONS=three is not valid");
    }

    @Test
    void aMissingPropertiesFileIsNamed() {
        Path missing = dir.resolve("client.properties");
        assertThatThrownBy(
                        () -> KafkaSettings.resolve(new KafkaSettings.Flags(null, missing, null, null, null), Map.of()))
                .hasMessageStartingWith("Cannot read Kafka client properties " + missing);
    }

    private Path properties(String text) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, text);
        return file;
    }
}
