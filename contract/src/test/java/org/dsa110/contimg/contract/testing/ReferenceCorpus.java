package org.dsa110.contimg.contract.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The UVH5 reference corpus: real files written by other software (pyuvdata's HERA, MWA, ATA and PAPER files),
 * the DSA-110 layout written by h5py, and broken files, with astropy's reference values ({@code expected.json}).
 * It lives outside the repository and is optional: tests that need it are annotated {@link RequiresCorpus} and are
 * skipped, saying why, where it is missing.
 *
 * <p>Where it is looked for, first match wins: the system property {@value #PROPERTY} (Maven passes
 * {@code -Dcontimg.uvh5.corpus=DIR} through to the tests; a relative DIR is taken from the project's root), the
 * environment variable {@value #ENVIRONMENT}, then {@code ../shared/uvh5} beside the project (the developers'
 * machines and CI). A directory named explicitly that holds no {@code expected.json} is an error, not a skip.
 */
public final class ReferenceCorpus {

    public static final String PROPERTY = "contimg.uvh5.corpus";
    public static final String ENVIRONMENT = "CONTIMG_UVH5_CORPUS";
    private static final String INDEX = "expected.json";

    private ReferenceCorpus() {}

    /** The corpus directory, if there is one. */
    public static Optional<Path> find() {
        String named = System.getProperty(PROPERTY);
        String source = "-D" + PROPERTY;
        if (named == null || named.isBlank()) {
            named = System.getenv(ENVIRONMENT);
            source = ENVIRONMENT;
        }
        if (named != null && !named.isBlank()) {
            Path dir = ProjectRoot.path().resolve(named).normalize();
            if (!Files.isRegularFile(dir.resolve(INDEX))) {
                throw new IllegalStateException(source + "=" + named + " names " + dir + ", which has no " + INDEX
                        + ": not the UVH5 reference corpus");
            }
            return Optional.of(dir);
        }
        Path beside = ProjectRoot.path().resolveSibling("shared").resolve("uvh5");
        return Files.isRegularFile(beside.resolve(INDEX)) ? Optional.of(beside) : Optional.empty();
    }

    /** Why the corpus tests are skipped here: one line, with how to point at it. */
    public static String missingReason() {
        return "UVH5 reference corpus not found (no -D" + PROPERTY + ", no " + ENVIRONMENT + ", no "
                + ProjectRoot.path().resolveSibling("shared").resolve("uvh5")
                + "): skipped; run with -D" + PROPERTY + "=DIR to include it";
    }

    /** The corpus directory; only for tests annotated {@link RequiresCorpus}, which run only where it exists. */
    public static Path root() {
        return find().orElseThrow(() -> new IllegalStateException(missingReason()));
    }

    /** The entries of {@code expected.json} whose file is under the given folder. */
    public static List<JsonNode> entries(String folder) {
        try {
            JsonNode all = new ObjectMapper().readTree(root().resolve(INDEX).toFile());
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
}
