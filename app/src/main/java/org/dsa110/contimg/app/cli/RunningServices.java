package org.dsa110.contimg.app.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a command has started, closed in reverse order: the services stop (flushing to Kafka) before the broker
 * they write to. A failure to close one is logged and does not keep the others running.
 */
public final class RunningServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningServices.class);

    private record Entry(String name, AutoCloseable service) {
    }

    private final Deque<Entry> started = new ArrayDeque<>();

    public synchronized <T extends AutoCloseable> T add(String name, T service) {
        started.push(new Entry(name, service));
        return service;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            Entry entry = started.pop();
            try {
                entry.service().close();
                log.info("Stopped {}", entry.name());
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", entry.name(), e.toString());
            }
        }
    }
}
