package org.dsa110.contimg.processors.purge;

import java.time.Instant;

/** What one check of a purge candidate came to. */
public sealed interface PurgeResult {

    /**
     * The result's name as {@code contimg housekeeping --json} writes it. Written out in each kind, not derived from
     * the class name: other programs read it, and a renamed record must not change it.
     */
    String label();

    /** Deleted whole: {@code entries} entries (the candidate included), {@code bytes} bytes of regular files. */
    record Purged(long entries, long bytes) implements PurgeResult {
        @Override
        public String label() {
            return "purged";
        }
    }

    /**
     * Idle past its rule's age, so a check would delete it: what {@link TempPurger#assess} says instead of deleting
     * ({@code contimg housekeeping --dry-run}). {@code newest} is the newest mtime inside: idle since then.
     */
    record Due(Instant newest) implements PurgeResult {
        @Override
        public String label() {
            return "due";
        }
    }

    /** Still in use: the newest mtime inside is younger than the rule's age; checked again later. */
    record Active(Instant newest) implements PurgeResult {
        @Override
        public String label() {
            return "active";
        }
    }

    /** Deleted only in part: what went, what is left, and the first reason something could not go. */
    record Partial(long entries, long bytes, long remaining, String reason) implements PurgeResult {
        @Override
        public String label() {
            return "partial";
        }
    }

    /** Gone before the check. */
    record Vanished() implements PurgeResult {
        @Override
        public String label() {
            return "vanished";
        }
    }

    /** Not this purger's to delete, whatever the request said. */
    record Rejected(String reason) implements PurgeResult {
        @Override
        public String label() {
            return "rejected";
        }
    }

    /** The check itself failed (unreadable, ...); the candidate is kept. */
    record Failed(String reason) implements PurgeResult {
        @Override
        public String label() {
            return "failed";
        }
    }
}
