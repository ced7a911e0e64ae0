package org.dsa110.contimg.producer;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.dsa110.contimg.contract.FileEvent;

/**
 * What the producer has published: per candidate path, a fingerprint of the identity it had when last published
 * (type, size, modification time to the nanosecond, file key; 63 bits), and whether Kafka has acknowledged that
 * publication (the 64th). A scan then publishes only what is new or changed, so its cost follows the changes, not
 * the size of the tree.
 *
 * <p>What Kafka acknowledged survives a restart ({@link PublishedMemory} saves it and loads it back), so the
 * start-up scan publishes only what is new or changed since the last run, never less: a publication not yet
 * acknowledged is not saved, and is made again after a crash. Bounded: past {@code capacity} paths it remembers
 * nothing new, and those paths are published at every scan as before (correct, only dearer); a path deleted under
 * a watch is forgotten. About 170 bytes a path (a 70-character path), so 100,000 candidates take about 17 MB.
 */
public final class PublishedFiles {

    /** The bit of a remembered value that says Kafka acknowledged it; the others are the fingerprint. */
    private static final long ACKNOWLEDGED = Long.MIN_VALUE;

    private final ConcurrentHashMap<String, Long> fingerprints = new ConcurrentHashMap<>();
    private final int capacity;
    private final AtomicLong overCapacity = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();

    public PublishedFiles(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Records the event's identity as published, not yet acknowledged.
     *
     * @return {@code true} if the path is new or its identity changed since it was last published
     */
    public boolean changed(FileEvent event) {
        long fingerprint = fingerprint(event);
        Long before = fingerprints.get(event.path());
        if (before != null && (before & ~ACKNOWLEDGED) == fingerprint) {
            return false;
        }
        if (before == null && fingerprints.size() >= capacity) {
            overCapacity.incrementAndGet();
            return true;
        }
        fingerprints.put(event.path(), fingerprint);
        return true;
    }

    /** Kafka acknowledged the event: its identity, if still the one remembered, is published for good. */
    void acknowledged(FileEvent event) {
        long fingerprint = fingerprint(event);
        fingerprints.computeIfPresent(
                event.path(), (path, now) -> (now & ~ACKNOWLEDGED) == fingerprint ? fingerprint | ACKNOWLEDGED : now);
        changes.incrementAndGet();
    }

    /** How many acknowledgements and forgettings so far: what a saved copy is up to date with. */
    long changes() {
        return changes.get();
    }

    /** An identity published and acknowledged in an earlier run ({@link PublishedMemory}). */
    void restore(String path, long acknowledged) {
        if (fingerprints.size() < capacity) {
            fingerprints.put(path, acknowledged | ACKNOWLEDGED);
        }
    }

    /** Each path whose publication Kafka acknowledged, with that identity's fingerprint. */
    void forEachAcknowledged(BiConsumer<String, Long> action) {
        fingerprints.forEach((path, value) -> {
            if ((value & ACKNOWLEDGED) != 0) {
                action.accept(path, value & ~ACKNOWLEDGED);
            }
        });
    }

    /** Every path remembered, as it is now. */
    Set<String> paths() {
        return new HashSet<>(fingerprints.keySet());
    }

    /** The path is gone (a deletion under a watch): a later file of the same name is new. */
    void forget(String path) {
        if (fingerprints.remove(path) != null) {
            changes.incrementAndGet();
        }
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
        return mix(h, Objects.hashCode(event.fileKey())) & ~ACKNOWLEDGED;
    }

    /** One round of a 64-bit multiply-xorshift mix (SplitMix64's finalizer over a running value). */
    private static long mix(long h, long value) {
        long z = h ^ value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
