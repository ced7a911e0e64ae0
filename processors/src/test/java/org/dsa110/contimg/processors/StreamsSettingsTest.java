package org.dsa110.contimg.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
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
