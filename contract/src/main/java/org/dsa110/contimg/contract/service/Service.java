package org.dsa110.contimg.contract.service;

/**
 * The one shape of every long-running part of the pipeline: the producer, the processors, the sink and the
 * embedded broker. Made by a constructor that only assembles (no threads, no sockets), started by
 * {@link #start()}, stopped by {@link #close()}; a command runs a list of them ({@link Services}).
 */
public interface Service extends AutoCloseable {

    /** Short name for the logs: {@code producer}, {@code processors}, {@code sink}, {@code Kafka broker}. */
    String name();

    /**
     * Starts the work and returns once it runs.
     *
     * @throws Exception when it cannot start; the caller closes it
     */
    void start() throws Exception;

    /** One line for the operator once started: what it does and where. */
    String describe();

    /**
     * Why it stopped working by itself (a thread that died, retries given up), or {@code null} while it works; the
     * command running it then closes everything and exits non-zero. See {@link Failure}.
     */
    default String failure() {
        return null;
    }

    /** Stops, flushing what it holds (last status, last batch). Bounded in time; never throws. */
    @Override
    void close();
}
