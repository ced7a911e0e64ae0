package org.dsa110.contimg.processors.pointing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.dsa110.contimg.contract.OneLine;
import org.dsa110.contimg.pointing.UvH5Header.UvH5Exception;

/**
 * Reads of UVH5 files off the stream thread, each waited for at most a bound, so that no file can stop the log
 * moves and purges that share the thread.
 *
 * <p>A read runs on a reader thread of its own (daemon threads, made as needed). The stream thread waits for it at
 * most {@code bound}; a read that has not finished by then is abandoned and reported "not yet readable", so the
 * extractor's retries try it again later. Abandoned, not interrupted: interrupting a thread blocked in a read of a
 * {@code FileChannel} closes the channel, and that close waits for the blocked read to return, so the interrupting
 * thread would hang in its turn (found by {@code FilesThatBlockTest} on a hung FUSE mount). The abandoned read's
 * thread stays until its call returns (a FIFO swapped in after its check, a hung network mount): while it does,
 * the same path is not read again (answered at once, "not yet readable"), and once {@code maxUnfinished} reads are
 * stuck every read is answered so at once, so threads never pile up on a dead mount.
 *
 * <p>The read's own failures are the extractor's {@link UvH5Exception}s, passed on as they are. An {@link Error} a
 * hostile file can provoke in the reading thread is turned into one: {@code InternalError} (the JVM's answer to a
 * {@code SIGBUS} on a file cut short while mapped) is "not yet readable", {@code StackOverflowError} (a chain of
 * links nested without end) and {@code OutOfMemoryError} (a header asking for more than the heap) are a wrong file.
 * The heap stays usable after the last: the allocation that failed was never made.
 */
public final class BoundedReads implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Duration bound;
    private final int maxUnfinished;
    private final Clock clock;
    private final Runnable abandoned;
    private final Map<String, Instant> unfinished = new ConcurrentHashMap<>();
    private final ExecutorService readers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "contimg-read-" + THREADS.incrementAndGet());
        thread.setDaemon(true); // a read stuck in open(2) must not keep the JVM from exiting
        return thread;
    });

    /**
     * @param bound         how long the caller waits for one read
     * @param maxUnfinished reads left running after their bound beyond which no new read is started
     * @param abandoned     told of every read abandoned after its bound (a metric)
     */
    public BoundedReads(Duration bound, int maxUnfinished, Clock clock, Runnable abandoned) {
        this.bound = bound;
        this.maxUnfinished = maxUnfinished;
        this.clock = clock;
        this.abandoned = abandoned;
    }

    /** The read's result, or a {@link UvH5Exception}; never blocks longer than the bound, never throws an Error. */
    public <T> T read(String path, Supplier<T> read) {
        Instant since = unfinished.get(path);
        if (since != null) {
            throw UvH5Exception.notYetWritten(
                    "a read of it started " + since + " has not finished (a FIFO, a device, a hung mount?)");
        }
        if (unfinished.size() >= maxUnfinished) {
            throw UvH5Exception.notYetWritten(
                    unfinished.size() + " reads of other files have not finished (a hung mount?)");
        }
        unfinished.put(path, clock.instant());
        Future<T> future;
        try {
            future = readers.submit(() -> {
                try {
                    return read.get();
                } finally {
                    unfinished.remove(path);
                }
            });
        } catch (RejectedExecutionException e) {
            unfinished.remove(path);
            throw UvH5Exception.notYetWritten("the processors are stopping");
        }
        try {
            return future.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandoned.run();
            throw UvH5Exception.notYetWritten("not read within " + bound.toMillis() + " ms (a FIFO, a device, a hung"
                    + " mount?); the read was abandoned");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UvH5Exception.notYetWritten("interrupted while it was read");
        } catch (ExecutionException e) {
            throw classified(e.getCause());
        }
    }

    private static RuntimeException classified(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof InternalError) {
            return UvH5Exception.notYetWritten("changed while it was read: " + OneLine.of(failure));
        }
        if (failure instanceof StackOverflowError) {
            return new UvH5Exception("nested too deeply to read (a cycle of links?)");
        }
        if (failure instanceof OutOfMemoryError) {
            return new UvH5Exception("asks for more memory than a header can need: " + OneLine.of(failure));
        }
        if (failure instanceof Error error) {
            throw error; // a fault of the JVM itself, not of the file: let the stream thread's handler see it
        }
        return new IllegalStateException(OneLine.of(failure), failure);
    }

    /** Reads still running past their bound. */
    int unfinished() {
        return unfinished.size();
    }

    /** Stops starting reads, interrupting none (see above); those still stuck are daemon threads. */
    @Override
    public void close() {
        readers.shutdown();
    }
}
