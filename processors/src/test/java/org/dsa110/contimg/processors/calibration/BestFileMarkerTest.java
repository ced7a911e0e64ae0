package org.dsa110.contimg.processors.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.fixtures.ReferenceMatches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On {@code contimg.calibrator-transits} each transit's best file is marked, so a reader of the compacted topic can
 * take one match per transit without grouping: whatever order the files come in, the topic ends with exactly one
 * best match per transit, the file astropy finds the beam responds to most; a better file coming later takes the
 * mark and the one before is re-published without it; a best file retracted hands the mark on.
 */
class BestFileMarkerTest {

    private static final String ON_AXIS = "/data/incoming/3C286-on-axis_sb00.hdf5";
    private static final String NORTH = "/data/incoming/3C286-1deg-north_sb00.hdf5";

    @TempDir
    Path home;

    private CalibrationDriver driver;

    @BeforeEach
    void driver() {
        driver = new CalibrationDriver(home.resolve("streams"));
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void theReferenceFilesInAnyOrderLeaveOneBestMatchPerTransitAstropysMostResponsive() {
        List<ReferenceMatches> files = ReferenceMatches.all();
        files.forEach(this::observe);
        Map<String, CalibratorTransit> topic = compacted(driver.transits.readKeyValuesToList());
        try (var again = new CalibrationDriver(home.resolve("reversed"))) {
            reversed(files).forEach(file -> observe(again, file));
            assertThat(compacted(again.transits.readKeyValuesToList())).isEqualTo(topic);
        }
        assertThat(topic).hasSize(16);

        // astropy's best of each transit: the highest response among the files holding it, ties to the first name.
        var expected = new TreeMap<String, String>(); // calibrator@transit day -> best file
        var responses = new TreeMap<String, Double>();
        for (ReferenceMatches file : files) {
            for (ReferenceMatches.Match m : file.matches()) {
                String transit = m.calibrator() + "@" + Math.round(m.transitMjd());
                Double best = responses.get(transit);
                if (best == null
                        || m.response() > best
                        || m.response() == best && file.file().compareTo(expected.get(transit)) < 0) {
                    responses.put(transit, m.response());
                    expected.put(transit, file.file());
                }
            }
        }
        var marked = new TreeMap<String, String>();
        topic.values().stream().filter(t -> Boolean.TRUE.equals(t.best())).forEach(t -> {
            String transit = t.calibrator() + "@" + Math.round(t.transitMjd());
            assertThat(marked.put(transit, t.sourceFile()))
                    .as("two best matches of %s", transit)
                    .isNull();
        });
        assertThat(marked).isEqualTo(expected);
        assertThat(topic.values()).allSatisfy(t -> assertThat(t.best()).isNotNull());
        // Two of 3C286's files hold its transit: the on-axis one is best.
        assertThat(topic.get(CalibratorTransit.keyOf("J1331+305", ON_AXIS)).best())
                .isTrue();
        assertThat(topic.get(CalibratorTransit.keyOf("J1331+305", NORTH)).best())
                .isFalse();
    }

    @Test
    void aBetterFileLaterTakesTheMarkAndARetractedBestHandsItOn() {
        observe(reference(NORTH));
        assertThat(driver.transits.readKeyValuesToList())
                .extracting(kv -> kv.value.sourceFile(), kv -> kv.value.best())
                .containsExactly(tuple(NORTH, true));

        observe(reference(ON_AXIS));
        assertThat(driver.transits.readKeyValuesToList())
                .extracting(kv -> kv.value.sourceFile(), kv -> kv.value.best())
                .containsExactly(tuple(ON_AXIS, true), tuple(NORTH, false));

        // The on-axis file deleted: its match retracted, the other file's is the best again.
        driver.pointings.pipeInput(ON_AXIS, (PointingObservation) null);
        assertThat(driver.transits.readKeyValuesToList())
                .extracting(kv -> kv.key, kv -> kv.value == null ? null : kv.value.best())
                .containsExactly(
                        tuple(CalibratorTransit.keyOf("J1331+305", ON_AXIS), null),
                        tuple(CalibratorTransit.keyOf("J1331+305", NORTH), true));
    }

    @Test
    void aWorseFileLaterLeavesTheBestAlone() {
        observe(reference(ON_AXIS));
        driver.transits.readKeyValuesToList();
        observe(reference(NORTH));
        assertThat(driver.transits.readKeyValuesToList())
                .extracting(kv -> kv.value.sourceFile(), kv -> kv.value.best())
                .containsExactly(tuple(NORTH, false));
    }

    private void observe(ReferenceMatches file) {
        observe(driver, file);
    }

    private static void observe(CalibrationDriver driver, ReferenceMatches file) {
        driver.pointings.pipeInput(
                file.file(),
                Samples.meridianFile(file.file(), file.startMjd(), file.endMjd(), file.haDeg(), file.decAppDeg())
                        .withHost("host-" + Math.abs(file.file().hashCode() % 3)));
    }

    private static ReferenceMatches reference(String file) {
        return ReferenceMatches.all().stream()
                .filter(f -> f.file().equals(file))
                .findFirst()
                .orElseThrow();
    }

    private static List<ReferenceMatches> reversed(List<ReferenceMatches> files) {
        var copy = new ArrayList<>(files);
        copy.sort(Comparator.comparing(ReferenceMatches::file).reversed());
        return copy;
    }

    /** What a compacted topic keeps: each key's last value, tombstones removing it. */
    private static Map<String, CalibratorTransit> compacted(List<KeyValue<String, CalibratorTransit>> records) {
        var kept = new TreeMap<String, CalibratorTransit>();
        for (KeyValue<String, CalibratorTransit> kv : records) {
            if (kv.value == null) {
                kept.remove(kv.key);
            } else {
                kept.put(kv.key, kv.value);
            }
        }
        return kept;
    }
}
