package org.dsa110.contimg.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command alive until SIGINT (Ctrl-C) or SIGTERM (systemd, docker), then closes what it
 * runs from the JVM's shutdown hook, the way Kafka's own examples do: the hook returns only once everything is
 * closed, so buffered work is flushed before the JVM exits.
 */
public final class UntilStopped {

    private UntilStopped() {
    }

    public static void await(String name, AutoCloseable running, PrintWriter out) throws InterruptedException {
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("contimg " + name + ": stopping");
            out.flush();
            try {
                running.close();
                out.println("contimg " + name + ": stopped");
            } catch (Exception e) {
                out.println("contimg " + name + ": error while stopping: " + e.getMessage());
            } finally {
                out.flush();
                stopped.countDown();
            }
        }, "contimg-shutdown"));
        stopped.await();
    }
}
