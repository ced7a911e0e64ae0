package org.dsa110.contimg.producer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.FileIdentity;

/**
 * Turns an observed path into a {@link FileEvent}, describing the path as it is now, without following symbolic
 * links: a link named like a candidate is reported as a link, never as what it points to.
 */
final class EventFactory {

    private final ProducerSettings settings;
    private final Clock clock;

    EventFactory(ProducerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** An event from attributes already read (scans read them anyway). */
    FileEvent event(Path path, FileEvent.Kind kind, FileEvent.Source source, BasicFileAttributes attributes) {
        return new FileEvent(
                        path.toString(),
                        kind,
                        typeOf(attributes),
                        null,
                        null,
                        rootOf(path),
                        source,
                        settings.host(),
                        clock.instant())
                .withIdentity(FileIdentity.of(attributes));
    }

    /** An event for a path reported by the watcher: stats it now; a path that is gone is reported deleted. */
    FileEvent observe(Path path, FileEvent.Kind kind, FileEvent.Source source) {
        try {
            var attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            // Reported deleted but there now: it was deleted and made again.
            FileEvent.Kind seen = kind == FileEvent.Kind.DELETED ? FileEvent.Kind.CREATED : kind;
            return event(path, seen, source, attributes);
        } catch (NoSuchFileException e) {
            return gone(path, source);
        } catch (IOException e) {
            // Unreadable attributes: still an event, so the processors can say what they make of it.
            return new FileEvent(
                    path.toString(), kind, null, null, null, rootOf(path), source, settings.host(), clock.instant());
        }
    }

    FileEvent gone(Path path, FileEvent.Source source) {
        return new FileEvent(
                path.toString(),
                FileEvent.Kind.DELETED,
                null,
                null,
                null,
                rootOf(path),
                source,
                settings.host(),
                clock.instant());
    }

    private String rootOf(Path path) {
        Path root = settings.rootOf(path);
        return root == null ? null : root.toString();
    }

    static FileEvent.FileType typeOf(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return FileEvent.FileType.SYMLINK;
        }
        if (attributes.isDirectory()) {
            return FileEvent.FileType.DIRECTORY;
        }
        return attributes.isRegularFile() ? FileEvent.FileType.FILE : FileEvent.FileType.OTHER;
    }
}
