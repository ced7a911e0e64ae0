package org.dsa110.contimg.processors.pointing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.PointingRequest;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.testing.ManualClock;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.fixtures.Dsa110File;
import org.dsa110.contimg.processors.ProcessorsSettings;
import org.dsa110.contimg.processors.TopologyDriver;
import org.dsa110.contimg.processors.calibration.CalibrationDriver;
import org.dsa110.contimg.processors.kernel.ProcessorsMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extractor in the real topology: extraction, retries of a file still being written, failures. */
class PointingExtractProcessorTest {

    @TempDir
    Path home;

    private Path incoming;
    /** Moved together with the driver's wall clock. */
    private final ManualClock clock = new ManualClock(Instant.parse("2025-10-21T07:00:00Z"));

    private TopologyTestDriver driver;
    private TestInputTopic<String, PointingRequest> requests;

    @BeforeEach
    void driver() throws Exception {
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        incoming = Files.createDirectories(paths.incoming());
        driver = TopologyDriver.of(
                ProcessorsSettings.defaults(paths, "test-host"),
                new ProcessorsMetrics(),
                clock,
                home.resolve("streams"));
        requests = driver.createInputTopic(
                Topics.POINTING_REQUESTS.name(),
                Topics.POINTING_REQUESTS.keySerde().serializer(),
                Topics.POINTING_REQUESTS.valueSerde().serializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aCompleteFileYieldsItsObservationAndAnExtractedOutcome() throws Exception {
        Path file = Files.copy(completeFile(), incoming.resolve("2025-10-21T06:25:27_sb00.hdf5"));
        request(file);

        List<PointingObservation> observations = observations();
        assertThat(observations).hasSize(1);
        assertThat(observations.get(0).sourceFile()).isEqualTo(file.toString());
        assertThat(observations.get(0).decDeg()).isBetween(57.0, 58.0);
        assertThat(outcomes()).extracting(Outcome::result).containsExactly(Outcome.Result.EXTRACTED);
    }

    @Test
    void aFileStillBeingWrittenIsRetriedThenExtracted() throws Exception {
        byte[] whole = Files.readAllBytes(completeFile());
        Path file = incoming.resolve("2025-10-21T06:25:27_sb00.hdf5");
        Files.write(file, Arrays.copyOf(whole, 40_000)); // the writer has written the first 40 kB so far
        request(file);
        assertThat(outcomes()).singleElement().satisfies(o -> {
            assertThat(o.result()).isEqualTo(Outcome.Result.RETRYING);
            assertThat(o.detail()).startsWith("truncated HDF5 file (40000 of ");
        });

        Files.write(file, whole); // the writer finishes
        advance(ProcessorsSettings.DEFAULT_RETRY_BACKOFF.get(0));

        assertThat(observations()).hasSize(1);
        assertThat(outcomes()).singleElement().satisfies(o -> {
            assertThat(o.result()).isEqualTo(Outcome.Result.EXTRACTED);
            assertThat(o.attempt()).isEqualTo(2);
        });
    }

    @Test
    void aNewEventThatFindsTheFileCompleteEndsItsPendingRetry() throws Exception {
        byte[] whole = Files.readAllBytes(completeFile());
        Path file = incoming.resolve("2025-10-21T06:25:27_sb00.hdf5");
        Files.write(file, Arrays.copyOf(whole, 40_000)); // `cp` has begun: the producer's leading-edge event
        request(file);
        assertThat(outcomes()).extracting(Outcome::result).containsExactly(Outcome.Result.RETRYING);

        Files.write(file, whole); // `cp` is done: the trailing event
        request(file);
        assertThat(outcomes()).extracting(Outcome::result).containsExactly(Outcome.Result.EXTRACTED);
        advance(ProcessorsSettings.DEFAULT_RETRY_BACKOFF.get(0));
        assertThat(outcomes())
                .as("no second extraction when the retry falls due")
                .isEmpty();
        assertThat(observations()).hasSize(1);
    }

    @Test
    void aFileThatNeverCompletesFailsAfterFiveTries() throws Exception {
        Path file = Files.createFile(incoming.resolve("2025-10-21T06:25:27_sb00.hdf5"));
        request(file);
        for (Duration delay : ProcessorsSettings.DEFAULT_RETRY_BACKOFF) {
            advance(delay);
        }
        List<Outcome> seen = outcomes();
        assertThat(seen)
                .extracting(Outcome::result)
                .containsExactly(
                        Outcome.Result.RETRYING,
                        Outcome.Result.RETRYING,
                        Outcome.Result.RETRYING,
                        Outcome.Result.RETRYING,
                        Outcome.Result.FAILED);
        assertThat(seen.get(4).detail()).isEqualTo("empty file");
        assertThat(seen.get(4).attempt()).isEqualTo(5);
        assertThat(ProcessorsSettings.DEFAULT_RETRY_BACKOFF.stream()
                        .mapToLong(Duration::toSeconds)
                        .sum())
                .isBetween(100L, 140L);
        assertThat(observations()).isEmpty();
    }

    @Test
    void aFileThatFailedForGoodIsNotTriedAgainUntilItChanges() throws Exception {
        Path file = Files.createFile(incoming.resolve("2025-10-21T06:25:27_sb00.hdf5"));
        request(file);
        for (Duration delay : ProcessorsSettings.DEFAULT_RETRY_BACKOFF) {
            advance(delay);
        }
        assertThat(outcomes()).hasSize(5);
        request(file); // a rescan, say
        request(file);
        assertThat(outcomes()).as("unchanged since it failed").isEmpty();

        Files.write(file, Files.readAllBytes(completeFile())); // the writer finally wrote it
        request(file);
        assertThat(outcomes()).extracting(Outcome::result).containsExactly(Outcome.Result.EXTRACTED);
        request(file);
        assertThat(outcomes()).isEmpty();
        assertThat(observations()).hasSize(1);
    }

    @Test
    void requestsWhileARetryIsPendingNeverRestartItsChain() throws Exception {
        Path file = Files.createFile(incoming.resolve("2025-10-21T06:25:27_sb00.hdf5"));
        request(file);
        for (Duration delay : ProcessorsSettings.DEFAULT_RETRY_BACKOFF) {
            request(file); // a rescan every few seconds
            advance(delay.dividedBy(2));
            request(file);
            advance(delay.minus(delay.dividedBy(2)));
        }
        assertThat(outcomes())
                .extracting(Outcome::result)
                .containsExactly(
                        Outcome.Result.RETRYING,
                        Outcome.Result.RETRYING,
                        Outcome.Result.RETRYING,
                        Outcome.Result.RETRYING,
                        Outcome.Result.FAILED);
    }

    @Test
    void aForgedRequestForAFileOutsideTheSourcesIsRejectedAndTheFileNeverRead() throws Exception {
        // A perfectly readable UVH5 file, but beside the incoming tree: a forged request must not make the
        // extractor open it (a request is input, not an order).
        Path outside = Files.createDirectories(home.resolve("elsewhere"));
        Path file = Files.copy(completeFile(), outside.resolve("2025-10-21T06:25:27_sb00.hdf5"));
        request(file);
        Path notUvh5 = Files.writeString(incoming.resolve("secrets.txt"), "not a pointing");
        request(notUvh5);
        request(incoming.resolve("../elsewhere/2025-10-21T06:25:27_sb00.hdf5"));

        assertThat(observations()).isEmpty();
        assertThat(outcomes())
                .extracting(Outcome::result, Outcome::detail)
                .containsExactly(
                        tuple(Outcome.Result.REJECTED, "outside the UVH5 sources [" + incoming + "]"),
                        tuple(Outcome.Result.REJECTED, "not a first-sub-band UVH5 name (*_sb00.hdf5)"),
                        tuple(Outcome.Result.REJECTED, "not an absolute normalized path"));
    }

    @Test
    void aForgedRequestThroughALinkedDirectoryIsRejectedAndTheFileNeverRead() throws Exception {
        Path outside = Files.createDirectories(home.resolve("elsewhere"));
        Files.copy(completeFile(), outside.resolve("2025-10-21T06:25:27_sb00.hdf5"));
        Files.createSymbolicLink(incoming.resolve("link"), outside);

        request(incoming.resolve("link/2025-10-21T06:25:27_sb00.hdf5"));

        assertThat(observations()).isEmpty();
        assertThat(outcomes())
                .extracting(Outcome::result, Outcome::detail)
                .containsExactly(tuple(
                        Outcome.Result.REJECTED,
                        "has a symbolic link on its path (" + incoming.resolve("link") + "): never followed"));
    }

    /** The extractor's observation of a real DSA-110 file, read by the calibration application: its match. */
    @Test
    void aFileAt3C286sTransitYieldsItsCalibratorTransit() throws Exception {
        // 3C286's transit on 2026-01-15 and its apparent declination then (pointing/reference/transits.py); the
        // file's 24 integrations centred on it, pointed at it on the meridian.
        double transitMjd = 61055.57317972992;
        Instant start = Mjd.toInstant(transitMjd).minusMillis(Math.round(12 * Dsa110File.INTEGRATION_S * 1000));
        var fixture = Dsa110File.at(start, 30.37039226251386);
        Path file = fixture.writeInto(incoming);
        request(file);

        List<PointingObservation> observed = observations();
        assertThat(observed).hasSize(1);
        List<CalibratorTransit> transits;
        try (var calibration = new CalibrationDriver(home.resolve("calibration-state"))) {
            calibration.pointings.pipeInput(file.toString(), observed.get(0));
            transits = calibration.transits.readValuesToList();
        }
        assertThat(transits).singleElement().satisfies(t -> {
            assertThat(t.calibrator()).isEqualTo("J1331+305");
            assertThat(t.altName()).isEqualTo("3C286");
            assertThat(t.sourceFile()).isEqualTo(file.toString());
            assertThat((t.transitMjd() - transitMjd) * 86400).isBetween(-1.0, 1.0);
            assertThat(t.response()).isGreaterThan(0.999);
            assertThat(t.apparentFluxJy()).isCloseTo(15.0, within(0.02));
            assertThat(t.catalog()).isEqualTo("vla-calibrators-20cm.csv");
            assertThat(t.best()).isTrue();
        });
    }

    @Test
    void aWrongFileFailsAtOnceWithItsReason() throws Exception {
        Path file = Files.writeString(incoming.resolve("2025-10-21T06:25:27_sb00.hdf5"), "not hdf5 at all");
        request(file);
        assertThat(outcomes()).singleElement().satisfies(o -> {
            assertThat(o.result()).isEqualTo(Outcome.Result.FAILED);
            assertThat(o.detail()).isEqualTo("not an HDF5 file");
        });
    }

    private void request(Path file) {
        var event = new FileEvent(
                file.toString(),
                FileEvent.Kind.CREATED,
                FileEvent.FileType.FILE,
                1L,
                clock.instant(),
                incoming.toString(),
                FileEvent.Source.WATCH,
                "test-host",
                clock.instant());
        requests.pipeInput(file.toString(), new PointingRequest(event, clock.instant()));
    }

    private void advance(Duration delay) {
        clock.advance(delay);
        driver.advanceWallClockTime(delay);
    }

    private List<PointingObservation> observations() {
        return driver.createOutputTopic(
                        Topics.POINTING.name(),
                        Topics.POINTING.keySerde().deserializer(),
                        Topics.POINTING.valueSerde().deserializer())
                .readValuesToList();
    }

    private List<Outcome> outcomes() {
        return driver.createOutputTopic(
                        Topics.OUTCOMES.name(),
                        Topics.OUTCOMES.keySerde().deserializer(),
                        Topics.OUTCOMES.valueSerde().deserializer())
                .readValuesToList();
    }

    /** A complete correlator file for 2025-10-21T06:25:27, written outside the incoming directory. */
    private Path completeFile() {
        return Dsa110File.at(Instant.parse("2025-10-21T06:25:27Z"), 57.5).writeTo(home.resolve("complete.hdf5"));
    }
}
