package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.dsa110.contimg.app.cli.HostOptions;
import org.dsa110.contimg.app.cli.KafkaOptions;
import org.dsa110.contimg.app.cli.PathOptions;
import org.dsa110.contimg.app.cli.Progress;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.reading.OutcomeWatch;
import org.dsa110.contimg.contract.topics.ConsumerGroups;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.producer.Backfill;
import org.dsa110.contimg.sink.status.ConsumerLag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code contimg backfill DIR}: historical UVH5 files through the normal pipeline. */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = {
            "Publish the *_sb00.hdf5 files under DIR whose file-name time (YYYY-MM-DDTHH:MM:SS, UTC) "
                    + "falls between --start-date and --end-date (both inclusive, whole days) to contimg.fs-events, so "
                    + "the running pipeline extracts their pointings into pointing_history. Every file in the range is "
                    + "published; names without a time are listed as skipped. Running it again costs nothing: the "
                    + "processors remember each file they extracted (by size, modification time and inode) and read "
                    + "again only files changed since; --force reads them all again.",
            "DIR must be under the incoming directory (--incoming, CONTIMG_INPUT_DIR) or an archive directory "
                    + "(--archive, CONTIMG_ARCHIVE_DIRS), the same for the processors: they extract files only "
                    + "there. Exit status 0 unless a file failed or (with --wait) got no answer."
        })
public final class BackfillCommand implements Callable<Integer> {

    private static final Set<Outcome.Result> FINAL = EnumSet.of(
            Outcome.Result.EXTRACTED, Outcome.Result.UNCHANGED, Outcome.Result.FAILED, Outcome.Result.REJECTED);
    private static final int LISTED = 20;

    @Parameters(paramLabel = "DIR", description = "Directory tree to search.")
    Path dir;

    @Option(names = "--start-date", paramLabel = "YYYY-MM-DD", description = "First day (UTC), inclusive.")
    LocalDate start;

    @Option(names = "--end-date", paramLabel = "YYYY-MM-DD", description = "Last day (UTC), inclusive.")
    LocalDate end;

    @Option(
            names = "--wait",
            description = "Wait until every file is extracted or failed and the sink has "
                    + "written the rows; then the summary counts them.")
    boolean wait;

    @Option(
            names = "--force",
            description = "Extract every file of the range again, even those unchanged since "
                    + "their last extraction (after a fix in the extraction, say).")
    boolean force;

    @Option(
            names = "--idle-timeout",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "With --wait: give up when nothing new is heard for this long (default ${DEFAULT-VALUE}).")
    long idleSeconds;

    @Mixin
    PathOptions paths;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    HostOptions host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PipelinePaths resolved = paths.resolve();
        Path root = absolute(dir);
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a directory");
        }
        Path source = resolved.uvh5Sources().stream()
                .filter(root::startsWith)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(root + " is not under the incoming directory "
                        + resolved.incoming()
                        + (resolved.archives().isEmpty() ? "" : " or an archive " + resolved.archives())
                        + ": the processors extract files only there (--incoming, "
                        + "CONTIMG_INPUT_DIR; --archive, CONTIMG_ARCHIVE_DIRS)"));
        if (start != null && end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("--end-date " + end + " is before --start-date " + start);
        }
        Backfill.Plan plan = Backfill.plan(root, start, end);
        out.printf(
                "contimg backfill: %d first-subband files under %s: %d in the dates, %d outside them, %d "
                        + "skipped%n",
                plan.found(),
                root,
                plan.inRange().size(),
                plan.outOfRange().size(),
                plan.skipped().size());
        plan.skipped().stream().limit(LISTED).forEach(s -> out.println("  skipped " + s.path() + ": " + s.reason()));
        if (plan.skipped().size() > LISTED) {
            out.println("  ... and " + (plan.skipped().size() - LISTED) + " more skipped");
        }
        out.flush();

        KafkaSettings settings = kafka.resolve();
        List<String> published = plan.inRange().stream().map(Path::toString).toList();
        try (var watch = wait
                ? new OutcomeWatch(
                        settings,
                        o -> o.stage() == Outcome.Stage.POINTING && FINAL.contains(o.result()) && o.path() != null)
                : null) {
            long sent;
            try (var sender = new TopicSender(settings.producer("contimg-backfill"));
                    var progress = Progress.of("backfill", published.size(), out)) {
                sent = Backfill.publish(
                        plan.inRange(), source, host.resolve(), force, sender, Clock.systemUTC(), progress::stepTo);
            }
            if (watch == null) {
                out.printf(
                        "contimg backfill: found %d, published %d, skipped %d (extractions not waited for: "
                                + "see contimg.outcomes or the status)%n",
                        plan.found(), sent, plan.skipped().size());
                return 0;
            }
            Duration idle = Duration.ofSeconds(idleSeconds);
            long answered = watch.await(published, idle);
            List<Outcome> outcomes =
                    published.stream().map(watch::get).filter(o -> o != null).toList();
            long extracted = outcomes.stream()
                    .filter(o -> o.result() == Outcome.Result.EXTRACTED)
                    .count();
            long unchanged = outcomes.stream()
                    .filter(o -> o.result() == Outcome.Result.UNCHANGED)
                    .count();
            List<Outcome> failed = outcomes.stream()
                    .filter(o -> o.result() != Outcome.Result.EXTRACTED && o.result() != Outcome.Result.UNCHANGED)
                    .toList();
            failed.stream().limit(LISTED).forEach(o -> out.println("  failed " + o.path() + ": " + o.detail()));
            boolean written = awaitSinkCaughtUp(settings, idle);
            out.printf(
                    "contimg backfill: found %d, published %d, extracted %d, unchanged %d, failed %d, skipped %d"
                            + "%s%s%n",
                    plan.found(),
                    sent,
                    extracted,
                    unchanged,
                    failed.size(),
                    plan.skipped().size(),
                    answered < published.size() ? ", no answer for " + (published.size() - answered) : "",
                    written ? "; the rows are in the database" : "; the sink has not caught up yet");
            return failed.isEmpty() && answered == published.size() && written ? 0 : 1;
        }
    }

    /** True once the sink's group has nothing left to read on contimg.pointing. */
    private static boolean awaitSinkCaughtUp(KafkaSettings settings, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(settings.admin("contimg-backfill"))) {
            var lag = new ConsumerLag(
                    admin, Map.of(ConsumerGroups.SINK.id(), ConsumerGroups.SINK.inputNames()), Duration.ofSeconds(10));
            while (System.nanoTime() < deadline) {
                try {
                    if (lag.measure().of(ConsumerGroups.SINK.id(), Topics.POINTING.name()) == 0) {
                        return true;
                    }
                } catch (ConsumerLag.Unreachable e) {
                    // try again until the deadline
                }
                Thread.sleep(500);
            }
            return false;
        }
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
