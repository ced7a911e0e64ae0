package org.dsa110.contimg.events.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ../shared/uvh5} (from the project root): real and synthetic UVH5 files with reference values computed by
 * astropy ({@code expected.json}). Read in place, never copied into the repository.
 */
public final class ReferenceCorpus {

    private ReferenceCorpus() {
    }

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/uvh5");
            if (Files.isRegularFile(candidate.resolve("expected.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared/uvh5 not found above " + Path.of("").toAbsolutePath()
                + ": the reference corpus sits beside the project, on every developer machine and in CI");
    }

    /** The entries of {@code expected.json} whose file is under the given folder. */
    public static List<JsonNode> entries(String folder) {
        try {
            JsonNode all = new ObjectMapper().readTree(root().resolve("expected.json").toFile());
            List<JsonNode> selected = new ArrayList<>();
            all.forEach(entry -> {
                if (entry.get("file").asText().startsWith(folder + "/")) {
                    selected.add(entry);
                }
            });
            return selected;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Angle between two directions, arcseconds (Vincenty: well-conditioned at every separation). */
    public static double separationArcsec(double ra1Deg, double dec1Deg, double ra2Deg, double dec2Deg) {
        double ra1 = Math.toRadians(ra1Deg);
        double dec1 = Math.toRadians(dec1Deg);
        double ra2 = Math.toRadians(ra2Deg);
        double dec2 = Math.toRadians(dec2Deg);
        double dra = ra2 - ra1;
        double num1 = Math.cos(dec2) * Math.sin(dra);
        double num2 = Math.cos(dec1) * Math.sin(dec2) - Math.sin(dec1) * Math.cos(dec2) * Math.cos(dra);
        double den = Math.sin(dec1) * Math.sin(dec2) + Math.cos(dec1) * Math.cos(dec2) * Math.cos(dra);
        return Math.toDegrees(Math.atan2(Math.hypot(num1, num2), den)) * 3600.0;
    }

    /** Difference of two angles in degrees, wrapped to (-180, 180], in arcseconds. */
    public static double angleDiffArcsec(double aDeg, double bDeg) {
        double d = ((aDeg - bDeg) % 360.0 + 540.0) % 360.0 - 180.0;
        return d * 3600.0;
    }
}
