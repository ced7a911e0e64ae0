package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dsa110.contimg.events.testing.ReferenceCorpus;
import org.junit.jupiter.api.Test;

/** {@code contimg extract} on the reference corpus in ../shared/uvh5. */
class ExtractCommandTest {

    @Test
    void printsOneJsonObjectPerFileAndFailsIfAnyFileFailed() throws Exception {
        Path good = ReferenceCorpus.root().resolve("dsa110/2025-10-21T06:25:27_sb00.hdf5");
        Path bad = ReferenceCorpus.root().resolve("bad/2025-01-01T00:05:00_sb00.hdf5");
        var out = new StringWriter();
        int status = Contimg.commandLine().setOut(new PrintWriter(out, true))
                .execute("extract", good.toString(), bad.toString());

        String[] lines = out.toString().strip().split("\n");
        assertThat(status).isEqualTo(1);
        assertThat(lines).hasSize(2);
        JsonNode observation = new ObjectMapper().readTree(lines[0]);
        assertThat(observation.get("source_file").asText()).isEqualTo(good.toAbsolutePath().normalize().toString());
        assertThat(observation.get("kind").asText()).isEqualTo("dsa110-meridian");
        assertThat(observation.get("dec_deg").asDouble()).isBetween(-90.0, 90.0);
        JsonNode error = new ObjectMapper().readTree(lines[1]);
        assertThat(error.get("file").asText()).isEqualTo(bad.toString());
        assertThat(error.get("error").asText()).isEqualTo("empty file");
    }

    @Test
    void exitsZeroWhenEveryFileSucceeded() {
        int status = Contimg.commandLine().setOut(new PrintWriter(new StringWriter(), true))
                .execute("extract", "--format", "table", ReferenceCorpus.root().resolve("dsa110/2024-01-05T13:25:37_sb00.hdf5")
                        .toString());
        assertThat(status).isZero();
    }
}
