package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.app.cli.TimeRangeOptions;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.pointing.analysis.DeclinationCampaigns;
import org.dsa110.contimg.sink.store.PointingAnalysis;
import org.dsa110.contimg.sink.store.PointingHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code contimg campaigns}: the pointing history cut into declination campaigns. */
@Command(
        name = "campaigns",
        mixinStandardHelpOptions = true,
        description = {
            "List the declination campaigns of pointing_history (--products-db), in time order: a new campaign "
                    + "when the declination moves by more than --jump-threshold-deg from one file to the next or "
                    + "the data stop for more than --gap-hours. Start, end, hours observed (the files' spans), "
                    + "files, mean declination. A table for people, JSON lines with --json."
        })
public final class CampaignsCommand implements Callable<Integer> {

    @Mixin
    PathOptions paths;

    @Mixin
    TimeRangeOptions range;

    @Option(
            names = "--jump-threshold-deg",
            paramLabel = "DEG",
            defaultValue = "" + DeclinationCampaigns.DEFAULT_JUMP_DEG,
            description = "A declination change larger than this starts a campaign (default ${DEFAULT-VALUE}).")
    double jumpDeg;

    @Option(
            names = "--gap-hours",
            paramLabel = "HOURS",
            defaultValue = "" + DeclinationCampaigns.DEFAULT_GAP_HOURS,
            description = "A gap in the data longer than this starts a campaign (default ${DEFAULT-VALUE}).")
    double gapHours;

    @Option(names = "--json", description = "One JSON object per line instead of the table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        var campaigns = new DeclinationCampaigns(jumpDeg, gapHours);
        List<PointingAnalysis.CampaignRow> rows = new PointingAnalysis(
                        new PointingHistory(paths.resolve().productsDb()))
                .campaigns(range.startMjd(), range.endMjd(), campaigns);
        if (!json) {
            out.printf(
                    "%-20s %-20s %9s %7s %10s %21s%n",
                    "start (UTC)", "end (UTC)", "hours", "files", "mean dec", "dec range");
        }
        for (PointingAnalysis.CampaignRow row : rows) {
            if (json) {
                out.println(Json.mapper().writeValueAsString(row));
            } else {
                out.printf(
                        "%-20s %-20s %9.2f %7d %9.4f° %9.4f° to %8.4f°%n",
                        TransitsCommand.utc(row.startTime()),
                        TransitsCommand.utc(row.endTime()),
                        row.hoursObserved(),
                        row.files(),
                        row.meanDecDeg(),
                        row.minDecDeg(),
                        row.maxDecDeg());
            }
        }
        out.flush();
        return 0;
    }
}
