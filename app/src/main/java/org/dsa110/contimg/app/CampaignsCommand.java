package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.KafkaOptions;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.app.cli.TimeRangeOptions;
import org.dsa110.contimg.contract.CampaignEvent;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.contract.reading.TopicRange;
import org.dsa110.contimg.contract.topics.Topics;
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
                    + "files, mean declination. A table for people, JSON lines with --json.",
            "With --events, the campaign events instead: the records of contimg.campaigns (--bootstrap-servers), "
                    + "each campaign as it began with its best calibrator and that calibrator's next transit."
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

    @Option(
            names = "--events",
            description = "List the campaign events of contimg.campaigns (published by the calibration application) "
                    + "instead of cutting the database's history.")
    boolean events;

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (events) {
            return listEvents(out);
        }
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

    /** The campaign events in start order: each key's last record (the topic is compacted), from the beginning. */
    private int listEvents(PrintWriter out) throws Exception {
        var latest = new TreeMap<String, CampaignEvent>();
        try (var topic = new TopicRange<>(kafka.resolve(), Topics.CAMPAIGNS, "contimg-campaigns-query")) {
            topic.from(null)
                    .toEnd(
                            (raw, key, event) -> {
                                if (event == null) {
                                    latest.remove(key);
                                } else {
                                    latest.put(key, event);
                                }
                            },
                            () -> {});
        }
        List<CampaignEvent> byStart = latest.values().stream()
                .filter(e -> e.startMjd() >= range.startMjd() && e.startMjd() < range.endMjd())
                .sorted(Comparator.comparingDouble(CampaignEvent::startMjd))
                .toList();
        if (!json) {
            out.printf(
                    "%-20s %-12s %9s  %-22s %-20s %8s  %s%n",
                    "start (UTC)", "cause", "dec", "best calibrator", "its transit (UTC)", "flux (Jy)", "first file");
        }
        for (CampaignEvent event : byStart) {
            if (json) {
                out.println(Json.mapper().writeValueAsString(event));
                continue;
            }
            CampaignEvent.Calibrator best = event.best();
            CampaignEvent.Transit next =
                    event.nextTransits().isEmpty() ? null : event.nextTransits().get(0);
            out.printf(
                    "%-20s %-12s %8.4f°  %-22s %-20s %8s  %s%n",
                    TransitsCommand.utc(event.start()),
                    event.cause().name().toLowerCase(Locale.ROOT),
                    event.decDeg(),
                    best == null
                            ? "(none in the beam)"
                            : best.calibrator() + (best.altName() == null ? "" : " " + best.altName()),
                    next == null ? "" : TransitsCommand.utc(next.transitTime()),
                    best == null || best.apparentFluxJy() == null
                            ? ""
                            : String.format(Locale.ROOT, "%.2f", best.apparentFluxJy()),
                    event.firstFile());
        }
        out.flush();
        return 0;
    }
}
