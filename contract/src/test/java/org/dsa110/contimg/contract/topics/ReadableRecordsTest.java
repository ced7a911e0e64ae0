package org.dsa110.contimg.contract.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.EnumSet;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.testing.HostileRecords;
import org.dsa110.contimg.contract.testing.HostileRecords.Flaw;
import org.dsa110.contimg.contract.testing.HostileRecords.Hostile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry's serdes are what every consumer reads with, so what they refuse is what every consumer
 * dead-letters: thousands of seeded hostile records of every topic, each refused in one line naming its topic, and
 * the readable record each was made from still read.
 */
class ReadableRecordsTest {

    private static final String LOG = "/data/dsa110-contimg/ms/casa-20251104-101511.log";
    private static final String UVH5 = "/data/incoming/2025-11-04T10:09:15_sb00.hdf5";
    private static final int CASES = 1000;

    static Stream<Arguments> everyTopicWithAReadableRecord() {
        return Stream.of(
                Arguments.of(HostileRecords.of(Topics.FS_EVENTS, LOG, Samples.casaLogCreated(LOG))),
                Arguments.of(HostileRecords.of(Topics.LOG_MOVES, LOG, Samples.logMove(LOG))),
                Arguments.of(HostileRecords.of(
                        Topics.TEMP_PURGES, "/data/TMPPOINTING_1", Samples.tempPurge("/data/TMPPOINTING_1"))),
                Arguments.of(HostileRecords.of(Topics.POINTING_REQUESTS, UVH5, Samples.pointingRequest(UVH5))),
                Arguments.of(HostileRecords.of(Topics.POINTING, UVH5, Samples.pointing(UVH5))),
                Arguments.of(HostileRecords.of(
                        Topics.CALIBRATOR_TRANSITS,
                        "J1331+305@/data/incoming/3C286_sb00.hdf5",
                        Samples.transit("3C286", "J1331+3030", 60983.43, "2025-11-04T10:15:00Z", 0.9))),
                Arguments.of(HostileRecords.of(
                        Topics.CAMPAIGNS, "DSA_110@2025-11-04T10:09:15Z", Samples.campaign("2025-11-04T10:09:15Z"))),
                Arguments.of(HostileRecords.of(
                        Topics.OUTCOMES,
                        LOG,
                        Samples.outcome(Outcome.Stage.LOG_MOVE, Outcome.Result.MOVED, LOG, null))),
                Arguments.of(HostileRecords.of(Topics.STATUS, "producer@a", Samples.status("producer@a"))));
    }

    @ParameterizedTest
    @MethodSource("everyTopicWithAReadableRecord")
    void everyHostileRecordIsRefusedInOneLineNamingItsTopic(HostileRecords hostile) {
        for (Hostile record : hostile.sample(29, CASES)) {
            Throwable refused = catchThrowable(() -> read(hostile.topic(), record.key(), record.value()));
            assertThat(refused).as("%s on %s", record, hostile.topic()).isInstanceOf(SerializationException.class);
            assertThat(refused.getMessage())
                    .as("%s", record)
                    .startsWith(hostile.topic().name() + ": ")
                    .doesNotContain("\n")
                    .hasSizeLessThan(1200);
        }
    }

    @ParameterizedTest
    @MethodSource("everyTopicWithAReadableRecord")
    void theReadableRecordEachWasMadeFromIsRead(HostileRecords hostile) {
        assertThat(read(hostile.topic(), hostile.key(), hostile.value())).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("everyTopicWithAReadableRecord")
    void everyTopicMeetsTheFlawsItCanHave(HostileRecords hostile) {
        var expected = EnumSet.allOf(Flaw.class);
        if (hostile.topic().compacted()) {
            // Tombstones are a compacted topic's deletions; the broker refuses keyless records there itself.
            expected.removeAll(EnumSet.of(Flaw.NO_KEY, Flaw.TOMBSTONE));
        }
        if (hostile.topic() == Topics.POINTING
                || hostile.topic() == Topics.CALIBRATOR_TRANSITS
                || hostile.topic() == Topics.STATUS) {
            expected.remove(Flaw.UNKNOWN_ENUM); // no enum field
        }
        assertThat(hostile.flaws()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(hostile.oneOfEach(1)).extracting(Hostile::flaw).containsExactlyElementsOf(hostile.flaws());
    }

    private static Object read(Topic<String, ?> topic, byte[] key, byte[] value) {
        topic.keySerde().deserializer().deserialize(topic.name(), key);
        return topic.valueSerde().deserializer().deserialize(topic.name(), value);
    }
}
