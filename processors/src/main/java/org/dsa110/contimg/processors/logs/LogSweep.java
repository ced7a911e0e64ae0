package org.dsa110.contimg.processors.logs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.contract.config.FileNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every CASA log still in place under the data root moved into the log directory now, by the processors' own
 * {@link LogMover} (no overwrite: a taken name gets a {@code _<time>} one; link and unlink; across filesystems
 * only when quiescent): {@code contimg sweep-logs}, the safe form of the operators' old
 * {@code find ... -name "casa-*.log" -exec mv {} state/logs/ \;}. Walks the data root without following links and
 * without entering the log directory; moves, or in a dry run only lists. No Kafka. Safe beside the running
 * pipeline: a log the processors move at the same moment is {@link MoveResult.Vanished}.
 */
public final class LogSweep {

    private static final Logger log = LoggerFactory.getLogger(LogSweep.class);

    /** One log found in place and what came of it ({@code null} in a dry run). */
    public record Swept(Path path, MoveResult result, boolean nameTaken) {

        /** Moved under another name because its own was taken in the log directory. */
        public boolean renamed() {
            return result instanceof MoveResult.Moved moved
                    && !moved.target().getFileName().equals(path.getFileName());
        }
    }

    /** The sweep: each log found, and the directories that could not be read (skipped, with why). */
    public record Sweep(List<Swept> logs, List<String> unreadable) {}

    private final Path root;
    private final Path logDir;
    private final LogMover mover;

    public LogSweep(Path root, Path logDir, Duration quiescence, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.logDir = logDir.toAbsolutePath().normalize();
        this.mover = new LogMover(this.root, this.logDir, quiescence, clock);
    }

    public Sweep run(boolean dryRun) throws IOException {
        log.debug("Sweeping {} for CASA logs in place (not entering {}){}", root, logDir, dryRun ? ", dry run" : "");
        var found = new ArrayList<Path>();
        var unreadable = new ArrayList<String>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the data root " + root + " is not a directory");
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return dir.startsWith(logDir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && FileNames.isCasaLog(file.getFileName())) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                unreadable.add(file + ": " + OneLine.of(e));
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        var logs = new ArrayList<Swept>();
        for (Path log : found) {
            boolean taken = Files.exists(logDir.resolve(log.getFileName()), LinkOption.NOFOLLOW_LINKS);
            logs.add(new Swept(log, dryRun ? null : mover.move(log), taken));
        }
        return new Sweep(logs, unreadable);
    }
}
