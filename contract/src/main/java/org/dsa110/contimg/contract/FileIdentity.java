package org.dsa110.contimg.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;

/**
 * What tells "the same file, unchanged" from "changed": its size, its modification time to the nanosecond, and its
 * file key (device and inode, where the filesystem has them). A file rewritten, replaced by another (a new inode),
 * grown or touched has another identity; a file only read, renamed within a directory's name or listed again has
 * the same one.
 *
 * @param sizeBytes size in bytes
 * @param mtime     last modification time, as precise as the filesystem keeps it (ext4, xfs: nanoseconds)
 * @param fileKey   the JDK's file key as text ({@code (dev=803,ino=1234)} on Linux), {@code null} where the
 *                  filesystem has none; opaque: only equality means anything
 */
public record FileIdentity(long sizeBytes, Instant mtime, String fileKey) {

    public FileIdentity {
        Objects.requireNonNull(mtime, "mtime");
    }

    /** The identity of attributes already read. */
    public static FileIdentity of(BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        return new FileIdentity(
                attributes.size(), attributes.lastModifiedTime().toInstant(), key == null ? null : key.toString());
    }

    /** The identity of the path now, without following a symbolic link. */
    public static FileIdentity of(Path path) throws IOException {
        return of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    /** The identity an event carries, or {@code null} when it carries none (a deletion, an older producer). */
    public static FileIdentity of(FileEvent event) {
        return event.sizeBytes() == null || event.mtime() == null
                ? null
                : new FileIdentity(event.sizeBytes(), event.mtime(), event.fileKey());
    }
}
