package org.dsa110.contimg.pointing.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Campaigns split on a declination move and on a gap in the data, and count the files' own spans. */
class DeclinationCampaignsTest {

    private static final double FIVE_MINUTES = 5.0 / 1440;
    private static final DeclinationCampaigns DEFAULTS = new DeclinationCampaigns(0.1, 1.0);

    /** {@code n} consecutive 5-minute files from {@code startMjd} at {@code decDeg} (plus a small jitter). */
    private static List<ObservedFile> run(double startMjd, int n, double decDeg) {
        var files = new ArrayList<ObservedFile>();
        for (int i = 0; i < n; i++) {
            double start = startMjd + i * FIVE_MINUTES;
            double jitter = (i % 3 - 1) * 0.004; // a few arcseconds: the same campaign
            files.add(new ObservedFile(
                    start + FIVE_MINUTES / 2,
                    start,
                    start + FIVE_MINUTES,
                    10.0 * i,
                    decDeg + jitter,
                    "dsa110-meridian"));
        }
        return files;
    }

    @Test
    void aDeclinationMoveAndAGapEachStartACampaign() {
        var files = new ArrayList<ObservedFile>();
        files.addAll(run(61000.0, 12, 30.0)); // an hour at +30
        files.addAll(run(61000.0 + 12 * FIVE_MINUTES, 24, 55.6)); // moved at once to +55.6
        files.addAll(run(61000.0 + 36 * FIVE_MINUTES + 2.0 / 24, 6, 55.6)); // after a 2 h stop
        Collections.shuffle(files, new Random(7)); // any order in, time order out

        List<Campaign> campaigns = DEFAULTS.of(files);

        assertThat(campaigns).hasSize(3);
        assertThat(campaigns.get(0).files()).isEqualTo(12);
        assertThat(campaigns.get(0).hoursObserved()).isCloseTo(1.0, within(1e-9));
        assertThat(campaigns.get(0).meanDecDeg()).isCloseTo(30.0, within(0.004));
        assertThat(campaigns.get(0).startMjd()).isEqualTo(61000.0);
        assertThat(campaigns.get(0).endMjd()).isCloseTo(61000.0 + 12 * FIVE_MINUTES, within(1e-9));
        assertThat(campaigns.get(1).files()).isEqualTo(24);
        assertThat(campaigns.get(1).meanDecDeg()).isCloseTo(55.6, within(0.004));
        assertThat(campaigns.get(1).maxDecDeg() - campaigns.get(1).minDecDeg()).isCloseTo(0.008, within(1e-9));
        assertThat(campaigns.get(2).files()).isEqualTo(6);
        assertThat(campaigns.get(2).startMjd() - campaigns.get(1).endMjd()).isCloseTo(2.0 / 24, within(1e-9));
    }

    @Test
    void thresholdsAreTheCallersToChoose() {
        var files = new ArrayList<ObservedFile>();
        files.addAll(run(61000.0, 12, 30.0));
        files.addAll(run(61000.0 + 12 * FIVE_MINUTES + 2.0 / 24, 12, 30.05)); // 2 h later, 0.05 deg up
        assertThat(DEFAULTS.of(files)).hasSize(2); // the gap
        assertThat(new DeclinationCampaigns(0.1, 3.0).of(files)).hasSize(1);
        assertThat(new DeclinationCampaigns(0.02, 3.0).of(files)).hasSize(2); // the move
        assertThatThrownBy(() -> new DeclinationCampaigns(0, 1)).hasMessageContaining("--jump-threshold-deg");
        assertThatThrownBy(() -> new DeclinationCampaigns(0.1, -1)).hasMessageContaining("--gap-hours");
    }

    @Test
    void oldRowsWithoutASpanCountTheMedianSpan() {
        var files = new ArrayList<>(run(61000.0, 3, 30.0));
        files.add(new ObservedFile(61000.0 + 3.5 * FIVE_MINUTES, null, null, 40, 30.0, null));
        List<Campaign> campaigns = DEFAULTS.of(files);
        assertThat(campaigns).singleElement().satisfies(c -> {
            assertThat(c.files()).isEqualTo(4);
            assertThat(c.hoursObserved()).isCloseTo(4 * 5.0 / 60, within(1e-9));
        });
        assertThat(DEFAULTS.of(List.of())).isEmpty();
    }
}
