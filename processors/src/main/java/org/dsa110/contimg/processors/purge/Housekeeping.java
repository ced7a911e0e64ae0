package org.dsa110.contimg.processors.purge;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.dsa110.contimg.contract.OneLine;

/**
 * One pass of the purge rules over their roots, now: {@code contimg housekeeping}, the old hourly script's job.
 * Each rule's root is listed (its direct entries, as the rule covers only those), and each entry the rule names
 * is checked by the same {@link TempPurger} the processors use, with the same safety (never a link, never across
 * a mount, never outside the root): deleted when idle past the rule's age, or, in a dry run, only assessed.
 * Reads and deletes on the filesystem only; no Kafka. Safe beside the running pipeline: an entry the processors
 * delete at the same moment is {@link PurgeResult.Vanished}, not a failure.
 */
public final class Housekeeping {

    /** One entry a rule covers and what came of it. */
    public record Checked(Path path, PurgeResult result) {}

    /**
     * One rule's pass: every entry checked, or why its root could not be listed.
     *
     * @param unlisted why the root could not be listed ({@code null} when it was); a missing root is not an error
     */
    public record RulePass(PurgeRule rule, List<Checked> checked, String unlisted, boolean rootMissing) {

        /** Entries deleted whole. */
        public long removed() {
            return checked.stream()
                    .filter(c -> c.result() instanceof PurgeResult.Purged)
                    .count();
        }

        /** Bytes of the regular files deleted, whole or in part. */
        public long bytesFreed() {
            return checked.stream()
                    .mapToLong(c -> c.result() instanceof PurgeResult.Purged p
                            ? p.bytes()
                            : c.result() instanceof PurgeResult.Partial p ? p.bytes() : 0)
                    .sum();
        }

        /** Entries a dry run found due. */
        public List<Checked> due() {
            return checked.stream()
                    .filter(c -> c.result() instanceof PurgeResult.Due)
                    .toList();
        }

        /** Entries that could not be deleted (in part or at all) or checked. */
        public List<Checked> failures() {
            return checked.stream()
                    .filter(c -> c.result() instanceof PurgeResult.Partial || c.result() instanceof PurgeResult.Failed)
                    .toList();
        }

        /** Whether anything went wrong: a failure, or a root that exists and cannot be listed. */
        public boolean failed() {
            return !failures().isEmpty() || unlisted != null && !rootMissing;
        }
    }

    private final List<PurgeRule> rules;
    private final TempPurger purger;

    public Housekeeping(List<PurgeRule> rules, Clock clock) {
        this.rules = List.copyOf(rules);
        this.purger = new TempPurger(rules, clock);
    }

    /** Applies every rule once; with {@code dryRun} nothing is deleted and due entries are {@link PurgeResult.Due}. */
    public List<RulePass> run(boolean dryRun) {
        var passes = new ArrayList<RulePass>();
        for (PurgeRule rule : rules) {
            passes.add(pass(rule, dryRun));
        }
        return passes;
    }

    private RulePass pass(PurgeRule rule, boolean dryRun) {
        if (!Files.isDirectory(rule.root(), LinkOption.NOFOLLOW_LINKS)) {
            return new RulePass(rule, List.of(), rule.root() + " is not a directory", !Files.exists(rule.root()));
        }
        var candidates = new ArrayList<Path>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(rule.root())) {
            for (Path entry : entries) {
                // By name only: the purger decides the rest (type, link, mount, age), as for a request.
                if (rule.covers(entry) && purger.ruleFor(entry).orElse(null) == rule) {
                    candidates.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            return new RulePass(rule, List.of(), rule.root() + " is not there", true);
        } catch (IOException e) {
            return new RulePass(rule, List.of(), "cannot list " + rule.root() + ": " + OneLine.of(e), false);
        }
        candidates.sort(null);
        var checked = new ArrayList<Checked>();
        for (Path candidate : candidates) {
            checked.add(new Checked(candidate, dryRun ? purger.assess(candidate) : purger.check(candidate)));
        }
        return new RulePass(rule, checked, null, false);
    }
}
