package org.dsa110.contimg.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.contract.service.Services;

/**
 * Runs a long-running command's services until SIGINT (Ctrl-C) or SIGTERM (systemd, docker), then closes them from
 * the JVM's shutdown hook, the way Kafka's own examples do: the hook returns only once everything is closed, so
 * buffered work is flushed before the JVM exits.
 */
public final class UntilStopped {

    /** Starts a command's services in order; returns what follows {@code ready} in its last line. */
    @FunctionalInterface
    public interface Startup {
        String start(Services services) throws Exception;
    }

    private static final Duration FAILURE_CHECK = Duration.ofMillis(500);

    private UntilStopped() {}

    /**
     * Starts the services; if one fails, closes those already started and throws. Otherwise prints
     * {@code contimg <command>: ready ...} and waits for the signal.
     */
    public static void run(String command, PrintWriter out, Startup startup) throws Exception {
        var services = new Services();
        String ready;
        try {
            ready = startup.start(services);
        } catch (Exception e) {
            services.close();
            throw e;
        }
        out.println("contimg " + command + ": ready " + ready);
        out.flush();
        await(command, services, out);
    }

    /**
     * Waits for the signal, or for a service's failure: then closes the services (their last status carries the
     * reason) and throws, so the command exits 1 with the reason in one line.
     */
    private static void await(String command, Services services, PrintWriter out) throws InterruptedException {
        var stopped = new CountDownLatch(1);
        var hook = new Thread(
                () -> {
                    out.println("contimg " + command + ": stopping");
                    out.flush();
                    try {
                        services.close();
                        out.println("contimg " + command + ": stopped");
                    } catch (RuntimeException e) {
                        out.println("contimg " + command + ": error while stopping: " + e.getMessage());
                    } finally {
                        out.flush();
                        stopped.countDown();
                    }
                },
                "contimg-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        while (!stopped.await(FAILURE_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
            String failure = services.failure();
            if (failure != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    return; // the JVM is already stopping: the hook closes everything
                }
                out.println("contimg " + command + ": stopping: " + failure);
                out.flush();
                services.close();
                throw new ServiceFailedException(failure);
            }
        }
    }

    /** A service could not go on; the command exits 1 with this message. */
    public static final class ServiceFailedException extends RuntimeException {
        ServiceFailedException(String reason) {
            super(reason);
        }
    }
}
