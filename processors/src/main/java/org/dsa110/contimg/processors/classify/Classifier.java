package org.dsa110.contimg.processors.classify;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.config.FileNames;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.processors.purge.PurgeRule;

/**
 * Routes a file event to at most one processor: a pure function of the event and the configuration (it reads
 * nothing from the filesystem), so the same event always goes the same way and replays reproduce the routing.
 *
 * <p>An event is input, not an order: a path that is not absolute and normalized, or that lies outside every
 * configured root, is rejected whatever else the event says.
 */
public final class Classifier {

    private final PipelinePaths paths;
    /** Computed once: classify runs for every event. */
    private final List<Path> roots;

    private final List<Path> uvh5Sources;
    private final List<PurgeRule> purgeRules;

    /**
     * @param paths      the data root, incoming, scratch and log directories
     * @param roots      every directory an event may lie in
     * @param purgeRules the purge table, whose candidates go to {@code contimg.temp-purges}
     */
    public Classifier(PipelinePaths paths, List<Path> roots, List<PurgeRule> purgeRules) {
        this.paths = paths;
        this.roots = List.copyOf(roots);
        this.uvh5Sources = paths.uvh5Sources();
        this.purgeRules = List.copyOf(purgeRules);
    }

    public Route classify(FileEvent event) {
        Path path;
        try {
            path = Path.of(event.path());
        } catch (InvalidPathException e) {
            return new Route.Rejected("not a valid path: " + e.getReason());
        }
        if (!path.isAbsolute() || !path.equals(path.normalize())) {
            return new Route.Rejected("not an absolute normalized path");
        }
        if (roots.stream().noneMatch(path::startsWith)) {
            return new Route.Rejected("outside the configured roots " + roots);
        }
        if (event.kind() == null || event.kind() == FileEvent.Kind.DELETED) {
            return new Route.Dropped(event.kind() == null ? "unknown kind" : "deleted");
        }
        Path name = path.getFileName();
        if (name == null) {
            return new Route.Dropped("no file name");
        }
        if (FileNames.isCasaLog(name) && path.startsWith(paths.root()) && !path.startsWith(paths.logDir())) {
            return event.type() == FileEvent.FileType.FILE
                    ? new Route.LogMove()
                    : new Route.Dropped("casa log that is not a regular file (" + event.type() + ")");
        }
        for (PurgeRule rule : purgeRules) {
            if (rule.covers(path)) {
                return rule.coversType(event.type())
                        ? new Route.TempPurge(rule.name())
                        : new Route.Dropped("purge candidate of the wrong type (" + event.type() + ")");
            }
        }
        if (uvh5Sources.stream().anyMatch(path::startsWith) && FileNames.isFirstSubband(name)) {
            if (FileNames.isTemporary(name.toString())) {
                return new Route.Dropped("temporary name");
            }
            return event.type() == FileEvent.FileType.FILE
                    ? new Route.Pointing()
                    : new Route.Dropped("uvh5 name that is not a regular file (" + event.type() + ")");
        }
        return new Route.Dropped("no rule");
    }
}
