package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.app.cli.TimeRangeOptions;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.pointing.calibrators.CalibratorCatalog;
import org.dsa110.contimg.pointing.calibrators.PrimaryBeam;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.sink.store.PointingAnalysis;
import org.dsa110.contimg.sink.store.PointingHistory;
import org.dsa110.contimg.sink.store.TransitHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code contimg transits}: the calibrator transits the files held, from the products database. */
@Command(
        name = "transits",
        mixinStandardHelpOptions = true,
        description = {
            "List the calibrator matches recorded in calibrator_transits (--products-db), in time order: one per "
                    + "calibrator and file that holds its transit: calibrator, transit time (UTC and MJD), file, "
                    + "offset from the pointing centre, beam response, catalog and apparent flux, and whether the "
                    + "file is the transit's best (highest response; * in the table, \"best\" in JSON). A table for "
                    + "people, JSON lines with --json.",
            "With --upcoming HOURS: the catalog's transits still to come in that time at the latest pointing's "
                    + "declination, holding its hour angle (a drift scan; other pointings are taken back to the "
                    + "meridian): time, hours from now, expected response and flux."
        })
public final class TransitsCommand implements Callable<Integer> {

    @Mixin
    PathOptions paths;

    @Mixin
    TimeRangeOptions range;

    @Option(names = "--name", paramLabel = "NAME", description = "Only this source (J1331+305 or 3C286; any case).")
    String name;

    @Option(
            names = "--min-response",
            paramLabel = "R",
            description = "Only transits with at least this beam response (default: all recorded; with "
                    + "--upcoming, " + TransitFinder.DEFAULT_MIN_RESPONSE + ", the half-power radius).")
    Double minResponse;

    @Option(
            names = "--upcoming",
            paramLabel = "HOURS",
            description = "The transits to come in the next HOURS (at most a month) instead of those recorded.")
    Double upcomingHours;

    @Option(
            names = "--catalog",
            paramLabel = "FILE",
            description = "With --upcoming: the calibrator catalog (CSV with name, ra_deg, dec_deg, flux_jy); "
                    + "default: the VLA calibrator list at 20 cm shipped in the jar.")
    Path catalog;

    @Option(names = "--limit", defaultValue = "100000", description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON object per line instead of the table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (upcomingHours != null) {
            return upcoming(out);
        }
        double start = range.startMjd();
        double end = range.endMjd();
        List<CalibratorTransit> rows = new TransitHistory(paths.resolve().productsDb())
                .between(start, end, name, minResponse == null ? 0 : minResponse, limit);
        if (!json) {
            out.printf(
                    "%-22s %-20s %14s %8s %8s %9s %4s  %s%n",
                    "calibrator", "transit (UTC)", "MJD", "offset", "response", "flux (Jy)", "best", "file");
        }
        for (CalibratorTransit row : rows) {
            if (json) {
                out.println(Json.mapper().writeValueAsString(row));
            } else {
                out.printf(
                        "%-22s %-20s %14.6f %7.3f° %8.3f %9s %4s  %s%n",
                        row.altName() == null ? row.calibrator() : row.calibrator() + " " + row.altName(),
                        utc(row.transitTime()),
                        row.transitMjd(),
                        row.offsetDeg(),
                        row.response(),
                        row.fluxJy() == null ? "?" : String.format("%.2f/%.2f", row.fluxJy(), row.apparentFluxJy()),
                        Boolean.TRUE.equals(row.best()) ? "*" : "",
                        row.sourceFile());
            }
        }
        out.flush();
        return 0;
    }

    private int upcoming(PrintWriter out) throws Exception {
        if (name != null || range.given()) {
            throw new ParameterException(
                    spec.commandLine(), "--upcoming takes no --name, --since or --until: it lists what is to come");
        }
        var finder = new TransitFinder(
                catalog == null ? CalibratorCatalog.vla20cm() : CalibratorCatalog.read(catalog),
                PrimaryBeam.dsa110(),
                minResponse == null ? TransitFinder.DEFAULT_MIN_RESPONSE : minResponse);
        var analysis = new PointingAnalysis(new PointingHistory(paths.resolve().productsDb()));
        PointingAnalysis.Upcoming upcoming = analysis.upcoming(Instant.now(), upcomingHours, finder);
        if (upcoming.pointing() == null) {
            spec.commandLine().getErr().println("contimg transits: no pointing recorded yet, nothing to predict");
            return 0;
        }
        if (!json) {
            out.printf(
                    "At dec %.4f° (apparent), hour angle %.4f°, from %s; next %s h, response >= %s:%n",
                    upcoming.pointing().decAppDeg() == null
                            ? upcoming.pointing().decDeg()
                            : upcoming.pointing().decAppDeg(),
                    upcoming.haDeg(),
                    upcoming.pointing().sourceFile(),
                    upcomingHours,
                    finder.minResponse());
            out.printf(
                    "%-22s %-20s %8s %8s %8s %9s%n",
                    "calibrator", "transit (UTC)", "in (h)", "offset", "response", "flux (Jy)");
        }
        for (PointingAnalysis.UpcomingRow row : upcoming.transits()) {
            if (json) {
                out.println(Json.mapper().writeValueAsString(row));
            } else {
                out.printf(
                        "%-22s %-20s %8.2f %7.3f° %8.3f %9s%n",
                        row.altName() == null ? row.calibrator() : row.calibrator() + " " + row.altName(),
                        utc(row.transitTime()),
                        row.hoursFromNow(),
                        row.offsetDeg(),
                        row.response(),
                        row.fluxJy() == null ? "?" : String.format("%.2f/%.2f", row.fluxJy(), row.apparentFluxJy()));
            }
        }
        out.flush();
        return 0;
    }

    static String utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "");
    }
}
