package org.dsa110.contimg.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * One observed change of one path, as the producer saw it: the value of {@code contimg.fs-events}, keyed by
 * {@link #path()}.
 *
 * <p>An event is a fact about the filesystem at {@link #observedAt()}, not an order: processors re-check the
 * filesystem and their own configuration before they act on it.
 *
 * @param schema     wire version of this record, {@link #SCHEMA} when written by this code
 * @param path       absolute, normalized path
 * @param kind       what happened to the path
 * @param type       what the path was when observed; {@code null} for {@link Kind#DELETED}
 * @param sizeBytes  size in bytes, {@code null} when unknown (deleted, unreadable)
 * @param mtime      last modification time, {@code null} when unknown
 * @param root       the configured root directory the path was found under
 * @param source     how the producer came to see it
 * @param host       host name of the producer that saw it
 * @param observedAt when the producer saw it
 * @param fileKey    device and inode as the JDK's file key text ({@code (dev=803,ino=1234)}), {@code null} when
 *                   unknown; with {@code sizeBytes} and {@code mtime} (nanoseconds) it is the file's
 *                   {@link FileIdentity}. Added in schema 1 compatibly: older readers ignore it
 * @param force      {@code true} only from {@code contimg backfill --force}: extract again even if the file is
 *                   unchanged since its last extraction; absent otherwise
 */
public record FileEvent(
        int schema,
        String path,
        Kind kind,
        FileType type,
        Long sizeBytes,
        Instant mtime,
        String root,
        Source source,
        String host,
        Instant observedAt,
        String fileKey,
        Boolean force) {

    public static final int SCHEMA = 1;

    public FileEvent {
        Objects.requireNonNull(path, "path");
    }

    public FileEvent(
            String path,
            Kind kind,
            FileType type,
            Long sizeBytes,
            Instant mtime,
            String root,
            Source source,
            String host,
            Instant observedAt) {
        this(SCHEMA, path, kind, type, sizeBytes, mtime, root, source, host, observedAt, null, null);
    }

    /** This event with the identity of the attributes it was made from. */
    public FileEvent withIdentity(FileIdentity identity) {
        return new FileEvent(
                schema,
                path,
                kind,
                type,
                identity.sizeBytes(),
                identity.mtime(),
                root,
                source,
                host,
                observedAt,
                identity.fileKey(),
                force);
    }

    /** This event asking for extraction even of an unchanged file ({@code contimg backfill --force}). */
    public FileEvent forced() {
        return new FileEvent(
                schema, path, kind, type, sizeBytes, mtime, root, source, host, observedAt, fileKey, Boolean.TRUE);
    }

    @JsonIgnore
    public boolean isForced() {
        return Boolean.TRUE.equals(force);
    }

    @JsonIgnore
    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    @JsonIgnore
    public boolean isRegularFile() {
        return type == FileType.FILE;
    }

    /** What happened to the path. */
    public enum Kind {
        @JsonProperty("created")
        CREATED,
        @JsonProperty("modified")
        MODIFIED,
        @JsonProperty("deleted")
        DELETED,
        /** Found by a scan: it exists now, whether or not it changed. */
        @JsonProperty("present")
        PRESENT
    }

    /** What the path was, observed without following symbolic links. */
    public enum FileType {
        @JsonProperty("file")
        FILE,
        @JsonProperty("directory")
        DIRECTORY,
        @JsonProperty("symlink")
        SYMLINK,
        @JsonProperty("other")
        OTHER
    }

    /** How the producer came to see the path. */
    public enum Source {
        /** A live filesystem notification (inotify through the JDK {@code WatchService}). */
        @JsonProperty("watch")
        WATCH,
        /** The full scan at start-up. */
        @JsonProperty("scan")
        SCAN,
        /** A periodic or overflow-triggered rescan. */
        @JsonProperty("rescan")
        RESCAN,
        /** {@code contimg backfill}: historical files published on request. */
        @JsonProperty("backfill")
        BACKFILL
    }
}
