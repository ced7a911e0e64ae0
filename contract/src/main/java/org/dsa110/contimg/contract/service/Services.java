package org.dsa110.contimg.contract.service;

import java.util.ArrayDeque;
import java.util.Deque;
import org.dsa110.contimg.contract.OneLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Services started in order and closed in reverse: the services stop (flushing to Kafka) before the broker they
 * write to, the API before the store it reads. A failure to close one is logged and does not keep the others
 * running.
 */
public final class Services implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Services.class);

    private final Deque<Service> started = new ArrayDeque<>();

    /**
     * Starts the service and keeps it to close with the others.
     *
     * @throws Exception what {@link Service#start()} threw, once the service is closed
     */
    public synchronized <T extends Service> T start(T service) throws Exception {
        try {
            service.start();
        } catch (Exception | Error e) {
            service.close();
            throw e;
        }
        started.push(service);
        return service;
    }

    /** The first started service's failure ({@link Service#failure()}), as {@code "<name>: <reason>"}, or null. */
    public synchronized String failure() {
        for (var it = started.descendingIterator(); it.hasNext(); ) {
            Service service = it.next();
            String reason = service.failure();
            if (reason != null) {
                return service.name() + ": " + reason;
            }
        }
        return null;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            Service service = started.pop();
            try {
                service.close();
                log.info("Stopped {}", service.name());
            } catch (RuntimeException e) {
                log.warn("Stopping {} failed: {}", service.name(), OneLine.of(e));
            }
        }
    }
}
