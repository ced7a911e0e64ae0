package org.dsa110.contimg.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A declination campaign began: the value of {@code contimg.campaigns} (compacted, kept for ever), keyed by
 * {@link #key()}, its telescope and start. Published once per campaign by the calibration application when a file
 * newer than any before it starts one by the history's rule (the declination moved by more than the jump threshold
 * from the file before, or the data stopped for more than the gap), so the calibration pipeline can schedule itself
 * on the campaign's calibrator without polling. Everything in it follows from the files, not from when it was
 * computed: a replay publishes the same record.
 *
 * @param schema         wire version of this record
 * @param telescope      the files' telescope ({@code DSA_110})
 * @param start          the campaign's start: its first file's first integration
 * @param startMjd       the same, MJD (UTC)
 * @param cause          why a campaign began here
 * @param firstFile      the file that began it
 * @param host           the host whose tree holds that file, or {@code null}
 * @param decDeg         the first file's ICRS declination, degrees
 * @param decAppDeg      its apparent declination, degrees: what the transits are reckoned at
 * @param haDeg          the hour angle the telescope is taken to hold (a drift scan's own; 0, the meridian, for a
 *                       pointing that tracks)
 * @param previousDecDeg the declination of the campaign before, or {@code null} for the first one seen
 * @param windowHours    how far ahead of the start the best calibrator was chosen from
 * @param best           the campaign's calibrator: of the catalog sources transiting inside the beam within the
 *                       window, the highest apparent flux (ties to the earliest); {@code null} when none does
 * @param nextTransits   that calibrator's first transits from the start, one a sidereal day (empty without one)
 * @param catalog        the catalog the calibrator came from
 */
public record CampaignEvent(
        int schema,
        String telescope,
        Instant start,
        double startMjd,
        Cause cause,
        String firstFile,
        String host,
        double decDeg,
        double decAppDeg,
        double haDeg,
        Double previousDecDeg,
        double windowHours,
        Calibrator best,
        List<Transit> nextTransits,
        String catalog) {

    public static final int SCHEMA = 1;

    public CampaignEvent {
        Objects.requireNonNull(start, "start");
        nextTransits = nextTransits == null ? List.of() : List.copyOf(nextTransits);
    }

    /** Why a campaign began. */
    public enum Cause {
        /** The first file the calibration application saw (its first start on a cluster). */
        @JsonProperty("first")
        FIRST,
        /** The declination moved by more than the jump threshold from the file before. */
        @JsonProperty("declination")
        DECLINATION,
        /** The data stopped for longer than the gap threshold, at any declination. */
        @JsonProperty("gap")
        GAP
    }

    /**
     * The calibrator chosen for the campaign.
     *
     * @param calibrator     the catalog's name
     * @param altName        another name ({@code 3C286}), or {@code null}
     * @param raDeg          ICRS right ascension, degrees
     * @param decDeg         ICRS declination, degrees
     * @param fluxJy         the catalog's 1.4 GHz flux density, Jy
     * @param offsetDeg      its offset at its first transit from the pointing, degrees
     * @param response       the primary beam's response there
     * @param apparentFluxJy flux times response, Jy: what it was chosen by
     */
    public record Calibrator(
            String calibrator,
            String altName,
            double raDeg,
            double decDeg,
            Double fluxJy,
            double offsetDeg,
            double response,
            Double apparentFluxJy) {}

    /**
     * One transit of the campaign's calibrator.
     *
     * @param transitMjd      when its apparent hour angle at the site is 0, MJD (UTC)
     * @param transitTime     the same instant
     * @param hoursFromStart  how long after the campaign's start
     * @param offsetDeg       its offset then from a telescope that stays at the campaign's pointing, degrees
     * @param response        the primary beam's response there
     */
    public record Transit(
            double transitMjd, Instant transitTime, double hoursFromStart, double offsetDeg, double response) {}

    /** {@code <telescope>@<start>}: one record per campaign, the same on every replay. */
    public String key() {
        return keyOf(telescope, start);
    }

    public static String keyOf(String telescope, Instant start) {
        return telescope + "@" + start;
    }
}
