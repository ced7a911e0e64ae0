package org.dsa110.contimg.processors.purge;

import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.config.FileNames;
import org.dsa110.contimg.contract.config.PipelinePaths;

/**
 * One line of the purge table, as in {@code tmpfiles.d}: entries named {@code glob}, directly in {@code root},
 * of the given types, are deleted once idle for {@code maxAge}.
 *
 * @param name        stable name, carried in requests and outcomes
 * @param root        the directory whose direct entries the rule covers (only depth 1: a deeper match is
 *                    somebody's data, not a temporary directory)
 * @param glob        file-name glob
 * @param directories whether directories are covered
 * @param files       whether regular files are covered
 * @param maxAge      idle time after which an entry goes
 */
public record PurgeRule(String name, Path root, String glob, boolean directories, boolean files, Duration maxAge) {

    public PurgeRule {
        Objects.requireNonNull(name, "name");
        root = root.toAbsolutePath().normalize();
        Objects.requireNonNull(glob, "glob");
        Objects.requireNonNull(maxAge, "maxAge");
    }

    /** The old housekeeping script's table, all with the same age. */
    public static List<PurgeRule> defaults(PipelinePaths paths, Duration maxAge) {
        return List.of(
                new PurgeRule("tmppointing", paths.root(), FileNames.TMPPOINTING, true, false, maxAge),
                new PurgeRule("scratch-tmp", paths.scratch().resolve("tmp"), "*", true, true, maxAge),
                new PurgeRule("scratch-stream", paths.scratch(), FileNames.SCRATCH_STREAM, true, false, maxAge));
    }

    /** Whether the path is covered by this rule by its place and name (its type is checked separately). */
    public boolean covers(Path path) {
        Path name = path.getFileName();
        return name != null && root.equals(path.getParent()) && matcher().matches(name);
    }

    public boolean coversType(FileEvent.FileType type) {
        return (directories && type == FileEvent.FileType.DIRECTORY) || (files && type == FileEvent.FileType.FILE);
    }

    private PathMatcher matcher() {
        // Compiling a glob is a regex compile: once per glob, not once per event.
        return MATCHERS.computeIfAbsent(glob, FileNames::glob);
    }

    private static final Map<String, PathMatcher> MATCHERS = new ConcurrentHashMap<>();
}
