package org.dsa110.contimg.sink.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dsa110.contimg.contract.StatusSnapshot;

/**
 * The newest snapshot of every other component on {@code contimg.status}, and what they say about the pipeline's
 * health: a component that stopped reporting (its last snapshot older than {@link #STALE}), one that stopped, and
 * every issue a running one reports.
 */
public final class ComponentStatuses {

    static final Duration STALE = Duration.ofMinutes(2);

    private final String self;
    private final Map<String, StatusSnapshot> latest = new TreeMap<>();

    /** @param self this monitor's own key, whose snapshots it writes and does not judge */
    public ComponentStatuses(String self) {
        this.self = self;
    }

    /** Keeps the snapshot if it is the newest of its component; a tombstone forgets a retired component. */
    public synchronized void record(String component, StatusSnapshot snapshot) {
        if (component == null || component.equals(self)) {
            return;
        }
        if (snapshot == null) {
            latest.remove(component);
            return;
        }
        StatusSnapshot previous = latest.get(component);
        if (previous == null
                || previous.timestamp() == null
                || snapshot.timestamp() != null && !snapshot.timestamp().isBefore(previous.timestamp())) {
            latest.put(component, snapshot);
        }
    }

    /**
     * What every other component says, issues and sections read under one lock: a snapshot that arrives while the
     * status is assembled is in both or in neither, never a component shown without its issues.
     */
    public record View(List<String> issues, Map<String, Object> sections) {}

    public synchronized View view(Instant now) {
        return new View(issues(now), sections(now));
    }

    private List<String> issues(Instant now) {
        List<String> issues = new ArrayList<>();
        for (StatusSnapshot snapshot : latest.values()) {
            String name = snapshot.component();
            if (!snapshot.running()) {
                issues.add(name + " stopped at " + snapshot.timestamp());
                continue;
            }
            Duration age = snapshot.timestamp() == null ? null : Duration.between(snapshot.timestamp(), now);
            if (age == null || age.compareTo(STALE) > 0) {
                issues.add(name + " has not reported for " + (age == null ? "an unknown time" : age.toSeconds() + " s")
                        + " (last snapshot " + snapshot.timestamp() + ")");
            }
            for (String issue : snapshot.issues()) {
                issues.add(name + ": " + issue);
            }
        }
        return issues;
    }

    /** Each component's last snapshot, by component id, for the status file's {@code components} section. */
    private Map<String, Object> sections(Instant now) {
        var sections = new LinkedHashMap<String, Object>();
        for (StatusSnapshot snapshot : latest.values()) {
            var section = new LinkedHashMap<String, Object>();
            section.put("host", snapshot.host());
            section.put("running", snapshot.running());
            section.put("healthy", snapshot.healthy());
            section.put(
                    "timestamp",
                    snapshot.timestamp() == null ? null : snapshot.timestamp().toString());
            section.put(
                    "age_seconds",
                    snapshot.timestamp() == null
                            ? null
                            : Math.max(
                                    0,
                                    Duration.between(snapshot.timestamp(), now).toSeconds())); // clocks differ
            section.put("issues", snapshot.issues());
            section.putAll(snapshot.details());
            section.put("metrics", snapshot.metrics());
            sections.put(snapshot.component(), section);
        }
        return sections;
    }
}
