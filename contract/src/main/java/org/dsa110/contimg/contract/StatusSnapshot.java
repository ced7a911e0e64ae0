package org.dsa110.contimg.contract;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The latest state of one running component: the value of {@code contimg.status} (compacted), keyed by
 * {@link #component()}, so other services read the newest snapshot of each component.
 *
 * @param schema    wire version of this record
 * @param component stable id of the component, e.g. {@code producer@host} or {@code pointing-monitor}
 * @param host      host the component runs on
 * @param timestamp when the snapshot was taken
 * @param startedAt when the component started
 * @param running   {@code false} in the last snapshot a component publishes while stopping
 * @param healthy   {@code false} whenever {@link #issues()} is not empty
 * @param issues    one readable line per problem, empty when healthy
 * @param metrics   counters and gauges, flat (names in snake_case)
 * @param details   component-specific sections (watched directories, per-stage counts, consumer lag, ...)
 */
public record StatusSnapshot(
        int schema,
        String component,
        String host,
        Instant timestamp,
        Instant startedAt,
        boolean running,
        boolean healthy,
        List<String> issues,
        Map<String, Object> metrics,
        Map<String, Object> details) {

    public static final int SCHEMA = 1;

    /** A snapshot of this schema taken at {@code now}; healthy exactly when there is no issue. */
    public static StatusSnapshot of(
            String component,
            String host,
            Instant now,
            Instant startedAt,
            boolean running,
            List<String> issues,
            Map<String, Object> metrics,
            Map<String, Object> details) {
        return new StatusSnapshot(
                SCHEMA, component, host, now, startedAt, running, issues.isEmpty(), issues, metrics, details);
    }

    public StatusSnapshot {
        Objects.requireNonNull(component, "component");
        issues = issues == null ? List.of() : List.copyOf(issues);
        // Ordered and null-tolerant: the status file keeps the old monitor's field order and its null times.
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
