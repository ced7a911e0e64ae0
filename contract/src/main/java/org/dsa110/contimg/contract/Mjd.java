package org.dsa110.contimg.contract;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Modified Julian Dates (UTC), as {@code pointing_history.timestamp} and the records carry them, and instants.
 * Leap seconds do not appear in MJD UTC day fractions, as they do not in {@link Instant}.
 */
public final class Mjd {

    /** MJD of 1970-01-01T00:00:00Z. */
    private static final double UNIX_EPOCH = 40587.0;

    private static final double MICROS_PER_DAY = 86_400e6;

    private Mjd() {}

    /** The instant of an MJD, to the microsecond. */
    public static Instant toInstant(double mjd) {
        return Instant.EPOCH.plus(Math.round((mjd - UNIX_EPOCH) * MICROS_PER_DAY), ChronoUnit.MICROS);
    }

    /** The MJD of an instant. */
    public static double of(Instant instant) {
        return UNIX_EPOCH + ChronoUnit.MICROS.between(Instant.EPOCH, instant) / MICROS_PER_DAY;
    }
}
