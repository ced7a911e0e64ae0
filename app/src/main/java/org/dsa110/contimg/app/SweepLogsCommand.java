package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.processors.logs.LogSweep;
import org.dsa110.contimg.processors.logs.MoveResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code contimg sweep-logs}: every CASA log still in the data tree moved into the log directory now, by the
 * processors' own mover (the safe form of the old {@code find ... -exec mv}); no Kafka.
 */
@Command(
        name = "sweep-logs",
        mixinStandardHelpOptions = true,
        description = {
            "Move every casa-*.log still under the data root (not under the log directory; links not followed) "
                    + "into the log directory now, with the log mover's rules: never overwriting (a taken name "
                    + "gets a _<time> one), link then unlink, across filesystems only once unchanged for "
                    + "--quiescence. Prints the old daemon's lines and a summary.",
            "Safe while the pipeline runs. Exit 0 on success, 1 when a log could not be moved (listed)."
        })
public final class SweepLogsCommand implements Callable<Integer> {

    @Mixin
    PathOptions paths;

    @Option(
            names = "--quiescence",
            paramLabel = "SECONDS",
            defaultValue = "5",
            description = "How long a log must be unchanged before it is copied to another filesystem (default "
                    + "${DEFAULT-VALUE}, the processors').")
    long quiescenceSeconds;

    @Option(names = "--dry-run", description = "Move nothing: list the logs in place, and which names are taken.")
    boolean dryRun;

    @Option(names = "--json", description = "One JSON object per log, then one for the summary.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PipelinePaths resolved = paths.resolve();
        LogSweep.Sweep sweep = new LogSweep(
                        resolved.root(), resolved.logDir(), Duration.ofSeconds(quiescenceSeconds), Clock.systemUTC())
                .run(dryRun);
        int moved = 0;
        int renamed = 0;
        int skipped = 0;
        int failed = 0;
        for (LogSweep.Swept log : sweep.logs()) {
            MoveResult result = log.result();
            if (result instanceof MoveResult.Moved) {
                moved++;
                renamed += log.renamed() ? 1 : 0;
            } else if (result instanceof MoveResult.Failed) {
                failed++;
            } else if (result != null) {
                skipped++;
            }
            if (json) {
                out.println(Json.mapper().writeValueAsString(json(log)));
            } else {
                print(log, out, err);
            }
        }
        for (String unreadable : sweep.unreadable()) {
            err.println("Could not read " + unreadable);
        }
        if (json) {
            var summary = new LinkedHashMap<String, Object>();
            summary.put("summary", true);
            summary.put("root", resolved.root().toString());
            summary.put("log_dir", resolved.logDir().toString());
            summary.put("dry_run", dryRun);
            summary.put("found", sweep.logs().size());
            summary.put("moved", moved);
            summary.put("renamed", renamed);
            summary.put("skipped", skipped);
            summary.put("failed", failed);
            summary.put("unreadable", sweep.unreadable());
            out.println(Json.mapper().writeValueAsString(summary));
        } else if (dryRun) {
            out.println("Would move " + sweep.logs().size() + " CASA logs from " + resolved.root() + " into "
                    + resolved.logDir() + " ("
                    + sweep.logs().stream().filter(LogSweep.Swept::nameTaken).count()
                    + " under a new name, their own taken)");
        } else {
            out.println("Swept " + sweep.logs().size() + " CASA logs from " + resolved.root() + " into "
                    + resolved.logDir() + ": " + moved + " moved (" + renamed + " under a new name, their own "
                    + "taken), " + skipped + " skipped, " + failed + " failed");
        }
        out.flush();
        err.flush();
        return failed > 0 || !sweep.unreadable().isEmpty() ? 1 : 0;
    }

    /** The old daemon's lines ({@code Detected casa log file: X}, {@code Moved X -> Y}) and why one was not. */
    private static void print(LogSweep.Swept log, PrintWriter out, PrintWriter err) {
        MoveResult result = log.result();
        if (result == null) {
            out.println("Would move " + log.path() + (log.nameTaken() ? " (its name is taken: a new one)" : ""));
            return;
        }
        out.println("Detected casa log file: " + log.path());
        if (result instanceof MoveResult.Moved m) {
            out.println("Moved " + log.path() + " -> " + m.target());
        } else if (result instanceof MoveResult.Vanished) {
            out.println("Skipped " + log.path() + ": gone before it could be moved (the pipeline moved it?)");
        } else if (result instanceof MoveResult.NotQuiescent n) {
            out.println("Skipped " + log.path() + ": " + n.detail());
        } else if (result instanceof MoveResult.Rejected r) {
            out.println("Skipped " + log.path() + ": " + r.reason());
        } else if (result instanceof MoveResult.Failed f) {
            err.println("Failed to move " + log.path() + ": " + f.reason());
        }
    }

    private static Map<String, Object> json(LogSweep.Swept log) {
        var entry = new LinkedHashMap<String, Object>();
        entry.put("path", log.path().toString());
        MoveResult result = log.result();
        entry.put("result", result == null ? "would_move" : result.label());
        entry.put("name_taken", log.nameTaken());
        if (result instanceof MoveResult.Moved m) {
            entry.put("target", m.target().toString());
            entry.put("bytes", m.bytes());
            entry.put("copied", m.copied());
        } else if (result instanceof MoveResult.NotQuiescent n) {
            entry.put("reason", n.detail());
        } else if (result instanceof MoveResult.Rejected r) {
            entry.put("reason", r.reason());
        } else if (result instanceof MoveResult.Failed f) {
            entry.put("reason", f.reason());
        }
        return entry;
    }
}
