package org.dsa110.contimg.processors.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.UUID;
import org.dsa110.contimg.contract.config.FileNames;
import org.dsa110.contimg.processors.kernel.Confinement;

/**
 * Moves one CASA log into the log directory under its base name, never overwriting anything and never losing
 * the log.
 *
 * <p>On one filesystem the move is {@code link(2)} then {@code unlink(2)}: the link fails atomically if the name
 * is taken (where {@code rename(2)} would silently replace the other log), and the inode moves with its name, so a
 * CASA process still appending keeps writing into the moved file. A taken name gets the next unique one
 * ({@code casa-A.log}, {@code casa-A_<now>.log}, {@code casa-A_<now>-2.log}, ...). If a previous attempt stopped
 * between link and unlink, the target is the source itself and only the unlink is left to do: moving the same
 * path twice never makes a second copy.
 *
 * <p>Across filesystems, only a log unchanged for the quiescence period is moved: copied to a hidden temporary
 * name in the log directory, flushed to disk, linked into place under a free name, and only then deleted at the
 * source. A copy already in place from an interrupted attempt (same size, same mtime, same bytes) is recognised.
 * The log's mtime is kept either way.
 *
 * <p>Only a log inside the data root on disk is moved: a symbolic link on its path is refused
 * ({@link Confinement}), whatever a record names.
 */
public final class LogMover {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int MAX_SUFFIX = 10_000;

    private final Path root;
    private final Path logDir;
    private final Duration quiescence;
    private final Clock clock;
    private volatile boolean logDirReady;

    public LogMover(Path root, Path logDir, Duration quiescence, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.logDir = logDir.toAbsolutePath().normalize();
        this.quiescence = quiescence;
        this.clock = clock;
    }

