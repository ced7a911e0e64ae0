package org.dsa110.contimg.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A calibrator's meridian transit inside a UVH5 file's span, within the primary beam: the value of
 * {@code contimg.calibrator-transits} (compacted, kept for ever; the {@code calibrator_transits} table is rebuilt from
 * it), keyed by {@link #key()}: one match per calibrator and file. What the calibration pipeline waits for:
 * "calibrator X transited in file F".
 *
 * @param schema         wire version of this record
 * @param calibrator     the catalog's name (J2000, e.g. {@code J1331+305})
 * @param altName        another name ({@code 3C286}), or {@code null}
 * @param transitMjd     when the source's apparent hour angle at the site is 0, MJD (UTC)
 * @param transitTime    the same instant
 * @param sourceFile     the UVH5 file whose span holds the transit
 * @param raDeg          the source's ICRS right ascension, degrees
 * @param decDeg         the source's ICRS declination, degrees
 * @param offsetDeg      the angle between the source at transit and the pointing centre, degrees
 * @param response       the primary beam's response at that offset, 1 on axis
 * @param fluxJy         the catalog's 1.4 GHz flux density, Jy, or {@code null} when it has none
 * @param apparentFluxJy the flux times the response, Jy, or {@code null}
 * @param catalog        the catalog the source came from (the shipped file's name or the user's path)
 * @param best           whether this file is the transit's best ({@link #outranks}): the highest response among
 *                       the files that hold it (ties to the first file by name), so a reader can take one per transit
 *                       without grouping. On the topic, the calibration application re-publishes a match whose mark
 *                       changes when another file of its transit comes or goes; the {@code calibrator_transits}
 *                       table marks its rows by the same rule. {@code null} in records written before the topic was
 *                       marked.
 */
public record CalibratorTransit(
        int schema,
        String calibrator,
        String altName,
        double transitMjd,
        Instant transitTime,
        String sourceFile,
        double raDeg,
        double decDeg,
        double offsetDeg,
        double response,
        Double fluxJy,
        Double apparentFluxJy,
        String catalog,
        Boolean best) {

    public static final int SCHEMA = 1;

    /**
     * Two matches of one calibrator are of the same transit when their transit times are within this many days: a
     * source transits once a sidereal day, and every file holding one transit computes it to within milliseconds.
     */
    public static final double SAME_TRANSIT_DAYS = 0.1;

    public CalibratorTransit {
        Objects.requireNonNull(calibrator, "calibrator");
        Objects.requireNonNull(sourceFile, "source_file");
    }

    /** This match, marked best of its transit or not ({@code null}: unmarked). */
    public CalibratorTransit withBest(Boolean isBest) {
        return new CalibratorTransit(
                schema,
                calibrator,
                altName,
                transitMjd,
                transitTime,
                sourceFile,
                raDeg,
                decDeg,
                offsetDeg,
                response,
                fluxJy,
                apparentFluxJy,
                catalog,
                isBest);
    }

    /** Whether {@code other} is a match of the same calibrator's same transit ({@link #SAME_TRANSIT_DAYS}). */
    public boolean sameTransitAs(CalibratorTransit other) {
        return calibrator.equals(other.calibrator) && Math.abs(transitMjd - other.transitMjd) <= SAME_TRANSIT_DAYS;
    }

    /**
     * Whether this match ranks above {@code other} for the best file of their transit: a higher response, or the same
     * response and a file first by name (its UTF-8 bytes, SQLite's order), or the same file and a key first. The one
     * rule of "best": a match is its transit's best when no match of the same transit outranks it.
     */
    public boolean outranks(CalibratorTransit other) {
        if (response != other.response) {
            return response > other.response;
        }
        int byFile = utf8Order(sourceFile, other.sourceFile);
        return byFile != 0 ? byFile < 0 : utf8Order(key(), other.key()) < 0;
    }

    private static int utf8Order(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code <calibrator>@<source file>}: one record per calibrator and file that holds its transit (a calibrator
     * transits once a sidereal day, a file spans minutes), so two files holding the same transit (one written
     * twice, a re-observation, files at a boundary) are two matches, and a replay or a re-extraction of a file
     * writes its own key again. (Before, the key was {@code <calibrator>@<transit second>}: one match per transit,
     * the last file processed overwriting the others; see {@link #isTransitKey}.)
     */
    public String key() {
        return keyOf(calibrator, sourceFile);
    }

    /** The key of {@code calibrator}'s match in {@code sourceFile}. */
    public static String keyOf(String calibrator, String sourceFile) {
        return calibrator + "@" + sourceFile;
    }

    /**
     * Whether {@code key} is one of the keys written before matches were per file, {@code <calibrator>@<ISO
     * instant>}: a file's key has an absolute path, {@code /...}, after the first {@code @}.
     */
    public static boolean isTransitKey(String key) {
        int at = key.indexOf('@');
        return at >= 0 && at + 1 < key.length() && key.charAt(at + 1) != '/';
    }
}
