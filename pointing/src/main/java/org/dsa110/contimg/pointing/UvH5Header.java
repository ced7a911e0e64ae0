package org.dsa110.contimg.pointing;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.json.Json;

/**
 * What a pointing needs from a UVH5 file's {@code Header} group, read with jhdf. Nothing under {@code Data/} is
 * ever touched. Numbers are read whatever their stored width (int32, int64, float32, float64 all occur).
 *
 * <p>Every layout of the reference corpus (README, "Pointing extraction"): the DSA-110 correlator's
 * ({@code extra_keywords/phase_center_dec} and {@code ha_phase_center}), pyuvdata's {@code phase_center_catalog}
 * as groups or as JSON strings (the entry most used in {@code phase_center_id_array}), old {@code phase_type "phased"} headers with scalar
 * {@code phase_center_ra/dec}, and drift scans. {@code time_array} is read whole (it is in the header and small
 * beside the data; its min and max give the mid-time whatever its order).
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
public record UvH5Header(
        double minJd,
        double maxJd,
        Integer ntimes,
        Astrometry.Site site,
        Double haPhaseCenter,
        Double phaseCenterDec,
        String telescope,
        Double integrationTime,
        String phaseType,
        PhaseCenter catalogCenter,
        PhaseCenter oldPhaseCenter) {

    /**
     * A phase centre: the catalog entry most used in {@code phase_center_id_array}, or the old scalar
     * {@code phase_center_ra/dec} of a {@code phase_type "phased"} header.
     *
     * @param name  its name, when given
     * @param type  {@code sidereal}, {@code near_field}, {@code unprojected}, {@code driftscan}; null for old headers
     * @param lon   longitude (RA or azimuth), radians
     * @param lat   latitude (Dec or altitude), radians
     * @param frame {@code icrs}, {@code fk5}, {@code gcrs}, {@code altaz}, ...; null when not given
     * @param epoch the frame's epoch (fk5), when given
     */
    public record PhaseCenter(String name, String type, Double lon, Double lat, String frame, Double epoch) {}

    /** The longest integration a span is widened by: anything longer is not a correlator's dump time. */
    static final double MAX_INTEGRATION_S = 3600.0;

    private static final double SECONDS_PER_DAY = 86400.0;

    /** Mid-time, MJD (UTC): the pointing's time in {@code pointing_history}. */
    public double midMjd() {
        // Subtract first: JD ~ 2.46e6 leaves 1e-10 d of resolution, MJD differences keep more.
        return ((minJd - Astrometry.MJD_ZERO) + (maxJd - Astrometry.MJD_ZERO)) / 2.0;
    }

    /**
     * The data's span, MJD (UTC): from the first integration's start to the last one's end, {@code time_array}'s
     * least and greatest centres widened by half an integration ({@code integration_time}'s first entry: a file's
     * integrations are of one length). A transit in the first or last half-integration is in the file, and
     * consecutive files' spans meet. Without a usable integration time (absent, not positive, over an hour) the
     * span is the centres'.
     *
     * @return {@code {start, end}}
     */
    public double[] spanMjd() {
        double half = integrationTime != null && integrationTime > 0 && integrationTime <= MAX_INTEGRATION_S
                ? integrationTime / 2.0 / SECONDS_PER_DAY
                : 0.0;
        return new double[] {minJd - Astrometry.MJD_ZERO - half, maxJd - Astrometry.MJD_ZERO + half};
    }

    /** Reads the header of {@code file}, opened without following a link; see {@link #read(ByteBuffer, Path)}. */
    public static UvH5Header read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return read(map(channel), file);
        } catch (IOException e) {
            throw UvH5Exception.notYetWritten("cannot read it: " + OneLine.of(e));
        }
    }

    /**
     * The file mapped into memory for {@link #read(ByteBuffer, Path)}: its first 2 GiB at most (a ByteBuffer's
     * limit; a UVH5 header is written before the data, and an address beyond is an error, not a read).
     */
    public static ByteBuffer map(FileChannel channel) throws IOException {
        return channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(channel.size(), Integer.MAX_VALUE));
    }

    /**
     * Reads the header from the file's bytes, mapped ({@link #map}). jhdf then reads every structure as a slice of
     * the mapping and allocates nothing for it: a structure whose size field claims gigabytes (one flipped byte in
     * an object header) is an error, where from a channel jhdf would allocate the claimed size first. A file cut
     * short under the mapping makes the JVM raise an {@code InternalError} at the next access ({@code SIGBUS});
     * it is caught here and said in one line: the file is not (completely) written, tried again later. Only a
     * {@link UvH5Exception} leaves this method.
     */
    public static UvH5Header read(ByteBuffer bytes, Path file) {
        try {
            return parse(bytes);
        } catch (UvH5Exception e) {
            throw e;
        } catch (RuntimeException e) {
            // jhdf's exceptions for a cut or damaged file (its own, or a buffer's underflow): the writer may not
            // have finished yet.
            throw UvH5Exception.notYetWritten("unreadable HDF5 (truncated, or still being written): " + OneLine.of(e));
        } catch (InternalError e) {
            throw UvH5Exception.notYetWritten("shrank while it was read (" + OneLine.of(e) + ")");
        }
    }

    private static UvH5Header parse(ByteBuffer bytes) {
        try (var hdf = HdfFile.fromByteBuffer(bytes)) {
            if (!(node(hdf, "Header") instanceof Group)) {
                throw UvH5Exception.notYetWritten("no Header group");
            }
            Dataset times = dataset(hdf, "Header/time_array")
                    .orElseThrow(() -> UvH5Exception.notYetWritten("no Header/time_array"));
            // Time-ordered layouts need only their ends: the DSA-110 correlator writes time-major, and pyuvdata
            // says so in blt_order. Anything else is read whole for its true min and max.
            boolean timeOrdered =
                    dataset(hdf, "Header/extra_keywords/phase_center_dec").isPresent()
                            || text(hdf, "Header/blt_order")
                                    .map(order -> order.startsWith("time"))
                                    .orElse(false);
            double[] range = timeOrdered ? ends(times) : minMax(times);
            Double latitude = number(hdf, "Header/latitude").orElse(null);
            Double longitude = number(hdf, "Header/longitude").orElse(null);
            Double altitude = number(hdf, "Header/altitude").orElse(null);
            Astrometry.Site site = latitude != null && longitude != null
                    ? new Astrometry.Site(latitude, longitude, altitude != null ? altitude : 0.0)
                    : Astrometry.Site.OVRO;
            Double integration = dataset(hdf, "Header/integration_time")
                    .map(UvH5Header::first)
                    .orElse(null);
            PhaseCenter old = number(hdf, "Header/phase_center_dec").isPresent()
                    ? new PhaseCenter(
                            text(hdf, "Header/object_name").orElse(null),
                            null,
                            number(hdf, "Header/phase_center_ra").orElse(null),
                            number(hdf, "Header/phase_center_dec").orElse(null),
                            text(hdf, "Header/phase_center_frame").orElse(null),
                            number(hdf, "Header/phase_center_epoch").orElse(null))
                    : null;
            return new UvH5Header(
                    range[0],
                    range[1],
                    number(hdf, "Header/Ntimes").map(Double::intValue).orElse(null),
                    site,
                    number(hdf, "Header/extra_keywords/ha_phase_center").orElse(null),
                    number(hdf, "Header/extra_keywords/phase_center_dec").orElse(null),
                    text(hdf, "Header/telescope_name").orElse(null),
                    integration,
                    text(hdf, "Header/phase_type").orElse(null),
                    catalogCenter(hdf),
                    old);
        }
    }

    /** The catalog entry most used in {@code phase_center_id_array}, from groups or from JSON strings. */
    private static PhaseCenter catalogCenter(HdfFile hdf) {
        if (!(node(hdf, "Header/phase_center_catalog") instanceof Group catalog)) {
            return null;
        }
        var entries = new LinkedHashMap<Long, PhaseCenter>();
        for (var child : catalog.getChildren().entrySet()) {
            if (child.getValue() instanceof Group group) {
                long id = parseId(child.getKey());
                entries.put(
                        id,
                        new PhaseCenter(
                                text(group, "cat_name"),
                                text(group, "cat_type"),
                                number(group, "cat_lon"),
                                number(group, "cat_lat"),
                                text(group, "cat_frame"),
                                number(group, "cat_epoch")));
            } else if (child.getValue() instanceof Dataset dataset) {
                // pyuvdata 2.2: one JSON string per entry, named for the source.
                try {
                    var json = Json.mapper().readTree(scalarText(dataset));
                    long id = json.path("cat_id").asLong(entries.size());
                    entries.put(
                            id,
                            new PhaseCenter(
                                    child.getKey(),
                                    json.path("cat_type").asText(null),
                                    json.hasNonNull("cat_lon")
                                            ? json.get("cat_lon").asDouble()
                                            : null,
                                    json.hasNonNull("cat_lat")
                                            ? json.get("cat_lat").asDouble()
                                            : null,
                                    json.path("cat_frame").asText(null),
                                    json.hasNonNull("cat_epoch")
                                            ? json.get("cat_epoch").asDouble()
                                            : null));
                } catch (IOException e) {
                    throw new UvH5Exception("phase_center_catalog/" + child.getKey() + " is not valid JSON");
                }
            }
        }
        if (entries.isEmpty()) {
            return null;
        }
        Long mostUsed = dataset(hdf, "Header/phase_center_id_array")
                .map(UvH5Header::mostCommon)
                .orElse(null);
        PhaseCenter chosen = mostUsed == null ? entries.values().iterator().next() : entries.get(mostUsed);
        if (chosen == null) {
            throw new UvH5Exception("phase_center_id_array uses id " + mostUsed + ", which the catalog lacks");
        }
        return chosen;
    }

    private static long parseId(String name) {
        try {
            return Long.parseLong(name.strip());
        } catch (NumberFormatException e) {
            throw new UvH5Exception("phase_center_catalog entry " + name + " is not named by an integer id");
        }
    }

    private static Long mostCommon(Dataset ids) {
        var counts = new HashMap<Long, Integer>();
        inBlocks(ids, "Header/phase_center_id_array", id -> counts.merge((long) id, 1, Integer::sum));
        return counts.entrySet().stream()
                .max(Map.Entry.<Long, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    private static Double number(Group group, String name) {
        if (!(group.getChildren().get(name) instanceof Dataset dataset)) {
            return null;
        }
        requireSmall(dataset, dataset.getPath());
        Object data = dataset.getData();
        Object value = data != null && data.getClass().isArray() ? Array.get(data, 0) : data;
        return value instanceof Number number ? number.doubleValue() : null;
    }

    private static String text(Group group, String name) {
        return group.getChildren().get(name) instanceof Dataset dataset ? scalarText(dataset) : null;
    }

    private static String scalarText(Dataset dataset) {
        requireSmall(dataset, dataset.getPath());
        Object data = dataset.getData();
        Object value = data != null && data.getClass().isArray() ? Array.get(data, 0) : data;
        return value == null ? null : String.valueOf(value).strip();
    }

    /**
     * The node at {@code path}, walked one name at a time, or {@code null} if it is not there. A soft or external
     * link on the way is refused, never followed: no UVH5 header needs one, and jhdf follows a cycle of them (a
     * link to itself, two to each other, an external link to its own file) until the stack overflows.
     */
    private static Node node(HdfFile hdf, String path) {
        try {
            Node current = hdf;
            String walked = "";
            for (String name : path.split("/")) {
                if (!(current instanceof Group group)) {
                    return null;
                }
                walked = walked.isEmpty() ? name : walked + "/" + name;
                Node child = group.getChildren().get(name);
                if (child == null) {
                    return null; // not there
                }
                if (child.isLink()) {
                    throw new UvH5Exception(
                            walked + " is a soft or external link, which a header never needs;" + " not followed");
                }
                current = child;
            }
            return current;
        } catch (UvH5Exception e) {
            throw e;
        } catch (RuntimeException e) {
            // There, but its object header cannot be parsed: damaged, or not flushed yet. Named, never taken for
            // absent (an absent longitude means the default site; a damaged one must not).
            throw UvH5Exception.notYetWritten(path + " cannot be read: " + OneLine.of(e));
        }
    }

    private static Optional<Dataset> dataset(HdfFile hdf, String path) {
        return node(hdf, path) instanceof Dataset dataset ? Optional.of(dataset) : Optional.empty();
    }

    /** A scalar number of any stored width, or a one-element array of one. */
    private static Optional<Double> number(HdfFile hdf, String path) {
        return dataset(hdf, path).map(dataset -> {
            requireSmall(dataset, path);
            Object data = data(dataset, path);
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
            requireSmall(dataset, path);
            Object data = data(dataset, path);
            Object value = data != null && data.getClass().isArray() ? Array.get(data, 0) : data;
            return String.valueOf(value).strip();
        });
    }

    /** A small dataset's values; one that is there but cannot be read is named. */
    private static Object data(Dataset dataset, String path) {
        try {
            return dataset.getData();
        } catch (RuntimeException e) {
            throw UvH5Exception.notYetWritten(path + " cannot be read: " + OneLine.of(e));
        }
    }

    /** A value that should be a scalar is read only if it is small: a malformed header cannot make us read MBs. */
    private static void requireSmall(Dataset dataset, String path) {
        if (dataset.getSize() > 64 || dataset.getSizeInBytes() > 1 << 16) {
            throw new UvH5Exception(path + " should be a single value but holds " + dataset.getSize() + " entries");
        }
    }

    /**
     * A numeric dataset's elements are at most 16 bytes wide: a damaged datatype claiming more would make even a
     * one-element read allocate it.
     */
    private static void requireNumeric(Dataset dataset, String name) {
        int width = dataset.getDataType().getSize();
        if (width < 1 || width > 16) {
            throw new UvH5Exception(name + " has elements of " + width + " bytes, not numbers");
        }
    }

    private static double first(Dataset dataset) {
        requireNumeric(dataset, dataset.getPath());
        Object data = dataset.getData(new long[dataset.getDimensions().length], ones(dataset));
        return ((Number) Array.get(flatten(data), 0)).doubleValue();
    }

    /** First and last entries of a time-ordered {@code time_array}: two reads, whatever its length. */
    private static double[] ends(Dataset times) {
        requireNumeric(times, "Header/time_array");
        if (times.getDimensions().length != 1 || times.getSize() == 0) {
            throw new UvH5Exception("Header/time_array is not a non-empty list");
        }
        long last = times.getSize() - 1;
        double first = ((Number) Array.get(times.getData(new long[] {0}, new int[] {1}), 0)).doubleValue();
        double end = ((Number) Array.get(times.getData(new long[] {last}, new int[] {1}), 0)).doubleValue();
        if (!Double.isFinite(first) || !Double.isFinite(end)) {
            throw new UvH5Exception("Header/time_array holds " + (Double.isFinite(first) ? end : first));
        }
        return new double[] {Math.min(first, end), Math.max(first, end)};
    }

    /**
     * More baseline-times than any real file has (DSA-110: 111,744; the largest arrays: a few million). A header
     * that declares more is malformed, and reading it could exhaust memory.
     */
    static final long MAX_BLTS = 100_000_000L;
    /** Entries read at a time from a per-baseline-time array: memory stays bounded whatever the file says. */
    static final int BLOCK = 1 << 18;

    /** Min and max of {@code time_array}, which need not be sorted (baseline-time order varies). */
    private static double[] minMax(Dataset times) {
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        inBlocks(times, "Header/time_array", t -> {
            if (!Double.isFinite(t)) {
                throw new UvH5Exception("Header/time_array holds " + t);
            }
            range[0] = Math.min(range[0], t);
            range[1] = Math.max(range[1], t);
        });
        return range;
    }

    /** Every entry of a one-dimensional numeric dataset, {@link #BLOCK} at a time. */
    static void inBlocks(Dataset dataset, String name, DoubleConsumer each) {
        inBlocks(dataset, name, BLOCK, each);
    }

    static void inBlocks(Dataset dataset, String name, int blockSize, DoubleConsumer each) {
        requireNumeric(dataset, name);
        if (dataset.getDimensions().length != 1 || dataset.getSize() == 0) {
            throw new UvH5Exception(name + " is not a non-empty list");
        }
        long size = dataset.getSize();
        if (size > MAX_BLTS) {
            throw new UvH5Exception(
                    name + " declares " + size + " entries, more than any UVH5 file holds (" + MAX_BLTS + ")");
        }
        for (long from = 0; from < size; from += blockSize) {
            int length = (int) Math.min(blockSize, size - from);
            Object block = dataset.getData(new long[] {from}, new int[] {length});
            for (int i = 0; i < length; i++) {
                each.accept(((Number) Array.get(block, i)).doubleValue());
            }
        }
    }

    private static int[] ones(Dataset dataset) {
        int[] shape = new int[dataset.getDimensions().length];
        Arrays.fill(shape, 1);
        return shape;
    }

    private static Object flatten(Object data) {
        Object current = data;
        while (current.getClass().isArray()
                && Array.getLength(current) > 0
                && Array.get(current, 0) != null
                && Array.get(current, 0).getClass().isArray()) {
            current = Array.get(current, 0);
        }
        return current;
    }

    /** A header that cannot yield a pointing; the message is the one-line reason. */
    /**
     * Why a file gives no pointing, with its kind: retries follow the kind, never the wording of the message.
     */
    public static final class UvH5Exception extends RuntimeException {

        /** What a failure means for the file. */
        public enum Kind {
            /** Not written yet, or not completely (empty, cut short, a header not complete): worth another try. */
            NOT_YET_WRITTEN,
            /** Wrong whatever the writer does next (not HDF5, a string declination): tried again only if it changes. */
            WRONG
        }

        /** Long enough for a path and a reason; a message naming a file's garbage is cut here. */
        static final int MAX_MESSAGE = 400;

        private final Kind kind;

        /** A file that is wrong. */
        public UvH5Exception(String message) {
            this(Kind.WRONG, message);
        }

        public UvH5Exception(Kind kind, String message) {
            // One printable line whatever a damaged file put into the values a message names.
            super(OneLine.printable(message, MAX_MESSAGE));
            this.kind = kind;
        }

        /** A file that is not (completely) written yet. */
        public static UvH5Exception notYetWritten(String message) {
            return new UvH5Exception(Kind.NOT_YET_WRITTEN, message);
        }

        public Kind kind() {
            return kind;
        }
    }
}
