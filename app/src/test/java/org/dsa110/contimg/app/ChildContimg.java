package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code java ... Contimg ARGS} in a child JVM with this test's classpath: a command as a user or systemd runs it. */
final class ChildContimg implements AutoCloseable {

    static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static final int TAIL_LINES = 40;

    private final Process process;
    private final long startedNanos = System.nanoTime();
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private volatile long readyNanos;

    private ChildContimg(Process process) {
        this.process = process;
        collect(process.getInputStream(), out);
        collect(process.getErrorStream(), err);
    }

    static ChildContimg start(String... args) throws IOException {
        return start(List.of(), args);
    }

    /**
     * With the product's logging configuration (the jar's {@code logback.xml}: standard error, the pipeline's loggers
     * at {@code CONTIMG_LOG_LEVEL} or INFO) instead of the tests' (everything at DEBUG on standard output).
     */
    static ChildContimg startWithProductLogging(String... args) throws IOException {
        Path config = Path.of("src/main/resources/logback.xml").toAbsolutePath();
        return start(List.of("-Dlogback.configurationFile=" + config), args);
    }

    private static ChildContimg start(List<String> jvmOptions, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        var command = new ArrayList<>(List.of(java.toString(), "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Contimg.class.getName()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command);
        // The defaults under test are the command's own, not whatever the developer's shell exports.
        builder.environment().keySet().removeIf(name -> name.startsWith("CONTIMG_") || name.startsWith("PIPELINE_"));
        return new ChildContimg(builder.start());
    }

    /** {@code contimg up} on {@code home} with its own ports, the status written every 2 s. */
    static ChildContimg up(Path home, int port, int controllerPort, int httpPort) throws IOException {
        Files.createDirectories(home);
        return start(
                "up",
                "--home",
                home.toString(),
                "--kafka-port",
                Integer.toString(port),
                "--controller-port",
                Integer.toString(controllerPort),
                "--http-port",
                Integer.toString(httpPort),
                "--status-interval",
                "2");
    }

    /** The names in a directory; none if it does not exist (yet). */
    static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static void collect(InputStream stream, List<String> lines) {
        CompletableFuture.runAsync(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    String awaitLine(String containing) throws InterruptedException {
        return awaitLine(containing, READY_WITHIN);
    }

    String awaitLine(String containing, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (out) {
            while (System.nanoTime() < deadline) {
                for (String line : out) {
                    if (line.contains(containing)) {
                        readyNanos = System.nanoTime();
                        return line;
                    }
                }
                if (!process.isAlive()) {
                    break;
                }
                out.wait(200);
            }
        }
        // Standard error and the end of standard output first: a report cut short (CI shows the start of a
        // message) still says why, not the logging framework's start-up lines.
        throw new AssertionError("no line containing '" + containing + "' within " + within + " ("
                + (process.isAlive() ? "still running" : "exited " + process.exitValue()) + "); err: " + errors()
                + "; last " + TAIL_LINES + " lines of out: " + tail(output()));
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
    }

    long millisToReady() {
        return TimeUnit.NANOSECONDS.toMillis(readyNanos - startedNanos);
    }

    void signal(String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .start()
                .waitFor();
    }

    /** The exit status, once the process has ended; fails if it takes longer than 30 s (systemd's limit). */
    int awaitExit() throws InterruptedException {
        return awaitExitBy(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
    }

    /**
     * The exit status, once the process has ended; fails if it is still running at {@code deadline} (a
     * {@link System#nanoTime()}): several children signalled at once are held to one deadline from the signal.
     */
    int awaitExitBy(long deadline) throws InterruptedException {
        long left = Math.max(0, deadline - System.nanoTime());
        assertThat(process.waitFor(left, TimeUnit.NANOSECONDS))
                .as("stopped by the deadline (%.1f s were left when waiting began)", left / 1e9)
                .isTrue();
        Thread.sleep(200); // let the readers drain the last lines
        return process.exitValue();
    }

    List<String> output() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    List<String> errors() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    static boolean isStackTrace(String line) {
        return line.contains("Exception") || line.startsWith("\tat ") || line.startsWith("Caused by");
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
