package org.dsa110.contimg.contract;

import java.time.Instant;
import java.util.Objects;

/**
 * A directory matching a purge rule: the value of {@code contimg.temp-purges}, keyed by {@link #path()}.
 * The purger keeps it as a candidate and deletes it only once it has been idle for the rule's age.
 *
 * @param schema      wire version of this record
 * @param path        absolute path of the candidate directory
 * @param rule        name of the purge rule that matched, for the audit trail (the purger re-checks its own rules)
 * @param requestedAt when the classifier routed the event
 * @param event       the file event that led to this request
 */
public record TempPurgeRequest(int schema, String path, String rule, Instant requestedAt, FileEvent event) {

    public static final int SCHEMA = 1;

    public TempPurgeRequest {
        Objects.requireNonNull(path, "path");
    }

    public TempPurgeRequest(FileEvent event, String rule, Instant requestedAt) {
        this(SCHEMA, event.path(), rule, requestedAt, event);
    }
}
