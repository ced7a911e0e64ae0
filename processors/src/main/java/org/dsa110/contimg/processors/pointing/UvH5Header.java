package org.dsa110.contimg.processors.pointing;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a pointing needs from a UVH5 file's {@code Header} group, read with jhdf. Nothing under {@code Data/} is
 * ever touched. Numbers are read whatever their stored width (int32, int64, float32, float64 all occur).
 *
 * <p>So far: the DSA-110 correlator layout ({@code Header/extra_keywords/phase_center_dec} and
 * {@code ha_phase_center}, JD {@code time_array}, optional site). The pyuvdata layouts (phase-centre catalogs,
 * old {@code phase_type} headers) are still to come.
 *
 * @param minJd           earliest {@code time_array} entry, Julian Date (UTC)
 * @param maxJd           latest {@code time_array} entry, Julian Date (UTC)
 * @param ntimes          {@code Header/Ntimes}, when present
 * @param site            the site, from {@code latitude}/{@code longitude}/{@code altitude} or OVRO
 * @param haPhaseCenter   {@code extra_keywords/ha_phase_center}, radians, when present
 * @param phaseCenterDec  {@code extra_keywords/phase_center_dec}, radians, when present
 * @param telescope       {@code telescope_name}, when present
 * @param integrationTime first {@code integration_time} entry, seconds, when present
 */
public record UvH5Header(double minJd, double maxJd, Integer ntimes, Astrometry.Site site, Double haPhaseCenter,
                         Double phaseCenterDec, String telescope, Double integrationTime) {

    /** Mid-time, MJD (UTC): the pointing's time in {@code pointing_history}. */
    public double midMjd() {
        // Subtract first: JD ~ 2.46e6 leaves 1e-10 d of resolution, MJD differences keep more.
        return ((minJd - Astrometry.MJD_ZERO) + (maxJd - Astrometry.MJD_ZERO)) / 2.0;
    }

    public static UvH5Header read(Path file) {
        try (var hdf = new HdfFile(file)) {
            if (!(node(hdf, "Header") instanceof io.jhdf.api.Group)) {
                throw new UvH5Exception("no Header group");
            }
            Dataset times = dataset(hdf, "Header/time_array")
                    .orElseThrow(() -> new UvH5Exception("no Header/time_array"));
            double[] range = minMax(times);
            Double latitude = number(hdf, "Header/latitude").orElse(null);
            Double longitude = number(hdf, "Header/longitude").orElse(null);
            Double altitude = number(hdf, "Header/altitude").orElse(null);
            Astrometry.Site site = latitude != null && longitude != null
                    ? new Astrometry.Site(latitude, longitude, altitude != null ? altitude : 0.0)
                    : Astrometry.Site.OVRO;
            Double integration = dataset(hdf, "Header/integration_time").map(UvH5Header::first).orElse(null);
            return new UvH5Header(range[0], range[1],
                    number(hdf, "Header/Ntimes").map(Double::intValue).orElse(null), site,
                    number(hdf, "Header/extra_keywords/ha_phase_center").orElse(null),
                    number(hdf, "Header/extra_keywords/phase_center_dec").orElse(null),
                    text(hdf, "Header/telescope_name").orElse(null), integration);
        }
    }

    private static Node node(HdfFile hdf, String path) {
        try {
            return hdf.getByPath(path);
        } catch (RuntimeException e) {
            return null; // jhdf throws for a path that is not there
        }
    }

    private static Optional<Dataset> dataset(HdfFile hdf, String path) {
        return node(hdf, path) instanceof Dataset dataset ? Optional.of(dataset) : Optional.empty();
    }

    /** A scalar number of any stored width, or a one-element array of one. */
    private static Optional<Double> number(HdfFile hdf, String path) {
        return dataset(hdf, path).map(dataset -> {
            Object data = dataset.getData();
            Object value = data != null && data.getClass().isArray() ? Array.get(data, 0) : data;
            if (!(value instanceof Number number)) {
                throw new UvH5Exception(path.substring(path.lastIndexOf('/') + 1) + " is "
                        + (value instanceof String ? "a string" : "not a number"));
            }
            return number.doubleValue();
        });
    }

    private static Optional<String> text(HdfFile hdf, String path) {
        return dataset(hdf, path).map(dataset -> {
            Object data = dataset.getData();
            Object value = data != null && data.getClass().isArray() ? Array.get(data, 0) : data;
            return String.valueOf(value).strip();
        });
    }

    private static double first(Dataset dataset) {
        Object data = dataset.getData(new long[dataset.getDimensions().length], ones(dataset));
        return ((Number) Array.get(flatten(data), 0)).doubleValue();
    }

    /** Min and max of {@code time_array}, which need not be sorted (baseline-time order varies). */
    private static double[] minMax(Dataset times) {
        if (times.getDimensions().length != 1 || times.getSize() == 0) {
            throw new UvH5Exception("Header/time_array is not a non-empty list");
        }
        Object data = times.getDataFlat();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0, n = Array.getLength(data); i < n; i++) {
            double t = ((Number) Array.get(data, i)).doubleValue();
            if (!Double.isFinite(t)) {
                throw new UvH5Exception("Header/time_array holds " + t);
            }
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        return new double[]{min, max};
    }

    private static int[] ones(Dataset dataset) {
        int[] shape = new int[dataset.getDimensions().length];
        java.util.Arrays.fill(shape, 1);
        return shape;
    }

    private static Object flatten(Object data) {
        Object current = data;
        while (current.getClass().isArray() && Array.getLength(current) > 0
                && Array.get(current, 0) != null && Array.get(current, 0).getClass().isArray()) {
            current = Array.get(current, 0);
        }
        return current;
    }

    /** A header that cannot yield a pointing; the message is the one-line reason. */
    public static final class UvH5Exception extends RuntimeException {
        public UvH5Exception(String message) {
            super(message);
        }
    }
}
