package org.dsa110.contimg.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.dsa110.contimg.app.Contimg;

/**
 * A {@code contimg} command in a JVM of its own, as systemd runs it: the benchmarks measure the pipeline's process,
 * not theirs. Output goes to a log file of its own per start, so a line of an earlier start is never taken for this
 * one's.
 */
final class ContimgProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    final long startedNanos = System.nanoTime();
    long readyNanos;

    private ContimgProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code contimg ARGS...} with {@code -Xmx<heap>}, its output in {@code <logs>/<name>-<time>.log}. */
    static ContimgProcess start(Path logs, String name, String heap, String... args) throws Exception {
        return start(logs, name, heap, List.of(), Map.of(), args);
    }

    /**
     * As {@link #start(Path, String, String, String...)}, run through {@code wrapper} (a command that ends by
     * exec'ing its arguments, such as {@code ip netns exec NS} or {@code unshare -m}, so the process is the JVM's),
     * with {@code environment} added to this one's.
     */
    static ContimgProcess start(
            Path logs, String name, String heap, List<String> wrapper, Map<String, String> environment, String... args)
            throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = Files.createDirectories(logs).resolve(name + "-" + System.nanoTime() + ".log");
        var command = new ArrayList<>(wrapper);
        command.addAll(List.of(
                java.toString(), "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), Contimg.class.getName()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new ContimgProcess(builder.start(), log);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Sends {@code signal} ({@code STOP}, {@code CONT}) to the process. */
    void signal(String signal) throws Exception {
        run("kill", "-" + signal, Long.toString(process.pid()));
    }

    /** Waits for a line containing {@code text}; fails if the process ends first or the time runs out. */
    ContimgProcess awaitLine(String text, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
            requireAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no \"" + text + "\" within " + within.toSeconds() + " s; see " + log);
            }
            Thread.sleep(100);
        }
        readyNanos = System.nanoTime();
        return this;
    }

    /** Waits for the process to end and requires exit status 0. */
    void awaitExit(Duration within) throws Exception {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("still running after " + within.toSeconds() + " s; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exited with " + process.exitValue() + "; see " + log);
        }
    }

    double cpuSeconds() {
        return cpuSeconds(process.toHandle());
    }

    /** User plus system CPU of {@code process} so far, seconds; NaN where the system does not say. */
    static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Heap in use in the child after a full GC ({@code jcmd}), MiB. */
    double heapUsedAfterGcMiB() throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        run(jcmd.toString(), Long.toString(process.pid()), "GC.run");
        String info = run(jcmd.toString(), Long.toString(process.pid()), "GC.heap_info");
        var used = Pattern.compile("used (\\d+)K").matcher(info);
        return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
    }

    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("contimg exited with " + process.exitValue() + "; see " + log);
        }
    }

    /** SIGKILL: no shutdown hook, no last flush, no leaving the group; a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Runs a command to its end and returns what it printed; a non-zero exit is an exception naming it. */
    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + text.strip());
        }
        return text;
    }

    /** SIGTERM: a clean stop, as systemd does; SIGKILL after a minute. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
