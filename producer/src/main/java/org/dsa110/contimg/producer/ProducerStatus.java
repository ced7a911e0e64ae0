package org.dsa110.contimg.producer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.config.WatchedDirectories;
import org.dsa110.contimg.contract.service.Failure;
import org.dsa110.contimg.contract.status.StatusFields;

/**
 * The producer's {@link StatusSnapshot} ({@code contimg.status}, key {@code producer@<host>}), read from its
 * {@link ProducerParts}. Its field names are a public contract (documented in {@code docs/status.md}, read by the
 * dashboard and by other services): {@link Metrics} and {@link Details} name them, in their order on the wire.
 */
final class ProducerStatus {

    /** How long a failed delivery stays an issue. */
    private static final Duration RECENT_FAILURES = Duration.ofMinutes(5);
    /** How long a rescan's unannounced files stay an issue: watching that failed once is suspect for a while. */
    private static final Duration UNANNOUNCED_SHOWN = Duration.ofHours(1);

    /** The snapshot's {@code metrics}, flat. */
    record Metrics(
            long eventsPublished,
            long eventsAcknowledged,
            long eventsFailed,
            long eventsInFlight,
            long eventsCoalesced,
            int watchedDirectories,
            long overflowCount,
            long watchModeChanges,
            long scans,
            Instant lastScanAt,
            long lastScanDurationMs,
            long lastScanEntries,
            long lastScanCandidates,
            long lastScanPublished,
            long lastScanUnannounced,
            long unannouncedTotal,
            Instant lastUnannouncedAt,
            long rescanUnchangedTotal,
            int candidatesRemembered,
            long candidatesNotRemembered,
            long lastScanToMove,
            long scanErrors,
            long badNames,
            String lastDeliveryError,
            Instant lastDeliveryErrorAt) {}

    /** The snapshot's {@code details}. */
    record Details(
            String watchMode,
            List<LiveWatching.ModeChange> watchModeChanges,
            List<String> roots,
            String filter,
            long coalesceWindowMs) {}

    private final ProducerSettings settings;
    private final ProducerParts parts;
    private final Failure failure;
    private final Clock clock;
    private final Instant startedAt;

    ProducerStatus(ProducerSettings settings, ProducerParts parts, Failure failure, Clock clock) {
        this.settings = settings;
        this.parts = parts;
        this.failure = failure;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    StatusSnapshot snapshot(boolean running) {
        Instant now = clock.instant();
        return StatusSnapshot.of(
                settings.componentId(),
                settings.host(),
                now,
                startedAt,
                running,
                issues(now),
                StatusFields.of(metrics()),
                StatusFields.of(details()));
    }

    private List<String> issues(Instant now) {
        List<String> issues = WatchedDirectories.issues(settings.roots());
        if (failure.reason() != null) {
            issues.add(failure.issue());
        }
        String unavailable = parts.watching().unavailableReason();
        if (unavailable != null) {
            issues.add("live watching unavailable (" + unavailable + "): scanning every "
                    + settings.pollInterval().toSeconds() + " s");
        }
        EventPublisher.DeliveryError error = parts.publisher().lastError();
        if (error != null && error.at().isAfter(now.minus(RECENT_FAILURES))) {
            issues.add(parts.publisher().failed() + " events could not be delivered to Kafka (last: " + error.reason()
                    + "); a rescan republishes what is still in place");
        }
        UnannouncedFiles.Find found = parts.unannounced().lastFind();
        if (found != null && found.at().isAfter(now.minus(UNANNOUNCED_SHOWN))) {
            issues.add(found.count() + " new or changed files were found by the rescan of " + found.at()
                    + " but not reported by live watching (first: " + Names.printable(Path.of(found.first()))
                    + "): watching may be failing here");
        }
        return issues;
    }

    private Metrics metrics() {
        EventPublisher publisher = parts.publisher();
        TreeScanner.Result scan = parts.scans().last();
        EventPublisher.DeliveryError error = publisher.lastError();
        UnannouncedFiles.Find last = parts.unannounced().last();
        UnannouncedFiles.Find lastFind = parts.unannounced().lastFind();
        return new Metrics(
                publisher.published(),
                publisher.acknowledged(),
                publisher.failed(),
                publisher.inFlight(),
                parts.watchEvents().coalesced(),
                parts.watching().watchedDirectories(),
                parts.watchEvents().overflows(),
                parts.watching().changeCount(),
                parts.scans().scans(),
                parts.scans().lastAt(),
                scan.nanos() / 1_000_000,
                scan.entries(),
                scan.candidates(),
                scan.published(),
                last == null ? 0 : last.count(),
                parts.unannounced().total(),
                lastFind == null ? null : lastFind.at(),
                parts.scans().unchangedTotal(),
                publisher.remembered(),
                publisher.notRemembered(),
                scan.toMove(),
                parts.skipped().scanErrors(),
                parts.skipped().badNames(),
                error == null ? null : error.reason(),
                error == null ? null : error.at());
    }

    private Details details() {
        return new Details(
                parts.watching().mode().label(),
                parts.watching().changes(),
                settings.roots().stream().map(Path::toString).toList(),
                settings.filter().toString(),
                settings.coalesceWindow().toMillis());
    }
}
