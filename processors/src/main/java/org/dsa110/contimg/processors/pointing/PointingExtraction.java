package org.dsa110.contimg.processors.pointing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dsa110.contimg.events.PointingObservation;

/**
 * One UVH5 file to one {@link PointingObservation}, or a one-line reason why not ({@link UvH5Header.UvH5Exception}).
 *
 * <p>Checked before any astrometry: that it is an HDF5 file at all, that its header yields a finite time and a
 * declination within [-90, 90], and that a file named for its time ({@code YYYY-MM-DDTHH:MM:SS_sbNN.hdf5})
 * agrees with its header within the tolerance (a writer that fell back to a default time otherwise records a
 * plausible-looking row for the wrong decade). The same file always yields an equal observation.
 */
public final class PointingExtraction {

    /** HDF5's signature; it may sit at 0, 512, 1024, 2048, ... (after a user block). */
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final Pattern NAMED_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(?:_sb(\\d{2}))?\\.hdf5$");
    private static final double SECONDS_PER_DAY = 86400.0;

    private final Duration nameTolerance;

    public PointingExtraction(Duration nameTolerance) {
        this.nameTolerance = nameTolerance;
    }

    public PointingObservation extract(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new UvH5Header.UvH5Exception("no such file");
        } catch (IOException e) {
            throw new UvH5Header.UvH5Exception("cannot read it: " + e.getMessage());
        }
        if (!attributes.isRegularFile()) {
            throw new UvH5Header.UvH5Exception("not a regular file");
        }
        if (attributes.size() == 0) {
            throw new UvH5Header.UvH5Exception("empty file");
        }
        requireSignature(file, attributes.size());

        UvH5Header header;
        try {
            header = UvH5Header.read(file);
        } catch (UvH5Header.UvH5Exception e) {
            throw e;
        } catch (RuntimeException e) {
            // jhdf's exceptions for a cut or damaged file: the writer may not have finished yet.
            throw new UvH5Header.UvH5Exception("unreadable HDF5 (truncated, or still being written): "
                    + oneLine(e));
        }
        if (header.phaseCenterDec() == null) {
            throw new UvH5Header.UvH5Exception("no Header/extra_keywords/phase_center_dec: only the DSA-110 "
                    + "layout is read so far");
        }
        double decDeg = Math.toDegrees(header.phaseCenterDec());
        if (!(decDeg >= -90.0 && decDeg <= 90.0)) {
            throw new UvH5Header.UvH5Exception(String.format("declination %.1f deg outside [-90, 90]", decDeg));
        }
        double midMjd = header.midMjd();
        Instant midTime = instantOf(midMjd);
        NamedTime named = namedTime(file);
        if (named != null && named.time() != null) {
            double days = Math.abs(Duration.between(named.time(), midTime).toMillis()) / 1000.0 / SECONDS_PER_DAY;
            if (days > nameTolerance.toMillis() / 1000.0 / SECONDS_PER_DAY) {
                throw new UvH5Header.UvH5Exception(String.format("header time %s disagrees with the file name time"
                        + " %s by %.0f days", midTime.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        named.time(), days));
            }
        }
        double ha = header.haPhaseCenter() == null ? 0.0 : header.haPhaseCenter();
        var pointing = Astrometry.fromHourAngle(midMjd, ha, header.phaseCenterDec(), header.site());
        var site = new PointingObservation.Site(header.site().latitudeDeg(), header.site().longitudeDeg(),
                header.site().altitudeM());
        return new PointingObservation(PointingObservation.SCHEMA, file.toAbsolutePath().normalize().toString(),
                attributes.size(), attributes.lastModifiedTime().toInstant(), midMjd, midTime,
                header.minJd() - Astrometry.MJD_ZERO, header.maxJd() - Astrometry.MJD_ZERO, pointing.raDeg(),
                pointing.decDeg(), pointing.raAppDeg(), pointing.decAppDeg(), pointing.haDeg(), pointing.lstAppDeg(),
                "dsa110-meridian", header.telescope(), site, header.ntimes(), header.integrationTime(),
                named == null ? null : named.subband(), null);
    }

    /**
     * Finds the HDF5 signature and checks the file is as long as its superblock says: a file cut short (or still
     * being written) otherwise opens and merely seems to lack datasets.
     */
    private static void requireSignature(Path file, long size) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes((int) Math.min(size, 2048 + 96));
        } catch (IOException e) {
            throw new UvH5Header.UvH5Exception("cannot read it: " + e.getMessage());
        }
        for (int offset = 0; offset + SIGNATURE.length <= head.length; offset = offset == 0 ? 512 : offset * 2) {
            if (Arrays.equals(head, offset, offset + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                long expected = endOfFile(head, offset);
                if (expected > size) {
                    throw new UvH5Header.UvH5Exception("truncated HDF5 file (" + size + " of " + expected
                            + " bytes; still being written?)");
                }
                return;
            }
        }
        throw new UvH5Header.UvH5Exception("not an HDF5 file");
    }

    /** The superblock's end-of-file address plus its base address, or -1 if the superblock is not understood. */
    private static long endOfFile(byte[] head, int at) {
        if (head.length < at + 13) {
            return -1;
        }
        int version = head[at + 8] & 0xff;
        int offsetSize;
        int fields;
        if (version == 0 || version == 1) {
            offsetSize = head[at + 13] & 0xff;
            fields = at + (version == 0 ? 24 : 28);
        } else if (version == 2 || version == 3) {
            offsetSize = head[at + 9] & 0xff;
            fields = at + 12;
        } else {
            return -1;
        }
        if (offsetSize < 1 || offsetSize > 8 || head.length < fields + 3 * offsetSize) {
            return -1;
        }
        long base = little(head, fields, offsetSize);
        long eof = little(head, fields + 2 * offsetSize, offsetSize);
        return base + eof;
    }

    private static long little(byte[] bytes, int from, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[from + i] & 0xff);
        }
        return value;
    }

    private record NamedTime(Instant time, Integer subband) {
    }

    private static NamedTime namedTime(Path file) {
        Matcher matcher = NAMED_TIME.matcher(file.getFileName().toString());
        if (!matcher.find()) {
            return null;
        }
        Integer subband = matcher.group(2) == null ? null : Integer.valueOf(matcher.group(2));
        try {
            return new NamedTime(LocalDateTime.parse(matcher.group(1)).toInstant(ZoneOffset.UTC), subband);
        } catch (DateTimeParseException e) {
            return new NamedTime(null, subband);
        }
    }

    /** MJD (UTC) to an instant, to the microsecond; leap seconds do not appear in MJD UTC day fractions. */
    static Instant instantOf(double mjd) {
        double days = mjd - 40587.0; // MJD of 1970-01-01
        long micros = Math.round(days * SECONDS_PER_DAY * 1e6);
        return Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }
}
