package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.InterruptException;
import org.dsa110.contimg.app.cli.KafkaOptions;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.contract.reading.TopicRange;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.sink.status.ComponentStatuses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code contimg status}: the latest snapshot of every component on {@code contimg.status} (compacted, read from
 * the beginning), as a table or JSON lines; exit status 0 only when every component is running, fresh and
 * healthy, so it serves as an alerting check.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Print the latest status of every component from contimg.status: a table, or JSON lines "
                    + "(--json); with --follow, then every new snapshot as it comes, until Ctrl-C.",
            "Exit status 0 when every component is running, reported within 2 minutes and healthy; 1 "
                    + "otherwise (also when no component has reported)."
        })
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Parameters(
            paramLabel = "COMPONENT",
            arity = "0..*",
            description = "Only the components whose id starts with one of these (e.g. producer@, pointing-monitor).")
    List<String> only = List.of();

    @Option(names = "--json", description = "One JSON object per line: the snapshots as published.")
    boolean json;

    @Option(names = "--follow", description = "After the latest snapshots, print new ones as they arrive.")
    boolean follow;

    @Option(
            names = "--retire",
            paramLabel = "COMPONENT",
            description = "Forget a component for good (a host taken out of service): publish a tombstone for its "
                    + "id, so its last snapshot no longer counts. Prints nothing else.")
    String retire;

    @Spec
    CommandSpec spec;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (retire != null) {
            try (var sender = new TopicSender(kafka.resolve().producer("contimg-status-retire"))) {
                sender.send(Topics.STATUS, retire, null, null).get();
            }
            out.println("contimg status: " + retire + " retired: its snapshots no longer count");
            out.flush();
            return 0;
        }
        Map<String, StatusSnapshot> latest = new TreeMap<>();
        try (var range = new TopicRange<>(kafka.resolve(), Topics.STATUS, "contimg-status-query")) {
            range.from(null)
                    .toEnd(
                            (raw, component, snapshot) -> {
                                if (snapshot == null) {
                                    latest.remove(component); // a tombstone: the component was retired
                                } else if (component != null && selected(component)) {
                                    latest.put(component, snapshot);
                                }
                            },
                            () -> {});
            var health = new ComponentStatuses(null);
            latest.forEach(health::record);
            List<String> issues = health.view(clock.instant()).issues();
            if (json) {
                for (StatusSnapshot snapshot : latest.values()) {
                    out.println(Json.mapper().writeValueAsString(snapshot));
                }
            } else if (latest.isEmpty()) {
                out.println("no component" + (only.isEmpty() ? "" : " matching " + only) + " has published a status on "
                        + Topics.STATUS.name());
            } else {
                printTable(out, latest.values(), issues);
            }
            out.flush();
            if (follow) {
                Thread main = Thread.currentThread();
                Runtime.getRuntime().addShutdownHook(new Thread(main::interrupt));
                try {
                    range.follow(
                            (raw, component, snapshot) -> {
                                if (snapshot != null && component != null && selected(component)) {
                                    out.println(json ? Json.mapper().writeValueAsString(snapshot) : row(snapshot));
                                    out.flush();
                                }
                            },
                            () -> !Thread.currentThread().isInterrupted());
                } catch (InterruptException e) {
                    // Ctrl-C while waiting for the next snapshot
                }
            }
            return !latest.isEmpty() && issues.isEmpty() ? 0 : 1;
        }
    }

    private boolean selected(String component) {
        return only.isEmpty() || only.stream().anyMatch(component::startsWith);
    }

    private void printTable(PrintWriter out, Iterable<StatusSnapshot> snapshots, List<String> issues) {
        out.println(String.format(
                        "%-32s %-16s %-8s %-8s %8s  %s", "COMPONENT", "HOST", "RUNNING", "HEALTHY", "AGE", "ISSUES")
                .stripTrailing());
        for (StatusSnapshot snapshot : snapshots) {
            out.println(row(snapshot));
        }
        out.println(issues.isEmpty() ? "all healthy" : issues.size() + " issue(s):");
        issues.forEach(issue -> out.println("  " + issue));
    }

    private String row(StatusSnapshot snapshot) {
        return String.format(
                        "%-32s %-16s %-8s %-8s %8s  %s",
                        snapshot.component(),
                        snapshot.host(),
                        snapshot.running() ? "yes" : "no",
                        snapshot.healthy() ? "yes" : "no",
                        age(snapshot.timestamp()),
                        String.join("; ", snapshot.issues()))
                .stripTrailing();
    }

    private String age(Instant at) {
        if (at == null) {
            return "?";
        }
        long seconds = Math.max(0, Duration.between(at, clock.instant()).toSeconds());
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
    }
}
