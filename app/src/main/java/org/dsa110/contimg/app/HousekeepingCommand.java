package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.processors.purge.Housekeeping;
import org.dsa110.contimg.processors.purge.PurgeResult;
import org.dsa110.contimg.processors.purge.PurgeRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code contimg housekeeping}: the purge rules applied once, now, by the processors' own purger (the old
 * {@code housekeeping.py --temp-age 3600 --root-dir /data/dsa110-contimg}); no Kafka.
 */
@Command(
        name = "housekeeping",
        mixinStandardHelpOptions = true,
        description = {
            "Apply the purge rules once, now: delete the TMPPOINTING* directories directly in the data root, the "
                    + "entries of <scratch>/tmp and the stream_* directories directly in the scratch directory that "
                    + "have been idle (newest change inside) for --temp-age, with the processors' safety: never a "
                    + "symbolic link, never across a mount, never outside the rule's directory. Prints the old "
                    + "script's line per rule ('Removed 3 old TMPPOINTING* directories from /data/dsa110-contimg') "
                    + "with the bytes freed.",
            "Safe while the pipeline runs. Exit 0 on success, 1 when something could not be deleted (listed)."
        })
public final class HousekeepingCommand implements Callable<Integer> {

    @Mixin
    PathOptions paths;

    @Option(
            names = "--temp-age",
            paramLabel = "SECONDS",
            defaultValue = "86400",
            description = "Idle time after which an entry goes (default ${DEFAULT-VALUE}, the processors').")
    long tempAgeSeconds;

    @Option(names = "--dry-run", description = "Delete nothing: list what would go, and since when it is idle.")
    boolean dryRun;

    @Option(names = "--json", description = "One JSON object per rule (its entries inside) instead of the lines.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (tempAgeSeconds < 0) {
            throw new IllegalArgumentException("--temp-age " + tempAgeSeconds + " is negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant now = Instant.now();
        List<Housekeeping.RulePass> passes = new Housekeeping(
                        PurgeRule.defaults(paths.resolve(), Duration.ofSeconds(tempAgeSeconds)), Clock.systemUTC())
                .run(dryRun);
        boolean failed = false;
        for (Housekeeping.RulePass pass : passes) {
            failed |= pass.failed();
            if (json) {
                out.println(Json.mapper().writeValueAsString(json(pass)));
            } else {
                print(pass, now, out, err);
            }
        }
        out.flush();
        err.flush();
        return failed ? 1 : 0;
    }

    private void print(Housekeeping.RulePass pass, Instant now, PrintWriter out, PrintWriter err) {
        PurgeRule rule = pass.rule();
        if (pass.unlisted() != null) {
            (pass.rootMissing() ? out : err)
                    .println((pass.rootMissing() ? "Nothing to purge: " : "Could not purge: ") + pass.unlisted());
            return;
        }
        for (Housekeeping.Checked checked : pass.checked()) {
            PurgeResult result = checked.result();
            if (result instanceof PurgeResult.Due due) {
                out.println("Would remove " + checked.path() + ": idle since "
                        + due.newest().truncatedTo(ChronoUnit.SECONDS) + " (" + age(Duration.between(due.newest(), now))
                        + ")");
            } else if (result instanceof PurgeResult.Rejected rejected) {
                out.println("Skipped " + checked.path() + ": " + rejected.reason());
            } else if (result instanceof PurgeResult.Partial partial) {
                err.println("Could not remove all of " + checked.path() + ": " + partial.remaining() + " entries left ("
                        + partial.reason() + ")");
            } else if (result instanceof PurgeResult.Failed failure) {
                err.println("Could not check " + checked.path() + ": " + failure.reason());
            }
        }
        String what = rule.glob() + " "
                + (rule.directories() && rule.files() ? "entries" : rule.directories() ? "directories" : "files");
        if (dryRun) {
            out.println("Would remove " + pass.due().size() + " old " + what + " from " + rule.root());
        } else {
            out.println("Removed " + pass.removed() + " old " + what + " from " + rule.root() + " ("
                    + bytes(pass.bytesFreed()) + " freed)");
        }
    }

    private Map<String, Object> json(Housekeeping.RulePass pass) {
        var rule = new LinkedHashMap<String, Object>();
        rule.put("rule", pass.rule().name());
        rule.put("root", pass.rule().root().toString());
        rule.put("glob", pass.rule().glob());
        rule.put("max_age_seconds", pass.rule().maxAge().toSeconds());
        rule.put("dry_run", dryRun);
        rule.put("removed", pass.removed());
        rule.put("bytes_freed", pass.bytesFreed());
        rule.put("would_remove", pass.due().size());
        rule.put("failed", pass.failures().size());
        rule.put("error", pass.unlisted());
        rule.put(
                "entries",
                pass.checked().stream().map(HousekeepingCommand::json).toList());
        return rule;
    }

    private static Map<String, Object> json(Housekeeping.Checked checked) {
        var entry = new LinkedHashMap<String, Object>();
        entry.put("path", checked.path().toString());
        PurgeResult result = checked.result();
        entry.put("result", result.label());
        if (result instanceof PurgeResult.Due due) {
            entry.put("idle_since", due.newest().toString());
        } else if (result instanceof PurgeResult.Active active) {
            entry.put("idle_since", active.newest().toString());
        } else if (result instanceof PurgeResult.Purged purged) {
            entry.put("entries", purged.entries());
            entry.put("bytes", purged.bytes());
        } else if (result instanceof PurgeResult.Partial partial) {
            entry.put("entries", partial.entries());
            entry.put("bytes", partial.bytes());
            entry.put("remaining", partial.remaining());
            entry.put("reason", partial.reason());
        } else if (result instanceof PurgeResult.Rejected rejected) {
            entry.put("reason", rejected.reason());
        } else if (result instanceof PurgeResult.Failed failure) {
            entry.put("reason", failure.reason());
        }
        return entry;
    }

    /** "2 d 3 h", "5 h 10 min", "40 s": how long idle, for people. */
    static String age(Duration idle) {
        long seconds = Math.max(0, idle.toSeconds());
        if (seconds >= 86400) {
            return seconds / 86400 + " d " + seconds % 86400 / 3600 + " h";
        }
        if (seconds >= 3600) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }
        return seconds >= 60 ? seconds / 60 + " min" : seconds + " s";
    }

    /** Bytes for people: "0 B", "1.5 kB", "12.3 MB" (SI). */
    static String bytes(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }
}
