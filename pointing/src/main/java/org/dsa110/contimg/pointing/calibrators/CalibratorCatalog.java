package org.dsa110.contimg.pointing.calibrators;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A calibrator catalog: by default the VLA calibrator list at 20 cm shipped with the project (1,034 sources; see
 * {@code vla-calibrators-20cm.csv}'s README beside it for the attribution), or a user's CSV ({@code --catalog FILE})
 * with at least {@code name}, {@code ra_deg}, {@code dec_deg} and {@code flux_jy} (or {@code flux_jy_1_4ghz}, the
 * shipped file's name) and, when it has one, {@code alt_name}; other columns are kept.
 *
 * <p>Sources are held sorted by declination, so the ones a drift-scan file can see (a strip of declination around its
 * pointing) are found by a binary search, not a scan of the catalog.
 */
public final class CalibratorCatalog {

    /** The catalog shipped with the project. */
    public static final String VLA_20CM = "vla-calibrators-20cm.csv";

    private static final Set<String> FLUX_COLUMNS = Set.of("flux_jy", "flux_jy_1_4ghz");

    private final String source;
    private final List<Calibrator> byDeclination;
    private final double[] declinations;

    private CalibratorCatalog(String source, List<Calibrator> calibrators) {
        this.source = source;
        this.byDeclination = calibrators.stream()
                .sorted(Comparator.comparingDouble(Calibrator::decDeg))
                .toList();
        this.declinations =
                byDeclination.stream().mapToDouble(Calibrator::decDeg).toArray();
    }

    /** The VLA calibrator list at 20 cm, from the jar. */
    public static CalibratorCatalog vla20cm() {
        try (InputStream in = CalibratorCatalog.class.getResourceAsStream(VLA_20CM)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks its calibrator catalog " + VLA_20CM);
            }
            return parse(VLA_20CM, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the shipped catalog " + VLA_20CM + ": " + e.getMessage(), e);
        }
    }

    /**
     * A user's catalog.
     *
     * @throws IllegalArgumentException in one line naming the file, the line and the field, when the file cannot be
     *     read, lacks a column, or has a value that is not a number or is out of range
     */
    public static CalibratorCatalog read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("catalog " + file + ": no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("catalog " + file + ": cannot read it: " + e.getMessage(), e);
        }
    }

    private static CalibratorCatalog parse(String source, Reader reader) throws IOException {
        var mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        var calibrators = new ArrayList<Calibrator>();
        try (MappingIterator<Map<String, String>> rows =
                mapper.readerForMapOf(String.class).with(schema).readValues(reader)) {
            String flux = null;
            int line = 1; // the header; one row per line after it (a catalog has no quoted line breaks)
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                line++;
                if (flux == null) {
                    flux = requireColumns(source, row.keySet());
                }
                calibrators.add(calibrator(source, line, row, flux));
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("catalog " + source + ": not a CSV table: " + e.getMessage(), e);
        }
        if (calibrators.isEmpty()) {
            throw new IllegalArgumentException("catalog " + source + ": no sources");
        }
        return new CalibratorCatalog(source, calibrators);
    }

    /** @return the flux column's name */
    private static String requireColumns(String source, Set<String> header) {
        for (String column : List.of("name", "ra_deg", "dec_deg")) {
            if (!header.contains(column)) {
                throw new IllegalArgumentException("catalog " + source + " line 1: no column " + column + " (it has "
                        + String.join(", ", header) + ")");
            }
        }
        return FLUX_COLUMNS.stream()
                .filter(header::contains)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "catalog " + source + " line 1: no column flux_jy (it has " + String.join(", ", header) + ")"));
    }

    private static Calibrator calibrator(String source, int line, Map<String, String> row, String flux) {
        String name = row.get("name") == null ? "" : row.get("name").strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("catalog " + source + " line " + line + ": field name: empty");
        }
        double ra = number(source, line, row, "ra_deg", 0, 360);
        double dec = number(source, line, row, "dec_deg", -90, 90);
        // The list has no 20 cm flux for a few sources ("nan"): unknown, not zero.
        String fluxText = row.get(flux) == null ? "" : row.get(flux).strip();
        Double jy = fluxText.isEmpty() || fluxText.equalsIgnoreCase("nan")
                ? null
                : number(source, line, row, flux, 0, Double.MAX_VALUE);
        if (ra == 360) {
            throw outOfRange(source, line, "ra_deg", row.get("ra_deg"), "[0, 360)");
        }
        String alt = row.get("alt_name");
        return new Calibrator(
                name, alt == null || alt.isBlank() ? null : alt.strip(), ra, dec, jy, new LinkedHashMap<>(row));
    }

    private static double number(
            String source, int line, Map<String, String> row, String field, double min, double max) {
        String text = row.get(field) == null ? "" : row.get(field).strip();
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "catalog " + source + " line " + line + ": field " + field + ": \"" + text + "\" is not a number");
        }
        if (!(value >= min && value <= max)) {
            throw outOfRange(source, line, field, text, "[" + fmt(min) + ", " + fmt(max) + "]");
        }
        return value;
    }

    private static IllegalArgumentException outOfRange(
            String source, int line, String field, String text, String range) {
        return new IllegalArgumentException(
                "catalog " + source + " line " + line + ": field " + field + ": " + text + " is outside " + range);
    }

    private static String fmt(double bound) {
        return bound == Double.MAX_VALUE
                ? "inf"
                : bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    /** Where the catalog came from: the shipped file's name or the user's path. */
    public String source() {
        return source;
    }

    /** Every source, by declination. */
    public List<Calibrator> all() {
        return byDeclination;
    }

    /** The sources with {@code minDeg <= dec <= maxDeg}, by declination: a binary search, then a slice. */
    public List<Calibrator> inDeclination(double minDeg, double maxDeg) {
        int from = lowerBound(minDeg);
        int to = from;
        while (to < declinations.length && declinations[to] <= maxDeg) {
            to++;
        }
        return byDeclination.subList(from, to);
    }

    /** The first source by name or other name (case-insensitive), or {@code null}. */
    public Calibrator named(String name) {
        for (Calibrator calibrator : byDeclination) {
            if (calibrator.name().equalsIgnoreCase(name)
                    || calibrator.altName() != null && calibrator.altName().equalsIgnoreCase(name)) {
                return calibrator;
            }
        }
        return null;
    }

    private int lowerBound(double dec) {
        int at = Arrays.binarySearch(declinations, dec);
        if (at < 0) {
            return -at - 1;
        }
        while (at > 0 && declinations[at - 1] == dec) {
            at--;
        }
        return at;
    }
}
