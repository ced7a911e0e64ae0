package org.dsa110.contimg.processors.calibration;

/**
 * Where the {@link CampaignWatcher} is in one telescope's history: the newest file seen and the campaign it belongs
 * to.
 *
 * @param startMjd the current campaign's start, MJD
 * @param endMjd   the end of its data so far, MJD
 * @param decDeg   the newest file's ICRS declination, degrees
 * @param lastMidMjd the newest file's mid-time, MJD: a file not after it is history and starts nothing
 */
public record CampaignState(double startMjd, double endMjd, double decDeg, double lastMidMjd) {}
