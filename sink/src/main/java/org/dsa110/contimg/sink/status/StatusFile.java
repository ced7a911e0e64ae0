package org.dsa110.contimg.sink.status;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.json.Json;

/**
 * {@code pointing-monitor-status.json}, the file the old monitor wrote and the operators' {@code jq} alerting reads.
 * It is replaced atomically (a temporary file in the same directory, flushed, then renamed over the old one), so a
 * reader sees the previous status or the new one, never half of one.
 */
public final class StatusFile {

    public static final String NAME = "pointing-monitor-status.json";

    private final Path file;

    public StatusFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /**
     * The old monitor's layout: its fields first, in its order ({@code timestamp} in Unix seconds as Python's
     * {@code time.time()} gave it), then this pipeline's sections.
     */
    public static Map<String, Object> render(StatusSnapshot snapshot) {
        var content = new LinkedHashMap<String, Object>();
        content.put("running", snapshot.running());
        content.put("healthy", snapshot.healthy());
        content.put("issues", snapshot.issues());
        content.put("watch_dir", snapshot.details().get("watch_dir"));
        content.put("products_db", snapshot.details().get("products_db"));
        content.put("timestamp", UnixSeconds.of(snapshot.timestamp()));
        content.put("timestamp_iso", snapshot.timestamp().toString());
        content.put("metrics", snapshot.metrics());
        content.put("schema", snapshot.schema());
        content.put("component", snapshot.component());
        content.put("host", snapshot.host());
        content.put(
                "started_at",
                snapshot.startedAt() == null ? null : snapshot.startedAt().toString());
        snapshot.details().forEach(content::putIfAbsent);
        return content;
    }

    public void write(StatusSnapshot snapshot) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + file.getFileName() + ".", ".tmp");
        try {
            byte[] json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(render(snapshot));
            Files.write(temporary, json);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            // A temporary file is private; the status file is for every user's alerting to read.
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
