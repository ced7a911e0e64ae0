package org.dsa110.contimg.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.pointing.PointingExtractor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code contimg extract FILE...}: the pointing of UVH5 files, without Kafka. */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        description = {
            "Read the pointing of each UVH5 file from its header: one JSON object per line per file "
                    + "(the observation, or {\"file\": ..., \"error\": ...}); exit status 0 when all succeeded.",
            "Reads the DSA-110 correlator layout, pyuvdata phase-centre catalogs (groups or JSON), old "
                    + "\"phased\" headers and drift scans; never reads Data/."
        })
public final class ExtractCommand implements Callable<Integer> {

    enum Format {
        json,
        table
    }

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "UVH5 files.")
    List<Path> files;

    @Option(names = "--format", defaultValue = "json", description = "json (default) or table.")
    Format format;

    @Option(
            names = "--name-tolerance-days",
            defaultValue = "1",
            description = "How far a header time may be from the time in the file name (default ${DEFAULT-VALUE}).")
    double toleranceDays;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        var extraction = new PointingExtractor(Duration.ofSeconds(Math.round(toleranceDays * 86400)));
        if (format == Format.table) {
            out.printf("%-44s %-18s %11s %11s  %s%n", "file", "mid MJD", "RA (deg)", "Dec (deg)", "UTC / error");
        }
        boolean allGood = true;
        for (Path file : files) {
            try {
                PointingObservation observation = extraction.extract(file);
                if (format == Format.table) {
                    out.printf(
                            "%-44s %-18.10f %11.6f %11.6f  %s%n",
                            file.getFileName(),
                            observation.midMjd(),
                            observation.raDeg(),
                            observation.decDeg(),
                            observation.timeUtc());
                } else {
                    out.println(Json.mapper().writeValueAsString(observation));
                }
            } catch (RuntimeException e) {
                allGood = false;
                String reason = OneLine.of(e);
                if (format == Format.table) {
                    out.printf("%-44s %s%n", file.getFileName(), "error: " + reason);
                } else {
                    ObjectNode error = Json.mapper().createObjectNode();
                    error.put("file", file.toString());
                    error.put("error", reason);
                    out.println(Json.mapper().writeValueAsString(error));
                }
            }
        }
        out.flush();
        return allGood ? 0 : 1;
    }
}
