package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.CatalogOptions;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.contract.CalibratorTransit;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.sink.store.PointingAnalysis;
import org.dsa110.contimg.sink.store.PointingHistory;
import org.dsa110.contimg.sink.store.TransitHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code contimg calibrators}: which calibrator to observe, and one calibrator's transits. */
@Command(
        name = "calibrators",
        mixinStandardHelpOptions = true,
        description = {
            "With --best: the calibrator to observe in the next --hours at a declination (--dec, apparent; default "
                    + "the latest pointing's, its hour angle held): of the catalog's sources transiting inside the "
                    + "beam, the highest apparent flux (flux times response), ties to the earliest.",
            "With a NAME (J1331+305 or 3C286, any case): its next --next transits at the site, with their response "
                    + "at the latest pointing, and the matches the files held (calibrator_transits, newest first)."
        })
public final class CalibratorsCommand implements Callable<Integer> {

    @Mixin
    PathOptions paths;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "A calibrator of the catalog.")
    String name;

    @Option(names = "--best", description = "The calibrator to observe.")
    boolean best;

    @Option(names = "--dec", paramLabel = "DEG", description = "With --best: this apparent declination.")
    Double dec;

    @Option(
            names = "--hours",
            paramLabel = "H",
            defaultValue = "24",
            description = "With --best: the window, hours from now (default ${DEFAULT-VALUE}, at most 744).")
    double hours;

    @Option(
            names = "--next",
            paramLabel = "N",
            defaultValue = "5",
            description = "With a NAME: how many transits to come (default ${DEFAULT-VALUE}).")
    int next;

    @Option(
            names = "--limit",
            defaultValue = "20",
            description = "With a NAME: at most this many past matches (default ${DEFAULT-VALUE}).")
    int limit;

    /** The catalog and the least response that counts as in the beam (--catalog, --min-response). */
    @Mixin
    CatalogOptions catalog;

    @Option(names = "--json", description = "JSON instead of the table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (best == (name != null)) {
            throw new ParameterException(spec.commandLine(), "give either --best or a calibrator's NAME");
        }
        if (next < 1 || next > 100 || limit < 1) {
            throw new ParameterException(spec.commandLine(), "--next is 1 to 100, --limit at least 1");
        }
        TransitFinder finder = catalog.finder();
        Path db = paths.resolve().productsDb();
        var analysis = new PointingAnalysis(new PointingHistory(db));
        PrintWriter out = spec.commandLine().getOut();
        int status = best ? best(out, analysis, finder) : named(out, analysis, finder, new TransitHistory(db));
        out.flush();
        return status;
    }

    private int best(PrintWriter out, PointingAnalysis analysis, TransitFinder finder) throws Exception {
        if (!(hours > 0 && hours <= PointingAnalysis.MAX_UPCOMING_HOURS)) {
            throw new ParameterException(spec.commandLine(), "--hours is in (0, 744]: " + hours);
        }
        PointingAnalysis.BestCalibrator chosen = analysis.best(Instant.now(), dec, hours, finder);
        if (chosen == null) {
            spec.commandLine().getErr().println("contimg calibrators: no pointing recorded yet; give --dec");
            return 1;
        }
        if (json) {
            out.println(Json.mapper().writeValueAsString(chosen));
            return 0;
        }
        if (chosen.best() == null) {
            out.printf(
                    "No catalog source transits inside the beam at dec %.4f° in the next %s h.%n",
                    chosen.decAppDeg(), hours);
            return 0;
        }
        var row = chosen.best();
        out.printf(
                "Best in the next %s h at dec %.4f° (apparent), hour angle %.4f°: %s, transit %s (in %.2f h), "
                        + "offset %.3f°, response %.3f, %.2f Jy apparent (%.2f Jy)%n",
                hours,
                chosen.decAppDeg(),
                chosen.haDeg(),
                row.altName() == null ? row.calibrator() : row.calibrator() + " " + row.altName(),
                TransitsCommand.utc(row.transitTime()),
                row.hoursFromNow(),
                row.offsetDeg(),
                row.response(),
                row.apparentFluxJy(),
                row.fluxJy());
        return 0;
    }

    private int named(PrintWriter out, PointingAnalysis analysis, TransitFinder finder, TransitHistory transits)
            throws Exception {
        PointingAnalysis.CalibratorTransits found =
                analysis.transitsOf(name, Instant.now(), next, limit, finder, transits);
        if (found == null) {
            spec.commandLine()
                    .getErr()
                    .println("contimg calibrators: no calibrator named " + name + " in "
                            + finder.catalog().source());
            return 1;
        }
        if (json) {
            out.println(Json.mapper().writeValueAsString(found));
            return 0;
        }
        out.printf(
                "%s%s: next %d transits (response at the latest pointing%s)%n",
                found.calibrator(),
                found.altName() == null ? "" : " " + found.altName(),
                found.next().size(),
                found.decAppDeg() == null ? ": none recorded" : String.format(", dec %.4f°", found.decAppDeg()));
        for (var row : found.next()) {
            out.printf(
                    "  %-20s in %8.2f h  offset %7.3f°  response %.3f%n",
                    TransitsCommand.utc(row.transitTime()), row.hoursFromNow(), row.offsetDeg(), row.response());
        }
        out.printf("%d past matches:%n", found.past().size());
        for (CalibratorTransit row : found.past()) {
            out.printf(
                    "  %-20s response %.3f %s %s%n",
                    TransitsCommand.utc(row.transitTime()),
                    row.response(),
                    Boolean.TRUE.equals(row.best()) ? "*" : " ",
                    row.sourceFile());
        }
        return 0;
    }
}
