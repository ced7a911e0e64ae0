package org.dsa110.contimg.sink.write;

import org.dsa110.contimg.sink.store.PointingStore;

/**
 * What a {@link PointingSink} has done, at one moment, for its status and its tests.
 *
 * @param rowsWritten     observations written into {@code pointing_history}
 * @param transitsWritten calibrator transits written into {@code calibrator_transits}
 * @param deadLetters     records that could not be read, sent to {@code contimg.dlq}
 * @param conflicts       observations refused a row because another file holds their mid-time
 * @param lastConflict    the latest such refusal, {@code null} if none
 * @param lastError       why the database cannot be opened or written, while it cannot; {@code null} when all is well
 */
public record SinkCounters(
        long rowsWritten,
        long transitsWritten,
        long deadLetters,
        long conflicts,
        PointingStore.Conflict lastConflict,
        String lastError) {}
