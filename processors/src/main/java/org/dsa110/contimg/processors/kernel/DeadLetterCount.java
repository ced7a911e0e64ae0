package org.dsa110.contimg.processors.kernel;

/**
 * Where a Streams application counts the records it sent to {@code contimg.dlq}, by the topic each was read from:
 * the {@code DeadLetterHandler} calls it, whichever application it serves.
 */
@FunctionalInterface
public interface DeadLetterCount {

    /** A record of {@code topic} sent to {@code contimg.dlq}: unreadable, or a processor failed on it. */
    void deadLettered(String topic);
}
