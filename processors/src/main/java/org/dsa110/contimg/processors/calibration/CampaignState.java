package org.dsa110.contimg.processors.calibration;

/**
 * Where the {@link CampaignWatcher} is in one telescope's history: the newest file seen and where the data of its
 * campaign end, what the next file is weighed against.
 *
 * @param endMjd   the end of the current campaign's data so far, MJD
 * @param decDeg   the newest file's ICRS declination, degrees
 * @param lastMidMjd the newest file's mid-time, MJD: a file not after it is history and starts nothing
 */
public record CampaignState(double endMjd, double decDeg, double lastMidMjd) {}
