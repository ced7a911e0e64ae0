package org.dsa110.contimg.pointing.analysis;

import java.util.Arrays;
import java.util.List;
import org.dsa110.contimg.pointing.PointingExtractor;

/**
 * One row of the pointing history as the analyses read it.
 *
 * @param midMjd   the file's mid-time, MJD (UTC): the row's {@code timestamp}
 * @param startMjd its first integration, {@code null} in rows written before spans were recorded
 * @param endMjd   its last integration, likewise
 * @param raDeg    ICRS right ascension of the pointing centre at mid-time, degrees
 * @param decDeg   ICRS declination, degrees
 * @param kind     how the pointing was derived ({@code dsa110-meridian}, ...); {@code null} in old rows
 */
public record ObservedFile(double midMjd, Double startMjd, Double endMjd, double raDeg, double decDeg, String kind) {

    /** Whether the span is known. */
    public boolean hasSpan() {
        return startMjd != null && endMjd != null && endMjd >= startMjd;
    }

    /** Whether the file drifts in right ascension at the sidereal rate (it holds its hour angle). */
    public boolean drifts() {
        // Rows from the old monitor carry no kind; they were all DSA-110 meridian drift scans.
        return kind == null || PointingExtractor.holdsHourAngle(kind);
    }

    /**
     * The span a row without one is taken to have: the median span of the rows that have one (DSA-110 files are
     * all about 5 minutes long), or 0 when none has. Days.
     */
    static double medianSpanDays(List<ObservedFile> files) {
        double[] spans = files.stream()
                .filter(ObservedFile::hasSpan)
                .mapToDouble(f -> f.endMjd() - f.startMjd())
                .toArray();
        if (spans.length == 0) {
            return 0;
        }
        Arrays.sort(spans);
        return spans[spans.length / 2];
    }

    /** The first integration, or the mid-time less half of {@code fallbackSpanDays}. */
    double startOr(double fallbackSpanDays) {
        return hasSpan() ? startMjd : midMjd - fallbackSpanDays / 2;
    }

    /** The last integration, or the mid-time plus half of {@code fallbackSpanDays}. */
    double endOr(double fallbackSpanDays) {
        return hasSpan() ? endMjd : midMjd + fallbackSpanDays / 2;
    }
}
