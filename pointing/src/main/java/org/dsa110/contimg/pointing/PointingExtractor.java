package org.dsa110.contimg.pointing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import org.dsa110.contimg.contract.CorrelatorFileName;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.contract.PointingObservation;

/**
 * One UVH5 file to one {@link PointingObservation}, or a one-line reason why not ({@link UvH5Header.UvH5Exception}).
 *
 * <p>Checked before any astrometry: that it is an HDF5 file at all, that its header yields a finite time and a
 * declination within [-90, 90], and that a file named for its time ({@code YYYY-MM-DDTHH:MM:SS_sbNN.hdf5})
 * agrees with its header within the tolerance (a writer that fell back to a default time otherwise records a
 * plausible-looking row for the wrong decade). The same file always yields an equal observation.
 */
public final class PointingExtractor {

    /** The path's attributes, not following a link; a missing file is "not yet written". */
    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw UvH5Header.UvH5Exception.notYetWritten("no such file");
        } catch (IOException e) {
            throw new UvH5Header.UvH5Exception("cannot read it: " + e.getMessage());
        }
    }

    /** HDF5's signature; it may sit at 0, 512, 1024, 2048, ... (after a user block). */
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private static final double SECONDS_PER_DAY = 86400.0;

    private final Duration nameTolerance;

    public PointingExtractor(Duration nameTolerance) {
        this.nameTolerance = nameTolerance;
    }

    /**
     * The file's pointing, or a {@link UvH5Header.UvH5Exception} saying why not.
     *
     * <p>The file is opened once, without following a link ({@code O_NOFOLLOW}), and read through that one
     * descriptor. Java cannot {@code fstat} a channel's descriptor for its type, so the path's identity (device and
     * inode, without following) is taken before and after the open: a regular file both times with the same
     * identity is the file that was opened; anything swapped in between (a FIFO, a device, a link, another file) is
     * "not yet readable" and read again later. The open itself can still block (a FIFO swapped in at that instant,
     * a hung network mount): callers on a thread that must not block bound it (the processors' {@code BoundedReads}).
     */
    public PointingObservation extract(Path file) {
        BasicFileAttributes attributes = attributes(file);
        if (!attributes.isRegularFile()) {
            throw new UvH5Header.UvH5Exception("not a regular file");
        }
        if (attributes.size() == 0) {
            throw UvH5Header.UvH5Exception.notYetWritten("empty file");
        }
        UvH5Header header;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            BasicFileAttributes opened = attributes(file);
            if (!opened.isRegularFile() || !Objects.equals(opened.fileKey(), attributes.fileKey())) {
                throw UvH5Header.UvH5Exception.notYetWritten("replaced while it was opened");
            }
            requireSignature(channel, channel.size()); // the size by fstat of the open descriptor
            header = UvH5Header.read(UvH5Header.map(channel), file);
        } catch (NoSuchFileException e) {
            throw UvH5Header.UvH5Exception.notYetWritten("no such file");
        } catch (IOException e) {
            if (Files.isSymbolicLink(file)) { // ELOOP: the name became a link after it was checked
                throw new UvH5Header.UvH5Exception("is a symbolic link: never followed");
            }
            throw new UvH5Header.UvH5Exception("cannot read it: " + e.getMessage());
        }
        requireTime(header);
        double midMjd = header.midMjd();
        Instant midTime = Mjd.toInstant(midMjd);
        CorrelatorFileName named = CorrelatorFileName.parse(file.getFileName().toString());
        if (named != null && named.time() != null) {
            double days = Math.abs(Duration.between(named.time(), midTime).toMillis()) / 1000.0 / SECONDS_PER_DAY;
            if (days > nameTolerance.toMillis() / 1000.0 / SECONDS_PER_DAY) {
                throw new UvH5Header.UvH5Exception(String.format(
                        "header time %s disagrees with the file name time" + " %s by %.0f days",
                        midTime.truncatedTo(ChronoUnit.SECONDS), named.time(), days));
            }
        }
        Located located = locate(header, midMjd);
        double[] span = header.spanMjd();
        var pointing = located.pointing();
        var site = new PointingObservation.Site(
                header.site().latitudeDeg(),
                header.site().longitudeDeg(),
                header.site().altitudeM());
        return new PointingObservation(
                PointingObservation.SCHEMA,
                file.toAbsolutePath().normalize().toString(),
                attributes.size(),
                attributes.lastModifiedTime().toInstant(),
                midMjd,
                midTime,
                span[0],
                span[1],
                pointing.raDeg(),
                pointing.decDeg(),
                pointing.raAppDeg(),
                pointing.decAppDeg(),
                pointing.haDeg(),
                pointing.lstAppDeg(),
                located.kind(),
                header.telescope(),
                site,
                header.ntimes(),
                header.integrationTime(),
                named == null ? null : named.subband(),
                located.name(),
                null);
    }

    private record Located(String kind, Astrometry.Pointing pointing, String name) {}

    /**
     * The pointing by the header's layout, in this order: DSA-110 keywords, then the phase-centre catalog,
     * then an old "phased" header, else a drift scan (the zenith).
     */
    /**
     * Whether a file of this {@code kind} (as {@link #locate} names them) holds its hour angle through its span: a
     * meridian or zenith drift scan, or a phase centre fixed in azimuth and altitude; the others track a sky position,
     * their hour angle growing at the sidereal rate.
     */
    public static boolean holdsHourAngle(String kind) {
        return switch (kind == null ? "" : kind) {
            case "dsa110-meridian", "drift-zenith", "catalog-unprojected", "catalog-driftscan" -> true;
            default -> false;
        };
    }

    private static Located locate(UvH5Header header, double midMjd) {
        if (header.phaseCenterDec() != null) {
            requireDeclination(header.phaseCenterDec());
            double ha = header.haPhaseCenter() == null ? 0.0 : header.haPhaseCenter();
            return new Located(
                    "dsa110-meridian",
                    Astrometry.fromHourAngle(midMjd, ha, header.phaseCenterDec(), header.site()),
                    null);
        }
        UvH5Header.PhaseCenter center = header.catalogCenter();
        if (center != null) {
            String type = center.type() == null ? "sidereal" : center.type();
            String kind = "catalog-" + type;
            switch (type) {
                case "unprojected":
                    return new Located(kind, Astrometry.zenith(midMjd, header.site()), center.name());
                case "driftscan":
                    requireLonLat(center);
                    return new Located(
                            kind,
                            Astrometry.fromAzimuthAltitude(midMjd, center.lon(), center.lat(), header.site()),
                            center.name());
                case "sidereal":
                case "near_field":
                    return new Located(kind, fromFrame(center, midMjd, header.site(), "icrs"), center.name());
                default:
                    throw new UvH5Header.UvH5Exception("phase centre type " + type + " is not supported");
            }
        }
        if ("phased".equalsIgnoreCase(header.phaseType()) && header.oldPhaseCenter() != null) {
            return new Located(
                    "phased",
                    fromFrame(header.oldPhaseCenter(), midMjd, header.site(), "fk5"),
                    header.oldPhaseCenter().name());
        }
        return new Located("drift-zenith", Astrometry.zenith(midMjd, header.site()), null);
    }

    /** A catalog (lon, lat) in its frame to the full pointing via ICRS. */
    private static Astrometry.Pointing fromFrame(
            UvH5Header.PhaseCenter center, double midMjd, Astrometry.Site site, String defaultFrame) {
        requireLonLat(center);
        requireDeclination(center.lat());
        String frame = center.frame() == null ? defaultFrame : center.frame().toLowerCase();
        double[] icrs;
        switch (frame) {
            case "icrs":
                icrs = new double[] {center.lon(), center.lat()};
                break;
            case "gcrs":
                icrs = Astrometry.gcrsToIcrs(midMjd, center.lon(), center.lat());
                break;
            case "fk5":
                if (center.epoch() != null && Math.abs(center.epoch() - 2000.0) > 1e-6) {
                    throw new UvH5Header.UvH5Exception(
                            "fk5 with epoch " + center.epoch() + " is not supported yet " + "(only J2000)");
                }
                icrs = Astrometry.fk5ToIcrs(center.lon(), center.lat());
                break;
            default:
                throw new UvH5Header.UvH5Exception("phase centre frame " + frame + " is not supported");
        }
        return Astrometry.fromIcrs(midMjd, icrs[0], icrs[1], site);
    }

    private static void requireLonLat(UvH5Header.PhaseCenter center) {
        if (center.lon() == null
                || center.lat() == null
                || !Double.isFinite(center.lon())
                || !Double.isFinite(center.lat())) {
            throw new UvH5Header.UvH5Exception("phase centre has no finite longitude and latitude");
        }
    }

    /** 1960-01-01, where UTC (as the SOFA routines keep it) begins. */
    private static final double FIRST_MJD = 36934.0;
    /** 2200-01-01: a later time is a damaged header, not an observation. */
    private static final double LAST_MJD = 124593.0;

    private static void requireTime(UvH5Header header) {
        double first = header.minJd() - Astrometry.MJD_ZERO;
        double last = header.maxJd() - Astrometry.MJD_ZERO;
        if (!(first >= FIRST_MJD && last <= LAST_MJD)) {
            throw new UvH5Header.UvH5Exception(String.format(
                    "Header/time_array spans MJD %.6g to %.6g, outside 1960-2200: not an observation's time",
                    first, last));
        }
    }

    private static void requireDeclination(double decRad) {
        double decDeg = Math.toDegrees(decRad);
        if (!(decDeg >= -90.0 && decDeg <= 90.0)) {
            throw new UvH5Header.UvH5Exception(String.format("declination %.1f deg outside [-90, 90]", decDeg));
        }
    }

    /**
     * Finds the HDF5 signature and checks the file is as long as its superblock says: a file cut short (or still
     * being written) otherwise opens and merely seems to lack datasets.
     */
    private static void requireSignature(FileChannel channel, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, 2048 + 96));
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // read until the buffer is full or the file ends
        }
        byte[] head = Arrays.copyOf(buffer.array(), buffer.position());
        for (int offset = 0; offset + SIGNATURE.length <= head.length; offset = offset == 0 ? 512 : offset * 2) {
            if (Arrays.equals(head, offset, offset + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                long expected = endOfFile(head, offset);
                if (expected > size) {
                    throw UvH5Header.UvH5Exception.notYetWritten(
                            "truncated HDF5 file (" + size + " of " + expected + " bytes; still being written?)");
                }
                return;
            }
        }
        throw new UvH5Header.UvH5Exception("not an HDF5 file");
    }

    /** The superblock's end-of-file address plus its base address, or -1 if the superblock is not understood. */
    private static long endOfFile(byte[] head, int at) {
        if (head.length < at + 14) { // through byte 13, the size of offsets of a version 0 or 1 superblock
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
}
