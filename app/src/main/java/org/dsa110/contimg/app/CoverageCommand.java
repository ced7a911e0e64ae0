package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.app.cli.TimeRangeOptions;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.pointing.analysis.DataTimeline;
import org.dsa110.contimg.pointing.analysis.HealpixGrid;
import org.dsa110.contimg.pointing.analysis.SkyCoverage;
import org.dsa110.contimg.pointing.calibrators.PrimaryBeam;
import org.dsa110.contimg.sink.store.PointingAnalysis;
import org.dsa110.contimg.sink.store.PointingHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code contimg coverage}: the sky the pointing history has covered. */
@Command(
        name = "coverage",
        mixinStandardHelpOptions = true,
        description = {
            "Sum the sky coverage of pointing_history (--products-db) on a HEALPix grid: each file sweeps its "
                    + "declination strip (the beam's half-power radius) in right ascension over its span. Prints "
                    + "the totals (files, hours, sky fraction, area) and, per declination band, the hours of "
                    + "exposure; with --json, the totals and then one JSON object per exposed cell.",
            "With --timeline: when there is data instead, the files' spans merged across files (--merge-seconds) "
                    + "into stretches with data, and the gaps between them: start, end, hours; with --json, one "
                    + "object with both lists."
        })
public final class CoverageCommand implements Callable<Integer> {

    @Mixin
    PathOptions paths;

    @Mixin
    TimeRangeOptions range;

    @Option(
            names = "--nside",
            paramLabel = "N",
            defaultValue = "" + HealpixGrid.DEFAULT_NSIDE,
            description = "HEALPix resolution, a power of 2 up to 1024 (default ${DEFAULT-VALUE}: 0.92° cells).")
    int nside;

    @Option(names = "--json", description = "The totals, then one JSON object per exposed cell, one per line.")
    boolean json;

    @Option(names = "--timeline", description = "The stretches with data and the gaps, not the sky.")
    boolean timeline;

    @Option(
            names = "--merge-seconds",
            paramLabel = "S",
            defaultValue = "30",
            description = "With --timeline: files apart by less than this are one stretch (default ${DEFAULT-VALUE}).")
    double mergeSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (timeline) {
            return timeline(out);
        }
        var grid = new SkyCoverage(new HealpixGrid(nside), PrimaryBeam.dsa110());
        SkyCoverage.Coverage coverage = new PointingAnalysis(
                        new PointingHistory(paths.resolve().productsDb()))
                .coverage(range.startMjd(), range.endMjd(), grid);
        if (json) {
            var totals = new LinkedHashMap<String, Object>();
            totals.put("nside", coverage.nside());
            totals.put("cell_area_deg2", coverage.cellAreaDeg2());
            totals.put("files", coverage.files());
            totals.put("hours_observed", coverage.hoursObserved());
            totals.put("sky_fraction", coverage.skyFraction());
            totals.put("area_deg2", coverage.areaDeg2());
            totals.put("cells", coverage.cells().size());
            out.println(Json.mapper().writeValueAsString(totals));
            for (SkyCoverage.Cell cell : coverage.cells()) {
                out.println(Json.mapper().writeValueAsString(cell));
            }
            out.flush();
            return 0;
        }
        out.printf(
                "%d files, %.2f hours observed; %d of %d HEALPix cells (nside %d, %.3f deg² each) exposed: "
                        + "%.4f of the sky, %.1f deg²%n",
                coverage.files(),
                coverage.hoursObserved(),
                coverage.cells().size(),
                12L * nside * nside,
                coverage.nside(),
                coverage.cellAreaDeg2(),
                coverage.skyFraction(),
                coverage.areaDeg2());
        // Per whole-degree band of declination: how much of it is exposed, and for how long at most.
        var bands = new TreeMap<Integer, double[]>(Comparator.reverseOrder());
        for (SkyCoverage.Cell cell : coverage.cells()) {
            double[] band = bands.computeIfAbsent((int) Math.floor(cell.decDeg()), d -> new double[3]);
            band[0]++;
            band[1] += cell.hours();
            band[2] = Math.max(band[2], cell.hours());
        }
        if (!bands.isEmpty()) {
            out.printf("%-10s %8s %14s %14s%n", "dec band", "cells", "cell-hours", "max hours");
        }
        bands.forEach((dec, band) -> out.printf(
                "%-10s %8d %14.2f %14.3f%n",
                String.format("%+d..%+d", dec, dec + 1), (long) band[0], band[1], band[2]));
        out.flush();
        return 0;
    }

    private int timeline(PrintWriter out) throws Exception {
        if (!(mergeSeconds >= 0 && mergeSeconds <= 86400)) {
            throw new ParameterException(spec.commandLine(), "--merge-seconds is 0 to 86400: " + mergeSeconds);
        }
        DataTimeline.Timeline found = new PointingAnalysis(
                        new PointingHistory(paths.resolve().productsDb()))
                .timeline(
                        range.startOrOpen(),
                        range.endOrOpen(),
                        new DataTimeline(Duration.ofMillis(Math.round(mergeSeconds * 1000))));
        if (json) {
            out.println(Json.mapper().writeValueAsString(found));
            out.flush();
            return 0;
        }
        out.printf(
                "%d files: %.2f hours with data in %d stretches, %.2f hours of gaps in %d%n",
                found.files(),
                found.hoursWithData(),
                found.data().size(),
                found.hoursOfGaps(),
                found.gaps().size());
        var all = new ArrayList<String[]>();
        found.data().forEach(i -> all.add(row("data", i)));
        found.gaps().forEach(i -> all.add(row("gap", i)));
        all.sort(Comparator.comparing(r -> r[1]));
        if (!all.isEmpty()) {
            out.printf("%-5s %-20s %-20s %10s%n", "", "start (UTC)", "end (UTC)", "hours");
        }
        all.forEach(r -> out.printf("%-5s %-20s %-20s %10s%n", (Object[]) r));
        out.flush();
        return 0;
    }

    private static String[] row(String what, DataTimeline.Interval interval) {
        return new String[] {
            what,
            TransitsCommand.utc(interval.startTime()),
            TransitsCommand.utc(interval.endTime()),
            String.format("%.3f", interval.hours())
        };
    }
}
