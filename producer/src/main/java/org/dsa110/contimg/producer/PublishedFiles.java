package org.dsa110.contimg.producer;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dsa110.contimg.contract.FileEvent;

/**
 * What the producer has published in this run: per candidate path, a 64-bit fingerprint of the identity it had
 * when last published (type, size, modification time to the nanosecond, file key). A rescan then publishes only
 * what is new or changed, so its cost follows the changes, not the size of the tree.
 *
 * <p>Lives in memory only: a restart forgets it, and the start-up scan publishes everything once (the extractor's
 * own memory makes that cheap). Bounded: past {@code capacity} paths it remembers nothing new, and those paths are
 * published at every rescan as before (correct, only dearer); a path deleted under a watch is forgotten. About
 * 170 bytes a path (a 70-character path), so 100,000 candidates take about 17 MB.
 */
public final class PublishedFiles {

    private final ConcurrentHashMap<String, Long> fingerprints = new ConcurrentHashMap<>();
    private final int capacity;
    private final AtomicLong overCapacity = new AtomicLong();

    public PublishedFiles(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Records the event's identity as published.
     *
     * @return {@code true} if the path is new to this run or its identity changed since it was last published
     */
    public boolean changed(FileEvent event) {
        long fingerprint = fingerprint(event);
        Long before = fingerprints.get(event.path());
        if (before != null && before == fingerprint) {
            return false;
        }
        if (before == null && fingerprints.size() >= capacity) {
            overCapacity.incrementAndGet();
            return true;
        }
        fingerprints.put(event.path(), fingerprint);
        return true;
    }

    /** The path is gone (a deletion under a watch): a later file of the same name is new. */
    void forget(String path) {
        fingerprints.remove(path);
    }

    public int size() {
        return fingerprints.size();
    }

    /** Paths not remembered because the memory was full. */
    long overCapacity() {
        return overCapacity.get();
    }

    private static long fingerprint(FileEvent event) {
        long h = 1469598103934665603L;
        h = mix(h, event.type() == null ? -1 : event.type().ordinal());
        h = mix(h, event.sizeBytes() == null ? -1 : event.sizeBytes());
        h = mix(h, event.mtime() == null ? -1 : event.mtime().getEpochSecond());
        h = mix(h, event.mtime() == null ? -1 : event.mtime().getNano());
        return mix(h, Objects.hashCode(event.fileKey()));
    }

    /** One round of a 64-bit multiply-xorshift mix (SplitMix64's finalizer over a running value). */
    private static long mix(long h, long value) {
        long z = h ^ value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
