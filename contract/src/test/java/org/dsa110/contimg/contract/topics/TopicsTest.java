package org.dsa110.contimg.contract.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.json.JsonSerde;
import org.junit.jupiter.api.Test;

/** The registry is docs/design.md's topic table; these are the rows other services rely on. */
class TopicsTest {

    private static final String WEEK_MS = "604800000";
    private static final String MONTH_MS = "2592000000";

    @Test
    void registryHoldsEveryTopicOfTheContractInPipelineOrder() {
        assertThat(Topics.all())
                .extracting(Topic::name)
                .containsExactly(
                        "contimg.fs-events",
                        "contimg.log-moves",
                        "contimg.temp-purges",
                        "contimg.pointing-requests",
                        "contimg.pointing",
                        "contimg.calibrator-transits",
                        "contimg.campaigns",
                        "contimg.outcomes",
                        "contimg.status",
                        "contimg.dlq");
    }

    @Test
    void retentionAndCleanupFollowTheContract() {
        var layout = TopicLayout.defaults();
        assertThat(Topics.FS_EVENTS.configs(layout))
                .containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", WEEK_MS);
        for (var topic : new Topic<?, ?>[] {Topics.LOG_MOVES, Topics.TEMP_PURGES, Topics.POINTING_REQUESTS}) {
            assertThat(topic.configs(layout))
                    .containsEntry("cleanup.policy", "delete")
                    .containsEntry("retention.ms", WEEK_MS);
        }
        assertThat(Topics.POINTING.configs(layout))
                .containsEntry("cleanup.policy", "compact")
                .containsEntry("retention.ms", "-1");
        for (var topic : new Topic<?, ?>[] {Topics.CALIBRATOR_TRANSITS, Topics.CAMPAIGNS}) {
            assertThat(topic.configs(layout))
                    .containsEntry("cleanup.policy", "compact")
                    .containsEntry("retention.ms", "-1");
        }
        assertThat(Topics.OUTCOMES.configs(layout)).containsEntry("retention.ms", MONTH_MS);
        assertThat(Topics.STATUS.configs(layout)).containsEntry("cleanup.policy", "compact");
        assertThat(Topics.DLQ.configs(layout))
                .containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", MONTH_MS);
    }

    @Test
    void aReplicatedLayoutNeedsTwoInSyncReplicasAndNoLayoutAllowsAnUncleanElection() {
        var cluster = new TopicLayout(3, (short) 3, Map.of());
        var pair = new TopicLayout(3, (short) 2, Map.of());
        for (Topic<?, ?> topic : Topics.all()) {
            assertThat(topic.configs(cluster))
                    .as(topic.name())
                    .containsEntry("min.insync.replicas", "2")
                    .containsEntry("unclean.leader.election.enable", "false");
            // Both of two replicas in sync would stop every write while either broker is away.
            assertThat(topic.configs(pair)).containsEntry("min.insync.replicas", "1");
            assertThat(topic.configs(TopicLayout.defaults()))
                    .containsEntry("min.insync.replicas", "1")
                    .containsEntry("unclean.leader.election.enable", "false");
        }
    }

    @Test
    void valueSerdesMatchTheRecordsOfEachTopic() {
        assertThat(((JsonSerde<?>) Topics.FS_EVENTS.valueSerde()).type()).isEqualTo(FileEvent.class);
        assertThat(((JsonSerde<?>) Topics.POINTING.valueSerde()).type()).isEqualTo(PointingObservation.class);
        assertThat(((JsonSerde<?>) Topics.STATUS.valueSerde()).type()).isEqualTo(StatusSnapshot.class);
        // The dead-letter queue keeps records exactly as received.
        assertThat(Topics.DLQ.valueSerde().deserializer().deserialize("contimg.dlq", new byte[] {1, 2}))
                .isEqualTo(new byte[] {1, 2});
    }

    @Test
    void theReplayWindowIsConfigurable() {
        var layout = TopicLayout.defaults().withRetention(Topics.FS_EVENTS, Duration.ofHours(48));
        assertThat(Topics.FS_EVENTS.configs(layout)).containsEntry("retention.ms", "172800000");
        assertThat(Topics.LOG_MOVES.configs(layout)).containsEntry("retention.ms", WEEK_MS);
        var newTopic = Topics.FS_EVENTS.newTopic(new TopicLayout(6, (short) 3, Map.of()));
        assertThat(newTopic.numPartitions()).isEqualTo(6);
        assertThat(newTopic.replicationFactor()).isEqualTo((short) 3);
    }

    @Test
    void aLayoutWithoutPartitionsIsRefused() {
        assertThatThrownBy(() -> new TopicLayout(0, (short) 1, Map.of()))
                .hasMessage("partitions must be at least 1, not 0");
    }
}
