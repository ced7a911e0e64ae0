package org.dsa110.contimg.processors.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The entries of a state store that a punctuation should act on, copied out first: a store must not be written
 * while one of its iterators is open, and acting on an entry writes (or deletes) it.
 */
public final class DueEntries {

    private DueEntries() {}

    public static <K, V> List<KeyValue<K, V>> of(KeyValueStore<K, V> store, Predicate<V> due) {
        List<KeyValue<K, V>> selected = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> {
                if (due.test(entry.value)) {
                    selected.add(entry);
                }
            });
        }
        return selected;
    }
}
