package org.dsa110.contimg.contract.json;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The text of an instant in the dialect's one form, {@code 2026-12-01T20:00:00.123Z} (what {@link Instant#toString()}
 * writes: a four-digit year, UTC, the fraction in groups of three digits as needed), read and written without
 * {@link java.time.format.DateTimeFormatter}. Every record carries two to four instants, and the formatter took
 * about a microsecond for each, a tenth of what the pipeline spends on a moved log.
 *
 * <p>Only that form is handled here; {@link #parse} answers {@code null} for any other text (an offset, a
 * five-digit year, a leap second) and {@link #format} for a year outside 0 to 9999, so the caller can hand those to
 * the JDK, which stays the reference for everything else.
 */
public final class InstantText {

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private InstantText() {}

    /** The instant {@code text} names in the canonical form, or {@code null} if it is in any other form. */
    public static Instant parse(String text) {
        int length = text.length();
        if (length < 20
                || length > 30
                || length == 21
                || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.') {
                return null;
            }
            int fraction = length - 21; // the digits between '.' and 'Z': 1 to 9
            nanos = digits(text, 20, fraction);
            if (nanos < 0) {
                return null;
            }
            nanos *= POWERS[9 - fraction];
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // a day the month does not have: the JDK words the error
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** {@link Instant#toString()} of {@code instant}, or {@code null} for a year outside 0 to 9999. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        if (epochDay < -719_528 || epochDay > 2_932_896) { // 0000-01-01 and 9999-12-31
            return null;
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int nanos = instant.getNano();
        int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        byte[] out = new byte[20 + (fraction == 0 ? 0 : fraction + 1)];
        put(out, 0, date.getYear(), 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        if (fraction > 0) {
            out[19] = '.';
            put(out, 20, nanos / POWERS[9 - fraction], fraction);
        }
        out[out.length - 1] = 'Z';
        return new String(out, StandardCharsets.US_ASCII);
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static void put(byte[] out, int from, int value, int count) {
        for (int i = from + count - 1; i >= from; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
