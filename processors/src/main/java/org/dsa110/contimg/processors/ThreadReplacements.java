package org.dsa110.contimg.processors;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How often a failed stream thread is replaced before the processors give up. A thread dies of what the processors
 * could not turn into an outcome: a lost broker, a full disk under the state stores, or a bug. The first are
 * transient and a new thread gets on; a bug fails every new thread the same way, and replacing it for ever would
 * hide it. So at most {@code max} replacements within {@code window}, then the processors stop, saying why.
 *
 * @param max    replacements allowed within the window
 * @param window how far back replacements count
 */
public record ThreadReplacements(int max, Duration window) {

    public static final ThreadReplacements DEFAULT = new ThreadReplacements(3, Duration.ofMinutes(10));

    public ThreadReplacements {
        if (max < 0) {
            throw new IllegalArgumentException("--max-thread-replacements must be 0 or more: " + max);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("--thread-replacement-window must be positive: " + window);
        }
    }

    /** The replacements made, newest last; one per processors instance, touched by dying stream threads. */
    public final class Count {
        private final Deque<Instant> made = new ArrayDeque<>();

        /** Whether a thread that died at {@code now} may be replaced; if so, the replacement is counted. */
        public synchronized boolean replace(Instant now) {
            forgetBefore(now);
            if (made.size() >= max) {
                return false;
            }
            made.addLast(now);
            return true;
        }

        /** Replacements within the window before {@code now}. */
        public synchronized int recent(Instant now) {
            forgetBefore(now);
            return made.size();
        }

        private void forgetBefore(Instant now) {
            while (!made.isEmpty() && !made.peekFirst().isAfter(now.minus(window))) {
                made.removeFirst();
            }
        }
    }

    public Count count() {
        return new Count();
    }
}
