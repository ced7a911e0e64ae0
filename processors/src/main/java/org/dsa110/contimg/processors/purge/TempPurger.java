package org.dsa110.contimg.processors.purge;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dsa110.contimg.processors.kernel.Confinement;

/**
 * Deletes an idle temporary directory (or file) the way {@code systemd-tmpfiles} does: never following a
 * symbolic link (a link named like a candidate is not a candidate; a link inside is removed as a link, its target
 * untouched), never crossing into another mount, never acting outside the rule's root, whatever a request says.
 *
 * <p>Idle means the newest mtime of the candidate and of everything inside it is older than the rule's age.
 * Deletion goes through a {@link SecureDirectoryStream}: every entry is opened and removed relative to its
 * already-open parent ({@code openat}/{@code unlinkat} with {@code O_NOFOLLOW}), so swapping a directory for a
 * link half-way cannot redirect it. What cannot be deleted is left and reported, never counted as purged.
 */
public final class TempPurger {

    private final List<PurgeRule> rules;
    private final Clock clock;

    public TempPurger(List<PurgeRule> rules, Clock clock) {
        this.rules = List.copyOf(rules);
        this.clock = clock;
    }

    /** The rule covering this path, by place and name; requests name one, but this purger decides. */
    public Optional<PurgeRule> ruleFor(Path path) {
        return rules.stream().filter(rule -> rule.covers(path)).findFirst();
    }

    /** Checks the candidate and deletes it if it is due. */
    public PurgeResult check(Path given) {
        return check(given, true);
    }

    /** Checks the candidate as {@link #check} does but deletes nothing: {@link PurgeResult.Due} when it would. */
    public PurgeResult assess(Path given) {
        return check(given, false);
    }

    private PurgeResult check(Path given, boolean delete) {
        Path path = given.toAbsolutePath().normalize();
        if (!given.isAbsolute() || !given.equals(path)) {
            return new PurgeResult.Rejected("not an absolute normalized path");
        }
        Optional<PurgeRule> covering = ruleFor(path);
        if (covering.isEmpty()) {
            return new PurgeResult.Rejected("no purge rule covers it");
        }
        PurgeRule rule = covering.get();
        String outside = Confinement.refusal(rule.root(), path);
        if (outside != null) {
            return new PurgeResult.Rejected(outside);
        }
        BasicFileAttributes attributes;
        Object rootDevice;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            rootDevice = device(rule.root());
        } catch (NoSuchFileException e) {
            return new PurgeResult.Vanished();
        } catch (IOException e) {
            return new PurgeResult.Failed("cannot read its attributes: " + e);
        }
        if (attributes.isSymbolicLink()) {
            return new PurgeResult.Rejected("is a symbolic link: never followed, never purged");
        }
        if (!(attributes.isDirectory() ? rule.directories() : attributes.isRegularFile() && rule.files())) {
            return new PurgeResult.Rejected("is not of a type rule " + rule.name() + " purges");
        }
        try {
            if (!rootDevice.equals(device(path))) {
                return new PurgeResult.Rejected("is a mount point: another filesystem is never purged");
            }
            Instant newest = newestMtime(path, rootDevice);
            if (newest.isAfter(clock.instant().minus(rule.maxAge()))) {
                return new PurgeResult.Active(newest);
            }
            if (!delete) {
                return new PurgeResult.Due(newest);
            }
        } catch (NoSuchFileException e) {
            return new PurgeResult.Vanished();
        } catch (IOException e) {
            return new PurgeResult.Failed("cannot check how idle it is: " + e);
        }
        return delete(path, attributes, rootDevice);
    }

    private PurgeResult delete(Path path, BasicFileAttributes attributes, Object device) {
        var tally = new Tally();
        try (DirectoryStream<Path> parentStream = Files.newDirectoryStream(path.getParent())) {
            if (!(parentStream instanceof SecureDirectoryStream<Path> parent)) {
                return new PurgeResult.Failed(
                        "this platform cannot delete without following links " + "(no SecureDirectoryStream)");
            }
            Path name = path.getFileName();
            if (attributes.isDirectory()) {
                deleteTree(parent, name, path, device, tally);
            } else {
                long size = attributes.size();
                parent.deleteFile(name);
                tally.removed(size);
            }
        } catch (NoSuchFileException e) {
            if (tally.entries == 0) {
                return new PurgeResult.Vanished();
            }
        } catch (IOException e) {
            tally.failed(path, e);
        }
        if (tally.remaining > 0 || tally.firstError != null) {
            return new PurgeResult.Partial(tally.entries, tally.bytes, Math.max(1, tally.remaining), tally.firstError);
        }
        return new PurgeResult.Purged(tally.entries, tally.bytes);
    }

    /** Empties and removes {@code name}, a directory in {@code parent}; entries that resist are counted. */
    private void deleteTree(SecureDirectoryStream<Path> parent, Path name, Path fullPath, Object device, Tally tally)
            throws IOException {
        if (!device.equals(device(fullPath))) {
            tally.kept(fullPath, "a mount point inside is never entered");
            return;
        }
        try (SecureDirectoryStream<Path> dir = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            for (Path entry : dir) {
                Path child = entry.getFileName();
                Path childPath = fullPath.resolve(child);
                try {
                    var childAttributes = dir.getFileAttributeView(
                                    child, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .readAttributes();
                    if (childAttributes.isDirectory()) {
                        deleteTree(dir, child, childPath, device, tally);
                    } else {
                        // Files, and links removed as links: unlinkat never follows.
                        dir.deleteFile(child);
                        tally.removed(childAttributes.isRegularFile() ? childAttributes.size() : 0);
                    }
                } catch (NoSuchFileException e) {
                    // removed by someone else meanwhile
                } catch (IOException e) {
                    tally.failed(childPath, e);
                }
            }
        }
        try {
            parent.deleteDirectory(name);
            tally.removed(0);
        } catch (NoSuchFileException e) {
            // removed by someone else meanwhile (the pipeline and `contimg housekeeping` at the same moment)
        } catch (IOException e) {
            tally.failed(fullPath, e);
        }
    }

    /** The newest mtime of the path and everything under it on the same device, links not followed. */
    private static Instant newestMtime(Path path, Object device) throws IOException {
        Instant[] newest = {Instant.MIN};
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                newest[0] = max(newest[0], attributes.lastModifiedTime().toInstant());
                return device.equals(device(dir)) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                newest[0] = max(newest[0], attributes.lastModifiedTime().toInstant());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e; // an entry we cannot see might be active: do not guess
            }
        });
        return newest[0];
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Object device(Path path) throws IOException {
        return Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS);
    }

    private static final class Tally {
        long entries;
        long bytes;
        long remaining;
        String firstError;

        void removed(long size) {
            entries++;
            bytes += size;
        }

        void failed(Path path, IOException e) {
            remaining++;
            if (firstError == null) {
                firstError = path + ": " + e;
            }
        }

        void kept(Path path, String why) {
            remaining++;
            if (firstError == null) {
                firstError = path + ": " + why;
            }
        }
    }
}
