package org.dsa110.contimg.pointing.analysis;

/**
 * A stretch of the history at one declination ({@link DeclinationCampaigns}).
 *
 * @param startMjd      the first file's first integration (its mid-time when it has no span), MJD
 * @param endMjd        the last file's last integration, likewise
 * @param hoursObserved the files' spans summed, hours
 * @param files         how many files
 * @param meanDecDeg    the files' mean ICRS declination, degrees
 * @param minDecDeg     the lowest, degrees
 * @param maxDecDeg     the highest, degrees
 */
public record Campaign(
        double startMjd,
        double endMjd,
        double hoursObserved,
        long files,
        double meanDecDeg,
        double minDecDeg,
        double maxDecDeg) {}
