package org.dsa110.contimg.processors.purge;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small tmpfs (1 MiB) mounted at a directory until closed: a real other filesystem for the purge tests, a real
 * full disk for the log mover's. Where mounting
 * fails (not root) the test is skipped, saying why.
 */
public record Tmpfs(Path at) implements AutoCloseable {

    public static Tmpfs at(Path directory) throws IOException {
        return at(directory, "1m");
    }

    /** A tmpfs of {@code size} ({@code mount -o size=}, e.g. {@code 32m}). */
    public static Tmpfs at(Path directory, String size) throws IOException {
        Process process = new ProcessBuilder(
                        "mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", directory.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        int exit = waitFor(process);
        assumeTrue(
                exit == 0,
                "a tmpfs cannot be mounted here (mount: exit " + exit + " " + output + "): the mount tests need root");
        return new Tmpfs(directory);
    }

    /**
     * Fills the filesystem to its last block with one file, {@code filler} in its root, and returns that file:
     * deleting it gives the space back.
     */
    public Path fill() {
        Path filler = at.resolve("filler");
        try (var out = Files.newOutputStream(filler)) {
            byte[] block = new byte[4096];
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            return filler; // No space left on device
        }
    }

    @Override
    public void close() throws IOException {
        waitFor(new ProcessBuilder("umount", at.toString()).inheritIO().start());
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
