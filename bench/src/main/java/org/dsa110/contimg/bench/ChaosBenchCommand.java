package org.dsa110.contimg.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code contimg bench chaos}. */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        description = "kill -9 of the processors, the producer, the sink and the broker (separate JVMs, as "
                + "systemd runs them) during a burst, each restarted at once; then a second processors "
                + "instance and the first killed for good. Reports what was lost or duplicated and how fast "
                + "each restart resumed.")
final class ChaosBenchCommand implements Callable<Integer> {

    @Option(names = "--work", paramLabel = "DIR", required = true, description = "Where each run's home goes.")
    Path work;

    @Option(
            names = "--logs",
            defaultValue = "20000",
            description = "CASA logs in the burst (default ${DEFAULT-VALUE}).")
    int logs;

    @Option(names = "--files", defaultValue = "40", description = "UVH5 files in the burst (default ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--runs", defaultValue = "3", description = "Runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--kafka-port",
            defaultValue = "19692",
            description = "Port of the broker (and the next one; default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(
            names = "--kill",
            split = ",",
            paramLabel = "COMPONENT",
            description = "The components killed, in the order processors, producer, sink, broker whatever the order "
                    + "given (default all four).")
    List<String> kill = ChaosBench.KILLS;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        var runs = new ChaosBench(work, logs, files, kafkaPort, kill, out).run(this.runs);
        out.printf("%nchaos benchmark, %d logs and %d files a run (%s):%n", logs, files, Stats.machine());
        out.printf(
                "  lost (left behind or rows missing) %s, duplicated %s%n",
                runs.stream().map(r -> r.leftBehind() + (r.files() - r.rows())).toList(),
                runs.stream().map(ChaosBench.Run::duplicated).toList());
        for (int c = 0; c < runs.get(0).crashes().size(); c++) {
            int at = c;
            out.printf(
                    "  %s restart to first action: %s; to ready: %s%n",
                    runs.get(0).crashes().get(at).component(),
                    seconds(runs.stream()
                            .map(r -> r.crashes().get(at).secondsToFirstAction())
                            .toList()),
                    seconds(runs.stream()
                            .map(r -> r.crashes().get(at).secondsToReady())
                            .toList()));
        }
        out.printf(
                "  takeover by the survivor: %s%n",
                seconds(runs.stream().map(ChaosBench.Run::takeoverSeconds).toList()));
        out.flush();
        return runs.stream().allMatch(r -> r.leftBehind() == 0 && r.duplicated() == 0 && r.rows() == r.files()) ? 0 : 1;
    }

    /** "median 4.4 s [4.4, 4.3, 4.6]": the median, then every run's figure. */
    private static String seconds(List<Double> runs) {
        return String.format(
                "median %.1f s %s",
                Stats.median(runs),
                runs.stream().map(s -> String.format("%.1f", s)).toList());
    }
}
