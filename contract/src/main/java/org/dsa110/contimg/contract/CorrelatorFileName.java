package org.dsa110.contimg.contract;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the DSA-110 correlator puts in a UVH5 file's name, {@code 2025-10-21T06:25:27_sb00.hdf5}: the UTC time of
 * the observation and the sub-band. The extractor checks a header against it; backfill chooses files by it.
 *
 * @param time    the UTC time in the name, or {@code null} when it is shaped like one but is none
 *                ({@code 2025-13-45T...})
 * @param subband the {@code _sbNN} index, or {@code null} when the name has none
 */
public record CorrelatorFileName(Instant time, Integer subband) {

    private static final Pattern TIMED =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(?:_sb(\\d{2}))?\\.hdf5$");

    /** The time and sub-band in a file name, or {@code null} when the name carries no time. */
    public static CorrelatorFileName parse(String fileName) {
        Matcher matcher = TIMED.matcher(fileName);
        if (!matcher.find()) {
            return null;
        }
        Integer subband = matcher.group(2) == null ? null : Integer.valueOf(matcher.group(2));
        try {
            return new CorrelatorFileName(LocalDateTime.parse(matcher.group(1)).toInstant(ZoneOffset.UTC), subband);
        } catch (DateTimeParseException e) {
            return new CorrelatorFileName(null, subband);
        }
    }
}