    public MoveResult move(Path source) {
        Path path = source.toAbsolutePath().normalize();
        String refusal = refusal(path, source);
        if (refusal == null) {
            refusal = Confinement.refusal(root, path);
        }
        if (refusal != null) {
            return new MoveResult.Rejected(refusal);
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new MoveResult.Vanished();
        } catch (IOException e) {
            return new MoveResult.Failed("cannot read its attributes: " + e);
        }
        if (attributes.isSymbolicLink()) {
            return new MoveResult.Rejected("is a symbolic link, not a log file");
        }
        if (!attributes.isRegularFile()) {
            return new MoveResult.Rejected("is not a regular file");
        }
        try {
            if (!logDirReady) {
                Files.createDirectories(logDir);
                logDirReady = true;
            }
            return link(path, attributes);
        } catch (NoSuchFileException e) {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return new MoveResult.Vanished();
            }
            if (logDirReady && !Files.isDirectory(logDir)) {
                logDirReady = false; // someone removed the log directory: make it again, once
                return move(source);
            }
            return new MoveResult.Failed(e.toString());
        } catch (IOException e) {
            return new MoveResult.Failed(e.toString());
        }
    }

    /** Why a path is not this mover's to move, or {@code null}: records are input, checked again here. */
    private String refusal(Path path, Path given) {
        if (!given.isAbsolute() || !given.equals(path)) {
            return "not an absolute normalized path";
        }
        if (!path.startsWith(root)) {
            return "outside the data root " + root;
        }
        if (path.startsWith(logDir)) {
            return "already in the log directory";
        }
        if (path.getFileName() == null || !FileNames.isCasaLog(path.getFileName())) {
            return "not a CASA log (" + FileNames.CASA_LOG + ")";
        }
        return null;
    }

    private MoveResult link(Path source, BasicFileAttributes attributes) throws IOException {
        String name = source.getFileName().toString();
        for (int attempt = 0; attempt < MAX_SUFFIX; attempt++) {
            Path target = logDir.resolve(uniqueName(name, attempt));
            try {
                Files.createLink(target, source);
            } catch (FileAlreadyExistsException e) {
                if (sameFile(target, source)) {
                    // Linked by an earlier attempt that stopped before the unlink: finish it.
                    Files.delete(source);
                    return new MoveResult.Moved(target, attributes.size(), false);
                }
                continue;
            } catch (AccessDeniedException e) {
                // fs.protected_hardlinks refuses links to other users' files: rename, which the JDK refuses
                // over an existing name (checked just before; a race with another mover only).
                return renameInto(source, name, attributes);
            } catch (FileSystemException e) {
                if (crossDevice(e)) {
                    return copyAcross(source, name, attributes);
                }
                throw e;
            }
            Files.delete(source);
            return new MoveResult.Moved(target, attributes.size(), false);
        }
        return new MoveResult.Failed("no free name for " + name + " after " + MAX_SUFFIX + " tries");
    }

    private MoveResult renameInto(Path source, String name, BasicFileAttributes attributes) throws IOException {
        for (int attempt = 0; attempt < MAX_SUFFIX; attempt++) {
            Path target = logDir.resolve(uniqueName(name, attempt));
            try {
                // No ATOMIC_MOVE: on Linux that is a bare rename(2), which replaces an existing target.
                Files.move(source, target);
                return new MoveResult.Moved(target, attributes.size(), false);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
        }
        return new MoveResult.Failed("no free name for " + name + " after " + MAX_SUFFIX + " tries");
    }

    private MoveResult copyAcross(Path source, String name, BasicFileAttributes before) throws IOException {
        Duration idle = Duration.between(before.lastModifiedTime().toInstant(), clock.instant());
        if (idle.compareTo(quiescence) < 0) {
            return new MoveResult.NotQuiescent("on another filesystem and written " + idle.toMillis()
                    + " ms ago; copied once unchanged for " + quiescence.toSeconds() + " s");
        }
        Path temp = logDir.resolve("." + name + ".contimg-" + UUID.randomUUID() + ".tmp");
        try {
            Files.copy(source, temp, StandardCopyOption.COPY_ATTRIBUTES);
            Files.setLastModifiedTime(temp, before.lastModifiedTime());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            var after = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (after.size() != before.size() || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
                return new MoveResult.NotQuiescent("changed while being copied; tried again later");
            }
            for (int attempt = 0; attempt < MAX_SUFFIX; attempt++) {
                Path target = logDir.resolve(uniqueName(name, attempt));
                try {
                    Files.createLink(target, temp);
                } catch (FileAlreadyExistsException e) {
                    if (sameContent(target, temp)) {
                        Files.delete(source); // an earlier attempt copied it and stopped before this delete
                        return new MoveResult.Moved(target, before.size(), true);
                    }
                    continue;
                }
                syncDirectory(logDir);
                Files.delete(source);
                return new MoveResult.Moved(target, before.size(), true);
            }
            return new MoveResult.Failed("no free name for " + name + " after " + MAX_SUFFIX + " tries");
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@code casa-A.log}, then {@code casa-A_<now>.log}, {@code casa-A_<now>-2.log}, ... */
    String uniqueName(String name, int attempt) {
        if (attempt == 0) {
            return name;
        }
        String stem = name.substring(0, name.length() - ".log".length());
        String stamp = STAMP.format(clock.instant());
        return attempt == 1 ? stem + "_" + stamp + ".log" : stem + "_" + stamp + "-" + attempt + ".log";
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean sameContent(Path existing, Path copy) throws IOException {
        var a = Files.readAttributes(existing, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        var b = Files.readAttributes(copy, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.size() != b.size() || !sameSecond(a.lastModifiedTime(), b.lastModifiedTime())) {
            return false;
        }
        try (InputStream x = Files.newInputStream(existing);
                InputStream y = Files.newInputStream(copy)) {
            byte[] bx = new byte[64 * 1024];
            byte[] by = new byte[64 * 1024];
            while (true) {
                int nx = x.readNBytes(bx, 0, bx.length);
                int ny = y.readNBytes(by, 0, by.length);
                if (nx != ny || !Arrays.equals(bx, 0, nx, by, 0, ny)) {
                    return false;
                }
                if (nx < bx.length) {
                    return true;
                }
            }
        }
    }

    private static boolean sameSecond(FileTime a, FileTime b) {
        return a.toInstant().getEpochSecond() == b.toInstant().getEpochSecond();
    }

    private static boolean crossDevice(FileSystemException e) {
        String reason = e.getReason();
        return reason != null && reason.contains("cross-device");
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some filesystems cannot fsync a directory; the file itself is already on disk.
        }
    }
}
