package org.dsa110.contimg.pointing.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stretches with data, merged across files, and the gaps between them. */
class DataTimelineTest {

    private static final double FILE = 309.238 / 86400.0; // 24 DSA-110 integrations
    private static final DataTimeline TIMELINE = new DataTimeline(DataTimeline.DEFAULT_MERGE);

    @Test
    void backToBackFilesAreOneStretchAndAnHourWithoutIsAGap() {
        var files = new ArrayList<ObservedFile>();
        double t = 61055.0;
        for (int i = 0; i < 12; i++) { // an hour of files, each starting 0.5 s after the last one's end
            files.add(file(t, t + FILE));
            t += FILE + 0.5 / 86400;
        }
        double resume = t + 1.0 / 24;
        for (int i = 0; i < 6; i++) {
            files.add(file(resume, resume + FILE));
            resume += FILE;
        }
        var timeline = TIMELINE.of(files, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertThat(timeline.data()).hasSize(2);
        assertThat(timeline.gaps())
                .singleElement()
                .satisfies(gap -> assertThat(gap.hours()).isCloseTo(1.0 + 0.5 / 3600, within(1e-6)));
        assertThat(timeline.data().get(0).hours()).isCloseTo(12 * FILE * 24 + 11 * 0.5 / 3600, within(1e-9));
        assertThat(timeline.hoursWithData() + timeline.hoursOfGaps())
                .isCloseTo((timeline.endMjd() - timeline.startMjd()) * 24, within(1e-9));
        assertThat(timeline.files()).isEqualTo(18);
    }

    @Test
    void aGivenWindowClipsTheDataAndCountsTheGapsAtItsEnds() {
        var files = List.of(file(61055.10, 61055.20), file(61055.15, 61055.30), file(61055.50, 61055.60));
        var timeline = TIMELINE.of(files, 61055.0, 61055.55);
        assertThat(timeline.data())
                .extracting(DataTimeline.Interval::startMjd, DataTimeline.Interval::endMjd)
                .containsExactly(tuple(61055.10, 61055.30), tuple(61055.50, 61055.55));
        assertThat(timeline.gaps())
                .extracting(DataTimeline.Interval::startMjd, DataTimeline.Interval::endMjd)
                .containsExactly(tuple(61055.0, 61055.10), tuple(61055.30, 61055.50));
    }

    @Test
    void noFilesIsOneGapOverTheWindowOrNothing() {
        assertThat(TIMELINE.of(List.of(), 61055.0, 61056.0).gaps())
                .singleElement()
                .satisfies(gap -> assertThat(gap.hours()).isCloseTo(24.0, within(1e-9)));
        var unbounded = TIMELINE.of(List.of(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertThat(unbounded.data()).isEmpty();
        assertThat(unbounded.gaps()).isEmpty();
    }

    private static ObservedFile file(double start, double end) {
        return new ObservedFile((start + end) / 2, start, end, 0, 30, "dsa110-meridian");
    }
}
