package org.dsa110.contimg.processors.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.fixtures.ReferenceMatches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compacted {@code contimg.calibrator-transits} says what is true now, one match per calibrator and file: a
 * file observed again retracts the transits it no longer holds (its own, never another file's), and a file's
 * tombstone retracts them all.
 */
class TransitFindProcessorTest {

    /** 3C286's transit on 2026-01-15 and its apparent declination then (pointing/reference/transits.py). */
    private static final double TRANSIT_MJD = 61055.57317972992;

    private static final double DEC_APP = 30.37039226251386;
    /** The next day's transit comes this much later (a sidereal day, in days). */
    private static final double SIDEREAL_DAY = 0.99726957;

    private static final String FILE = "/data/incoming/2026-01-15T13:42:48_sb00.hdf5";
    private static final String OTHER = "/data/incoming/2026-01-16T13:38:52_sb00.hdf5";

    @TempDir
    Path home;

    private CalibrationDriver driver;
    private TestInputTopic<String, PointingObservation> pointings;
    private TestOutputTopic<String, CalibratorTransit> transits;

    @BeforeEach
    void driver() {
        driver = new CalibrationDriver(home.resolve("streams"));
        pointings = driver.pointings;
        transits = driver.transits;
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aFileObservedAgainRetractsTheTransitItNoLongerHolds() {
        pointings.pipeInput(FILE, observation(FILE, TRANSIT_MJD - 0.002, TRANSIT_MJD + 0.002));
        List<KeyValue<String, CalibratorTransit>> first = transits.readKeyValuesToList();
        assertThat(first)
                .singleElement()
                .satisfies(kv -> assertThat(kv.value.altName()).isEqualTo("3C286"));
        String key = first.get(0).key;

        // Observed again, the same span: the same key, published again, nothing retracted.
        pointings.pipeInput(FILE, observation(FILE, TRANSIT_MJD - 0.002, TRANSIT_MJD + 0.002));
        assertThat(transits.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly(key);

        // Re-extracted with a span that ends before the transit: its transit is withdrawn.
        pointings.pipeInput(FILE, observation(FILE, TRANSIT_MJD - 0.004, TRANSIT_MJD - 0.001));
        assertThat(transits.readKeyValuesToList()).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo(key);
            assertThat(kv.value).isNull();
        });
    }

    @Test
    void aFilesTombstoneRetractsItsTransitsAndAnotherFilesAreLeftAlone() {
        pointings.pipeInput(FILE, observation(FILE, TRANSIT_MJD - 0.002, TRANSIT_MJD + 0.002));
        String key = transits.readKeyValuesToList().get(0).key;
        pointings.pipeInput(
                OTHER, observation(OTHER, TRANSIT_MJD - 0.002 + SIDEREAL_DAY, TRANSIT_MJD + 0.002 + SIDEREAL_DAY));
        assertThat(transits.readKeyValuesToList())
                .singleElement()
                .satisfies(kv -> assertThat(kv.key).isNotEqualTo(key));

        pointings.pipeInput(FILE, (PointingObservation) null);
        assertThat(transits.readKeyValuesToList()).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo(key);
            assertThat(kv.value).isNull();
        });
        pointings.pipeInput(FILE, (PointingObservation) null); // nothing left to retract
        assertThat(transits.isEmpty()).isTrue();
    }

    @Test
    void twoFilesHoldingOneTransitAreTwoMatchesAndEachRetractsOnlyItsOwn() {
        String twin = "/data/incoming/2026-01-15T13:42:48_sb00.again.hdf5";
        pointings.pipeInput(FILE, observation(FILE, TRANSIT_MJD - 0.002, TRANSIT_MJD + 0.002));
        pointings.pipeInput(twin, observation(twin, TRANSIT_MJD - 0.001, TRANSIT_MJD + 0.003));
        // The same pointing, the same response: the twin is first by name, so it takes the mark from the first.
        assertThat(transits.readKeyValuesToList())
                .extracting(kv -> kv.key, kv -> kv.value.sourceFile(), kv -> kv.value.best())
                .containsExactly(
                        tuple(CalibratorTransit.keyOf("J1331+305", FILE), FILE, true),
                        tuple(CalibratorTransit.keyOf("J1331+305", twin), twin, true),
                        tuple(CalibratorTransit.keyOf("J1331+305", FILE), FILE, false));

        // The first file re-extracted, no longer holding the transit: its match goes, the twin's stays.
        pointings.pipeInput(FILE, observation(FILE, TRANSIT_MJD - 0.004, TRANSIT_MJD - 0.001));
        assertThat(transits.readKeyValuesToList()).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo(CalibratorTransit.keyOf("J1331+305", FILE));
            assertThat(kv.value).isNull();
        });
    }

    @Test
    void aKeyFromBeforeMatchesWerePerFileIsRetractedWhereverItComesFrom() {
        // A record under the key of before (calibrator and transit second), as a processors host of that version
        // wrote it: retracted, and the file's match published under its own key once the file is observed.
        String old = "J1331+305@2026-01-15T13:45:22Z";
        assertThat(CalibratorTransit.isTransitKey(old)).isTrue();
        var match =
                Samples.inFile(Samples.transit("J1331+305", "3C286", TRANSIT_MJD, "2026-01-15T13:45:22Z", 1.0), FILE);
        driver.transitsIn.pipeInput(old, match);
        pointings.pipeInput(FILE, observation(FILE, TRANSIT_MJD - 0.002, TRANSIT_MJD + 0.002));

        assertThat(transits.readKeyValuesToList())
                .extracting(kv -> kv.key, kv -> kv.value == null)
                .containsExactly(tuple(old, true), tuple(CalibratorTransit.keyOf("J1331+305", FILE), false));
        assertThat(CalibratorTransit.isTransitKey(CalibratorTransit.keyOf("J1331+305", FILE)))
                .isFalse();
        // A tombstone read back is not retracted again, nor is a match under its own key.
        driver.transitsIn.pipeInput(old, (CalibratorTransit) null);
        driver.transitsIn.pipeInput(CalibratorTransit.keyOf("J1331+305", FILE), match);
        assertThat(transits.isEmpty()).isTrue();
    }

    /**
     * astropy's 25 files around five calibrators' transits ({@link ReferenceMatches}): one record per (calibrator,
     * file) pair it finds, 16, each under its own key, the two files of 3C286's transit (on axis, 1 deg north) two
     * matches with their own responses.
     */
    @Test
    void everyMatchOfTheReferenceFilesIsItsOwnRecord() {
        var expected = new TreeMap<String, Double>();
        for (ReferenceMatches file : ReferenceMatches.all()) {
            pointings.pipeInput(
                    file.file(),
                    Samples.meridianFile(file.file(), file.startMjd(), file.endMjd(), file.haDeg(), file.decAppDeg())
                            .withHost("test-host"));
            file.matches()
                    .forEach(m -> expected.put(CalibratorTransit.keyOf(m.calibrator(), file.file()), m.response()));
        }
        var published = new TreeMap<String, Double>();
        transits.readKeyValuesToList().forEach(kv -> published.put(kv.key, kv.value.response()));
        assertThat(published.keySet()).hasSize(16).isEqualTo(expected.keySet());
        published.forEach((key, response) -> assertThat(response).as(key).isCloseTo(expected.get(key), within(1e-3)));
        assertThat(published)
                .containsKeys(
                        CalibratorTransit.keyOf("J1331+305", "/data/incoming/3C286-on-axis_sb00.hdf5"),
                        CalibratorTransit.keyOf("J1331+305", "/data/incoming/3C286-1deg-north_sb00.hdf5"));
    }

    /** A DSA-110 meridian drift file over [start, end] pointed at 3C286's apparent declination. */
    private static PointingObservation observation(String file, double start, double end) {
        return Samples.meridianFile(file, start, end, 0.0, DEC_APP).withHost("test-host");
    }
}
