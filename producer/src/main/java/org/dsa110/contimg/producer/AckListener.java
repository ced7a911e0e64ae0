package org.dsa110.contimg.producer;

import org.dsa110.contimg.contract.FileEvent;

/** Hears when a file event is acknowledged by the broker (benchmarks measure latency with it). */
@FunctionalInterface
public interface AckListener {
    void acknowledged(FileEvent event, long ackNanoTime);
}
