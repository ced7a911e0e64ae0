package org.dsa110.contimg.pointing.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts the pointing history into declination campaigns: files in time order, a new campaign whenever the
 * declination moves by more than {@code jumpDeg} from one file to the next or the data stop for more than
 * {@code gapHours} (from one file's end to the next one's start).
 *
 * <p>Hours observed are the files' spans. A row written before spans were recorded counts as the median span of
 * the rows that have one (DSA-110 files are all about 5 minutes long), or nothing when none has.
 */
public final class DeclinationCampaigns {

    public static final double DEFAULT_JUMP_DEG = 0.1;
    public static final double DEFAULT_GAP_HOURS = 1.0;

    private final double jumpDeg;
    private final double gapDays;

    /** @throws IllegalArgumentException when a threshold is not positive */
    public DeclinationCampaigns(double jumpDeg, double gapHours) {
        if (!(jumpDeg > 0)) {
            throw new IllegalArgumentException("--jump-threshold-deg must be positive: " + jumpDeg);
        }
        if (!(gapHours > 0)) {
            throw new IllegalArgumentException("--gap-hours must be positive: " + gapHours);
        }
        this.jumpDeg = jumpDeg;
        this.gapDays = gapHours / 24.0;
    }

    /** The campaigns of these files (any order), in time order. */
    public List<Campaign> of(List<ObservedFile> files) {
        List<ObservedFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparingDouble(ObservedFile::midMjd));
        double fallbackSpan = ObservedFile.medianSpanDays(sorted);
        var campaigns = new ArrayList<Campaign>();
        Builder current = null;
        ObservedFile previous = null;
        for (ObservedFile file : sorted) {
            double start = file.startOr(fallbackSpan);
            double end = file.endOr(fallbackSpan);
            if (current == null || breakBefore(previous.decDeg(), current.end, file.decDeg(), start) != null) {
                if (current != null) {
                    campaigns.add(current.build());
                }
                current = new Builder(start);
            }
            current.add(end, end - start, file.decDeg());
            previous = file;
        }
        if (current != null) {
            campaigns.add(current.build());
        }
        return campaigns;
    }

    /** What ends a campaign. */
    public enum Break {
        /** The declination moved by more than the jump threshold from one file to the next. */
        DECLINATION,
        /** The data stopped for more than the gap threshold. */
        GAP
    }

    /**
     * The rule, one file at a time: whether a file starting at {@code nextStartMjd} at {@code nextDecDeg} begins a
     * new campaign after one whose last file was at {@code previousDecDeg} and whose data end at
     * {@code campaignEndMjd}, and why (a move in declination first); {@code null} when it continues it.
     */
    public Break breakBefore(double previousDecDeg, double campaignEndMjd, double nextDecDeg, double nextStartMjd) {
        if (Math.abs(nextDecDeg - previousDecDeg) > jumpDeg) {
            return Break.DECLINATION;
        }
        return nextStartMjd - campaignEndMjd > gapDays ? Break.GAP : null;
    }

    private static final class Builder {
        private final double start;
        private double end;
        private double days;
        private long files;
        private double decSum;
        private double decMin = Double.POSITIVE_INFINITY;
        private double decMax = Double.NEGATIVE_INFINITY;

        Builder(double start) {
            this.start = start;
            this.end = start;
        }

        void add(double fileEnd, double spanDays, double decDeg) {
            end = Math.max(end, fileEnd);
            days += spanDays;
            files++;
            decSum += decDeg;
            decMin = Math.min(decMin, decDeg);
            decMax = Math.max(decMax, decDeg);
        }

        Campaign build() {
            return new Campaign(start, end, days * 24.0, files, decSum / files, decMin, decMax);
        }
    }
}
