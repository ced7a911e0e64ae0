package org.dsa110.contimg.contract;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the telescope pointed during one UVH5 file: the value of {@code contimg.pointing} (compacted, kept
 * forever), keyed by {@link #sourceFile()}. The pointing database can be rebuilt from this topic alone.
 *
 * <p>Extracting the same file twice yields an equal record; nothing here depends on when it was extracted
 * (the Kafka record timestamp says that), so replays and compaction stay byte-stable.
 *
 * @param schema           wire version of this record
 * @param sourceFile       absolute path of the UVH5 file
 * @param fileSizeBytes    size of the file when read
 * @param fileMtime        modification time of the file when read
 * @param midMjd           observation mid-time, MJD (UTC): (min + max of {@code time_array}) / 2 - 2400000.5
 * @param timeUtc          the same mid-time as an ISO-8601 UTC instant
 * @param startMjd         start of the data, MJD (UTC): the first integration's start (its centre in
 *                         {@code time_array} less half of {@code integration_time}); in records written before
 *                         spans were the data's, the first centre
 * @param endMjd           end of the data, MJD (UTC): the last integration's end; likewise
 * @param raDeg            pointing right ascension, ICRS, degrees in [0, 360)
 * @param decDeg           pointing declination, ICRS, degrees
 * @param raAppDeg         apparent (of-date) right ascension, degrees
 * @param decAppDeg        apparent (of-date) declination, degrees
 * @param haDeg            apparent hour angle at the site, degrees
 * @param lstAppDeg        local apparent sidereal time at mid-time, degrees
 * @param kind             how the pointing was derived (e.g. {@code dsa110-meridian}, {@code catalog-sidereal})
 * @param telescope        telescope name from the header
 * @param site             observatory position used for the astrometry
 * @param ntimes           number of distinct integration times
 * @param integrationTimeS integration time of one sample, seconds
 * @param subband          sub-band index from the file name ({@code _sbNN}), {@code null} when the name has none
 * @param phaseCenterName  name of the phase centre used, when the header names one
 * @param host             id of the host whose tree holds the file ({@code --host-id}); {@code null} in records
 *                         written before there were several hosts, and from the one-shot {@code contimg extract}
 */
public record PointingObservation(
        int schema,
        String sourceFile,
        Long fileSizeBytes,
        Instant fileMtime,
        double midMjd,
        Instant timeUtc,
        Double startMjd,
        Double endMjd,
        double raDeg,
        double decDeg,
        Double raAppDeg,
        Double decAppDeg,
        Double haDeg,
        Double lstAppDeg,
        String kind,
        String telescope,
        Site site,
        Integer ntimes,
        Double integrationTimeS,
        Integer subband,
        String phaseCenterName,
        String host) {

    public static final int SCHEMA = 1;

    public PointingObservation {
        Objects.requireNonNull(sourceFile, "source_file");
    }

    /** The same observation of a file on {@code host}'s tree. */
    public PointingObservation withHost(String host) {
        return new PointingObservation(
                schema,
                sourceFile,
                fileSizeBytes,
                fileMtime,
                midMjd,
                timeUtc,
                startMjd,
                endMjd,
                raDeg,
                decDeg,
                raAppDeg,
                decAppDeg,
                haDeg,
                lstAppDeg,
                kind,
                telescope,
                site,
                ntimes,
                integrationTimeS,
                subband,
                phaseCenterName,
                host);
    }

    /**
     * Geodetic position of the observatory.
     *
     * @param latitudeDeg  geodetic latitude, degrees
     * @param longitudeDeg east longitude, degrees
     * @param altitudeM    height above the WGS84 ellipsoid, metres
     */
    public record Site(double latitudeDeg, double longitudeDeg, double altitudeM) {}
}
