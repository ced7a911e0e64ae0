package org.dsa110.contimg.contract.service;

import java.util.concurrent.atomic.AtomicReference;
import org.dsa110.contimg.contract.OneLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why a service cannot go on: set once, by whichever of its threads found out, and never silently. The first reason
 * is logged as one line, shown as an issue in the service's status (so its last snapshot says it), and returned by
 * {@link Service#failure()}, on which the command closes everything and exits non-zero (systemd's
 * {@code Restart=on-failure} and compose's {@code restart:} bring it back).
 */
public final class Failure {

    private static final Logger log = LoggerFactory.getLogger(Failure.class);

    private final String service;
    private final AtomicReference<String> reason = new AtomicReference<>();

    public Failure(String service) {
        this.service = service;
    }

    /** Records {@code what} failed, because of {@code cause}; only the first failure is the service's reason. */
    public void fail(String what, Throwable cause) {
        String line = what + ": " + OneLine.of(cause);
        if (reason.compareAndSet(null, line)) {
            log.error("The {} cannot go on: {}", service, line, cause);
        } else {
            log.error("The {} failed again: {}", service, line, cause);
        }
    }

    /** Records a failure that is a fact rather than an exception (retries given up). */
    public void fail(String line) {
        if (reason.compareAndSet(null, line)) {
            log.error("The {} cannot go on: {}", service, line);
        }
    }

    /** The first reason, or {@code null} while the service works. */
    public String reason() {
        return reason.get();
    }

    /** The issue a status shows for it ({@code the producer cannot go on: ...}), or {@code null} while it works. */
    public String issue() {
        String why = reason.get();
        return why == null ? null : "the " + service + " cannot go on: " + why;
    }

    /**
     * The task, with any exception it lets escape recorded as this failure. A task run by an executor would
     * otherwise die with its exception unseen (a scheduled task is then never run again, and nobody is told).
     */
    public Runnable guard(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                fail(what, e);
            }
        };
    }
}
