package org.dsa110.contimg.pointing.calibrators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.fixtures.Dsa110File;
import org.dsa110.contimg.pointing.PointingExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file covers its integrations, not their centres: written files whose span puts 3C286's transit (astropy's,
 * pointing/reference/transits.py) in their first or last half-integration hold it; one that ends before it does not.
 */
class DataSpanTest {

    /** 3C286's transit on 2026-01-15 and its apparent declination then (reference-transits.json). */
    private static final double TRANSIT_MJD = 61055.57317972992;

    private static final double DEC_APP = 30.37039226251386;
    private static final double DAY_S = 86400.0;
    private static final int INTEGRATIONS = 24;
    private static final double IT = Dsa110File.INTEGRATION_S;

    @TempDir
    Path dir;

    private final PointingExtractor extractor = new PointingExtractor(Duration.ofDays(1));
    private final TransitFinder finder = TransitFinder.defaults();

    @Test
    void theSpanRunsFromTheFirstIntegrationsStartToTheLastOnesEnd() {
        Instant start = Instant.parse("2026-01-15T13:40:00Z");
        PointingObservation observation = extract(start);
        double startMjd = 61055.0 + (13 * 3600 + 40 * 60) / DAY_S;
        assertThat((observation.startMjd() - startMjd) * DAY_S).isCloseTo(0, within(1e-3));
        assertThat((observation.endMjd() - startMjd) * DAY_S).isCloseTo(INTEGRATIONS * IT, within(1e-3));
    }

    @Test
    void aTransitInTheLastHalfIntegrationBelongsToTheFile() {
        // The file's last centre 2 s before the transit: the transit lies in its last half-integration (6.4 s).
        Instant start = secondsBefore(TRANSIT_MJD, (INTEGRATIONS - 0.5) * IT + 2);
        assertThat(transits3C286(extract(start))).hasSize(1);
    }

    @Test
    void aTransitInTheFirstHalfIntegrationBelongsToTheFile() {
        // The file's first centre 2 s after the transit.
        Instant start = secondsBefore(TRANSIT_MJD, 0.5 * IT - 2);
        assertThat(transits3C286(extract(start))).hasSize(1);
    }

    @Test
    void aFileThatEndsBeforeTheTransitDoesNotHoldIt() {
        Instant start = secondsBefore(TRANSIT_MJD, INTEGRATIONS * IT + 2);
        assertThat(transits3C286(extract(start))).isEmpty();
    }

    private PointingObservation extract(Instant start) {
        Path file = Dsa110File.at(start, DEC_APP).writeInto(dir);
        return extractor.extract(file);
    }

    private List<Transit> transits3C286(PointingObservation observation) {
        return finder.transits(observation).stream()
                .filter(t -> t.calibrator().name().equals("J1331+305"))
                .toList();
    }

    /** The whole second at most {@code seconds} before {@code mjd} (the writer starts files on whole seconds). */
    private static Instant secondsBefore(double mjd, double seconds) {
        double epochSeconds = (mjd - 40587.0) * DAY_S - seconds;
        return Instant.ofEpochSecond((long) Math.floor(epochSeconds));
    }
}
