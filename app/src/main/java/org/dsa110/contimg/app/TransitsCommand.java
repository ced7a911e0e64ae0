package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.app.cli.UtcTime;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.sink.TransitHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code contimg transits}: the calibrator transits the files held, from the products database. */
@Command(
        name = "transits",
        mixinStandardHelpOptions = true,
        description = {
            "List the calibrator transits recorded in calibrator_transits (--products-db), in time order: "
                    + "calibrator, transit time (UTC and MJD), file, offset from the pointing centre, beam response, "
                    + "catalog and apparent flux. A table for people, JSON lines with --json."
        })
public final class TransitsCommand implements Callable<Integer> {

    @Mixin
    PathOptions paths;

    @Option(names = "--name", paramLabel = "NAME", description = "Only this source (J1331+305 or 3C286; any case).")
    String name;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            converter = UtcTime.class,
            description = "Transits from this UTC time (2025-11-04 or 2025-11-04T10:15:00).")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = UtcTime.class, description = "Transits before this.")
    Instant until;

    @Option(
            names = "--min-response",
            paramLabel = "R",
            defaultValue = "0",
            description = "Only transits with at least this beam response (default: all recorded).")
    double minResponse;

    @Option(names = "--limit", defaultValue = "100000", description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON object per line instead of the table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        double start = since == null ? 0 : Mjd.of(since);
        double end = until == null ? Double.MAX_VALUE : Mjd.of(until);
        List<CalibratorTransit> rows =
                new TransitHistory(paths.resolve().productsDb()).between(start, end, name, minResponse, limit);
        if (!json) {
            out.printf(
                    "%-22s %-20s %14s %8s %8s %9s  %s%n",
                    "calibrator", "transit (UTC)", "MJD", "offset", "response", "flux (Jy)", "file");
        }
        for (CalibratorTransit row : rows) {
            if (json) {
                out.println(Json.mapper().writeValueAsString(row));
            } else {
                out.printf(
                        "%-22s %-20s %14.6f %7.3f° %8.3f %9s  %s%n",
                        row.altName() == null ? row.calibrator() : row.calibrator() + " " + row.altName(),
                        row.transitTime()
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString()
                                .replace("Z", ""),
                        row.transitMjd(),
                        row.offsetDeg(),
                        row.response(),
                        row.fluxJy() == null ? "?" : String.format("%.2f/%.2f", row.fluxJy(), row.apparentFluxJy()),
                        row.sourceFile());
            }
        }
        out.flush();
        return 0;
    }
}
