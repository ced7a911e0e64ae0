package org.dsa110.contimg.producer;

import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import org.dsa110.contimg.contract.config.FileNames;
import org.dsa110.contimg.contract.config.PipelinePaths;

/**
 * The producer's cheap first cut: which paths are worth an event. By default, the names the processors act on,
 * so the topic carries thousands of events a day rather than every write on a busy data tree. The processors
 * still decide exactly (root, depth, type); this only keeps the obviously irrelevant out.
 */
public final class IncludeFilter {

    /** File-name globs of the default filter. */
    public static final List<String> DEFAULT_GLOBS =
            List.of(FileNames.CASA_LOG, FileNames.TMPPOINTING, FileNames.SCRATCH_STREAM, FileNames.FIRST_SUBBAND);

    private final List<String> globs;
    private final List<PathMatcher> matchers;
    private final List<Path> alwaysUnder;
    private final Path excluded;
    private final boolean everything;

    private IncludeFilter(List<String> globs, List<Path> alwaysUnder, Path excluded, boolean everything) {
        this.globs = List.copyOf(globs);
        this.matchers = globs.stream().map(FileNames::glob).toList();
        this.alwaysUnder = List.copyOf(alwaysUnder);
        this.excluded = excluded;
        this.everything = everything;
    }

    /**
     * The processors' patterns: CASA logs, temporary directories, first-sub-band UVH5 files, and every entry of
     * {@code <scratch>/tmp/}. Nothing under the log directory: logs already moved there need no event.
     */
    public static IncludeFilter defaults(PipelinePaths paths) {
        return of(DEFAULT_GLOBS, paths);
    }

    /** Custom file-name globs ({@code --include}), plus the scratch tmp entries; nothing under the log dir. */
    public static IncludeFilter of(List<String> globs, PipelinePaths paths) {
        return new IncludeFilter(globs, List.of(paths.scratch().resolve("tmp")), paths.logDir(), false);
    }

    /** Every path ({@code --publish-all}). */
    public static IncludeFilter everything() {
        return new IncludeFilter(List.of("*"), List.of(), null, true);
    }

    public boolean test(Path path) {
        if (everything) {
            return true;
        }
        if (excluded != null && path.startsWith(excluded)) {
            return false;
        }
        Path name = path.getFileName();
        if (name == null) {
            return false;
        }
        for (Path parent : alwaysUnder) {
            if (parent.equals(path.getParent())) {
                return true;
            }
        }
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the path is a file its processor moves away (a CASA log outside the log directory): finding many of
     * them still in place means events were missed or the processors are behind, so rescans come more often.
     */
    public boolean expectedToMove(Path path) {
        Path name = path.getFileName();
        return name != null && FileNames.isCasaLog(name) && (excluded == null || !path.startsWith(excluded));
    }

    /**
     * Whether deletions are published. Not by default: no processor acts on a deletion, and most deletions in the
     * data tree are the log mover's own, which would double the topic. {@code --publish-all} publishes them.
     */
    public boolean publishesDeletions() {
        return everything;
    }

    @Override
    public String toString() {
        return everything
                ? "everything"
                : "globs " + globs + ", entries of " + alwaysUnder
                        + (excluded == null ? "" : ", not under " + excluded);
    }
}
