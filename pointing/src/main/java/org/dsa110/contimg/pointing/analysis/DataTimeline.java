package org.dsa110.contimg.pointing.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dsa110.contimg.contract.Mjd;

/**
 * When there is data: the files' spans (their data's, first integration's start to last one's end) merged across
 * files into the stretches with data, and the gaps between them. Files that overlap or meet, or are apart by less
 * than the merge tolerance (the correlator's files follow each other within a fraction of an integration), are one
 * stretch. A row from before spans were recorded counts as the median span around its mid-time.
 */
public final class DataTimeline {

    /** Back-to-back DSA-110 files: the next starts within a second or so of the last one's end. */
    public static final Duration DEFAULT_MERGE = Duration.ofSeconds(30);

    private static final double DAY_S = 86400.0;

    /** A stretch of time, MJD (UTC). */
    public record Interval(double startMjd, Instant startTime, double endMjd, Instant endTime, double hours) {
        static Interval of(double startMjd, double endMjd) {
            return new Interval(
                    startMjd, Mjd.toInstant(startMjd), endMjd, Mjd.toInstant(endMjd), (endMjd - startMjd) * 24.0);
        }
    }

    /**
     * The timeline of a window.
     *
     * @param startMjd      the window's start: the one asked for, or the first data's
     * @param endMjd        the window's end: the one asked for, or the last data's
     * @param data          the stretches with data, in time order
     * @param gaps          the stretches without, in time order (before the first and after the last stretch
     *                      only when the window was given)
     * @param files         how many files
     * @param hoursWithData the stretches' hours, summed
     * @param hoursOfGaps   the gaps' hours, summed
     */
    public record Timeline(
            double startMjd,
            double endMjd,
            List<Interval> data,
            List<Interval> gaps,
            long files,
            double hoursWithData,
            double hoursOfGaps) {}

    private final double mergeDays;

    public DataTimeline(Duration merge) {
        if (merge.isNegative()) {
            throw new IllegalArgumentException("the merge tolerance cannot be negative: " + merge);
        }
        this.mergeDays = merge.toMillis() / 1000.0 / DAY_S;
    }

    /**
     * The timeline of {@code files} within [{@code windowStart}, {@code windowEnd}]; an infinite bound is the data's
     * own (no gap before the first or after the last file).
     */
    public Timeline of(List<ObservedFile> files, double windowStart, double windowEnd) {
        double fallback = ObservedFile.medianSpanDays(files);
        var spans = new ArrayList<double[]>();
        for (ObservedFile file : files) {
            double start = Math.max(file.startOr(fallback), windowStart);
            double end = Math.min(file.endOr(fallback), windowEnd);
            if (end > start) {
                spans.add(new double[] {start, end});
            }
        }
        spans.sort(Comparator.comparingDouble(s -> s[0]));
        var data = new ArrayList<Interval>();
        double[] open = null;
        for (double[] span : spans) {
            if (open != null && span[0] <= open[1] + mergeDays) {
                open[1] = Math.max(open[1], span[1]);
            } else {
                if (open != null) {
                    data.add(Interval.of(open[0], open[1]));
                }
                open = span.clone();
            }
        }
        if (open != null) {
            data.add(Interval.of(open[0], open[1]));
        }
        double start = Double.isInfinite(windowStart)
                ? (data.isEmpty() ? 0 : data.get(0).startMjd())
                : windowStart;
        double end = Double.isInfinite(windowEnd)
                ? (data.isEmpty() ? start : data.get(data.size() - 1).endMjd())
                : windowEnd;
        var gaps = new ArrayList<Interval>();
        double from = start;
        for (Interval stretch : data) {
            if (stretch.startMjd() > from) {
                gaps.add(Interval.of(from, stretch.startMjd()));
            }
            from = stretch.endMjd();
        }
        if (end > from) {
            gaps.add(Interval.of(from, end));
        }
        return new Timeline(
                start,
                end,
                List.copyOf(data),
                List.copyOf(gaps),
                files.size(),
                data.stream().mapToDouble(Interval::hours).sum(),
                gaps.stream().mapToDouble(Interval::hours).sum());
    }
}
