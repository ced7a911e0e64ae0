package org.dsa110.contimg.processors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.config.PipelinePaths;

/**
 * A processors instance in a JVM of its own, as a host runs one, so a test can kill it with SIGKILL: nothing of it
 * runs after the signal (no close, no leave-group), as in a crash. {@code main} takes the bootstrap servers, the home,
 * the application id, the instance name and the session timeout in seconds, and prints {@value #RUNNING} once its
 * tasks are assigned.
 */
final class ProcessorsChild implements AutoCloseable {

    static final String RUNNING = "processors child: running";

    private final Process process;

    private ProcessorsChild(Process process) {
        this.process = process;
    }

    public static void main(String[] args) throws Exception {
        var kafka = KafkaSettings.forBootstrap(args[0]);
        var paths = PipelinePaths.resolve(
                new PipelinePaths.Flags(Path.of(args[1]), null, null, null, null, null, null), Map.of());
        var membership = new Membership(args[3], Duration.ofSeconds(Long.parseLong(args[4])));
        var app = new ProcessorsService(ProcessorsSettings.defaults(paths, "test-host"), kafka, args[2], membership);
        app.start();
        app.awaitRunning(ProcessorsService.START_TIMEOUT);
        System.out.println(RUNNING);
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Starts one with this test JVM's classpath and waits until it says it runs. */
    static ProcessorsChild start(
            String bootstrap, Path home, String application, Membership membership, Duration within)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ProcessorsChild.class.getName()));
        command.addAll(List.of(
                bootstrap,
                home.toString(),
                application,
                membership.name(),
                Long.toString(membership.sessionTimeout().toSeconds())));
        var child = new ProcessorsChild(
                new ProcessBuilder(command).redirectErrorStream(true).start());
        child.awaitRunning(within);
        return child;
    }

    private void awaitRunning(Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> tail = new ArrayList<>();
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.equals(RUNNING)) {
                // Keep draining its output so that it never blocks on a full pipe.
                Thread drain = new Thread(() -> lines.lines().forEach(l -> {}), "processors-child-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
            tail.add(line);
            if (tail.size() > 40) {
                tail.remove(0);
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        process.destroyForcibly();
        throw new AssertionError("the processors child did not run within " + within + "; its last lines: " + tail);
    }

    /** SIGKILL, and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the processors child outlived SIGKILL by 30 s");
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
