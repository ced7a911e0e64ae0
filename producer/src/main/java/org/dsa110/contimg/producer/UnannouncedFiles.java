package org.dsa110.contimg.producer;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What periodic rescans find new or changed that no watch event announced: the best sign that live watching is
 * failing here (a network filesystem). A rescan's finds are held until a watch event announces them (one that was
 * only in flight when the scan listed the file) or {@link #count} is called a moment after the scan; what is still
 * unannounced then is counted, and the last rescan that found any is kept for the status.
 */
final class UnannouncedFiles {

    /** The unannounced files of one periodic rescan: how many, the first, when. */
    record Find(int count, String first, Instant at) {}

    /** Per periodic rescan not yet counted, its new or changed candidates not yet announced. */
    private final List<Set<String>> pending = new CopyOnWriteArrayList<>();
    /** The finds of the periodic rescan now running, {@code null} between them. Used on the scanner thread only. */
    private Set<String> current;

    private final AtomicLong total = new AtomicLong();
    private final AtomicReference<Find> last = new AtomicReference<>();
    private final AtomicReference<Find> lastFind = new AtomicReference<>();

    /** A periodic rescan begins: its finds are held from now. On the scanner thread. */
    Set<String> begin() {
        Set<String> finds = ConcurrentHashMap.newKeySet();
        pending.add(finds);
        current = finds;
        return finds;
    }

    /** The periodic rescan ends; its finds are counted by {@link #count} a moment later. On the scanner thread. */
    void end() {
        current = null;
    }

    /** A candidate the running periodic rescan found new or changed, if one is running. On the scanner thread. */
    void found(String path) {
        Set<String> finds = current;
        if (finds != null) {
            finds.add(path);
        }
    }

    /** A watch event announced {@code path}: no rescan's find. */
    void announced(String path) {
        for (Set<String> finds : pending) {
            finds.remove(path);
        }
    }

    /**
     * Counts a rescan's finds that are still unannounced.
     *
     * @return them, sorted
     */
    List<String> count(Set<String> finds, Instant at) {
        pending.remove(finds);
        List<String> paths = finds.stream().sorted().toList();
        total.addAndGet(paths.size());
        var found = new Find(paths.size(), paths.isEmpty() ? null : paths.get(0), at);
        last.set(found);
        if (!paths.isEmpty()) {
            lastFind.set(found);
        }
        return paths;
    }

    long total() {
        return total.get();
    }

    /** What the last counted rescan found, {@code null} before the first. */
    Find last() {
        return last.get();
    }

    /** The last counted rescan that found any, {@code null} if none has. */
    Find lastFind() {
        return lastFind.get();
    }
}
