package org.dsa110.contimg.processors.calibration;

import org.dsa110.contimg.contract.CalibratorTransit;

/**
 * One change to a calibrator's matches, from the {@link TransitFindProcessor} to the {@link BestFileMarker} through
 * the {@code matches-by-calibrator} repartition topic (keyed by calibrator, so one task sees all of a calibrator's
 * matches; never on a contract topic).
 *
 * @param key      the match's key on {@code contimg.calibrator-transits}
 * @param previous where the marker kept the match before ({@link TransitIndex}), or {@code null} for a new one
 * @param match    the match now, or {@code null} when the file no longer holds it (a retraction)
 */
public record MatchChange(String key, String previous, CalibratorTransit match) {}
