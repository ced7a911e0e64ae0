package org.dsa110.contimg.processors;

import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.LogMoveRequest;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.PointingRequest;
import org.dsa110.contimg.contract.TempPurgeRequest;
import org.dsa110.contimg.contract.json.JsonSerde;
import org.dsa110.contimg.contract.topics.Topic;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.pointing.PointingExtractor;
import org.dsa110.contimg.processors.classify.Classifier;
import org.dsa110.contimg.processors.classify.Route;
import org.dsa110.contimg.processors.kernel.HostAffinity;
import org.dsa110.contimg.processors.kernel.Outcomes;
import org.dsa110.contimg.processors.kernel.ProcessorsMetrics;
import org.dsa110.contimg.processors.logs.LogMoveProcessor;
import org.dsa110.contimg.processors.logs.LogMover;
import org.dsa110.contimg.processors.logs.PendingMove;
import org.dsa110.contimg.processors.pointing.ExtractedFile;
import org.dsa110.contimg.processors.pointing.ExtractorOutput;
import org.dsa110.contimg.processors.pointing.PendingExtraction;
import org.dsa110.contimg.processors.pointing.PointingExtractProcessor;
import org.dsa110.contimg.processors.purge.PurgeCandidate;
import org.dsa110.contimg.processors.purge.TempPurgeProcessor;
import org.dsa110.contimg.processors.purge.TempPurger;

/**
 * The processors' topology, apart from any {@code main} so tests build the very same one:
 * <pre>
 * contimg.fs-events ─ classify ─┬─> contimg.log-moves ─────────> LogMover ───┐
 *                               ├─> contimg.temp-purges ───────> TempPurger ─┼─> contimg.outcomes
 *                               ├─> contimg.pointing-requests ─> PointingExtractor ─┬─> contimg.pointing
 *                               │   stores: pointing-pending (retries due),         └─> contimg.outcomes
 *                               │           pointing-extracted (what it has done, by file identity)
 *                               └─> (rejected) ──────────────────────────────┘
 * </pre>
 * What needs every host's observations at once (calibrator transits, their best files, campaigns) is the
 * cluster's calibration application's ({@link org.dsa110.contimg.processors.calibration.CalibrationTopology}).
 * Each arrow out of {@code classify} is a named branch of one {@code split()} ({@code route-log-move},
 * {@code route-temp-purge}, {@code route-pointing}, {@code route-rejected}); an event no branch takes (no rule, a
 * deletion, a temporary name) is dropped there, counted by reason in the processors' status. A record no step can
 * read (the registry's serdes refuse it: no key, a tombstone, no host, an unknown kind, too large) never enters: it
 * goes to {@code contimg.dlq} ({@link DeadLetterHandler}).
 */
public final class ProcessorsTopology {

    private ProcessorsTopology() {}

    /** The route of one event, carried between the classify and the fan-out steps (never serialized). */
    private record Routed(FileEvent event, Route route) {}

    public static Topology build(ProcessorsSettings settings, ProcessorsMetrics metrics, Clock clock) {
        var builder = new StreamsBuilder();
        var outcomes = new Outcomes(settings.componentId(), settings.host(), clock, metrics);
        var mine = new HostAffinity(settings.host(), metrics);
        classify(builder, settings, mine, metrics, outcomes, clock);
        moveLogs(builder, settings, mine, outcomes, clock);
        purgeTemps(builder, settings, mine, outcomes, clock);
        extractPointings(builder, settings, mine, metrics, outcomes, clock);
        return builder.build();
    }

    /** {@code contimg.fs-events} to the three request topics, or a rejection on {@code contimg.outcomes}. */
    private static void classify(
            StreamsBuilder builder,
            ProcessorsSettings settings,
            HostAffinity mine,
            ProcessorsMetrics metrics,
            Outcomes outcomes,
            Clock clock) {
        var classifier = new Classifier(settings.paths(), settings.roots(), settings.purgeRules());
        from(builder, Topics.FS_EVENTS)
                .filter((path, event) -> mine.owns(event), Named.as("this-hosts-events"))
                .mapValues(event -> route(classifier, metrics, event), Named.as("classify"))
                .split(Named.as("route-"))
                .branch(
                        (path, r) -> r.route() instanceof Route.LogMove,
                        Branched.withConsumer(
                                logMoves -> logMoves.mapValues(
                                                r -> new LogMoveRequest(r.event(), clock.instant()),
                                                Named.as("to-log-move-request"))
                                        .to(Topics.LOG_MOVES.name(), produced(Topics.LOG_MOVES)),
                                "log-move"))
                .branch(
                        (path, r) -> r.route() instanceof Route.TempPurge,
                        Branched.withConsumer(
                                purges -> purges.mapValues(
                                                r -> new TempPurgeRequest(
                                                        r.event(),
                                                        ((Route.TempPurge) r.route()).rule(),
                                                        clock.instant()),
                                                Named.as("to-temp-purge-request"))
                                        .to(Topics.TEMP_PURGES.name(), produced(Topics.TEMP_PURGES)),
                                "temp-purge"))
                .branch(
                        (path, r) -> r.route() instanceof Route.Pointing,
                        Branched.withConsumer(
                                pointings -> pointings
                                        .mapValues(
                                                r -> new PointingRequest(r.event(), clock.instant()),
                                                Named.as("to-pointing-request"))
                                        .to(Topics.POINTING_REQUESTS.name(), produced(Topics.POINTING_REQUESTS)),
                                "pointing"))
                .branch(
                        (path, r) -> r.route() instanceof Route.Rejected,
                        Branched.withConsumer(
                                rejected -> rejected.mapValues(
                                                r -> outcomes.rejected(
                                                        Outcome.Stage.CLASSIFY,
                                                        r.event().path(),
                                                        ((Route.Rejected) r.route()).reason(),
                                                        null),
                                                Named.as("to-rejection"))
                                        .to(Topics.OUTCOMES.name(), produced(Topics.OUTCOMES)),
                                "rejected"))
                // Dropped events (no rule, a deletion, a temporary name) end here, counted by route().
                .noDefaultBranch();
    }

    /** {@code contimg.log-moves} through the {@link LogMover} to {@code contimg.outcomes}. */
    private static void moveLogs(
            StreamsBuilder builder, ProcessorsSettings settings, HostAffinity mine, Outcomes outcomes, Clock clock) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LogMoveProcessor.STORE),
                Serdes.String(),
                JsonSerde.of(PendingMove.class)));
        var mover = new LogMover(settings.paths().root(), settings.paths().logDir(), settings.quiescence(), clock);
        from(builder, Topics.LOG_MOVES)
                .filter((path, request) -> mine.owns(request.event()), Named.as("this-hosts-log-moves"))
                .process(
                        () -> new LogMoveProcessor(mover, outcomes, clock),
                        Named.as("log-mover"),
                        LogMoveProcessor.STORE)
                .to(Topics.OUTCOMES.name(), produced(Topics.OUTCOMES));
    }

    /** {@code contimg.temp-purges} through the {@link TempPurger} to {@code contimg.outcomes}. */
    private static void purgeTemps(
            StreamsBuilder builder, ProcessorsSettings settings, HostAffinity mine, Outcomes outcomes, Clock clock) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TempPurgeProcessor.STORE),
                Serdes.String(),
                JsonSerde.of(PurgeCandidate.class)));
        var purger = new TempPurger(settings.purgeRules(), clock);
        from(builder, Topics.TEMP_PURGES)
                .filter((path, request) -> mine.owns(request.event()), Named.as("this-hosts-temp-purges"))
                .process(
                        () -> new TempPurgeProcessor(purger, outcomes, settings.purgeInterval(), clock),
                        Named.as("temp-purger"),
                        TempPurgeProcessor.STORE)
                .to(Topics.OUTCOMES.name(), produced(Topics.OUTCOMES));
    }

    /**
     * {@code contimg.pointing-requests} through the {@link PointingExtractProcessor} to {@code contimg.pointing} (an
     * observation) or {@code contimg.outcomes} (everything else).
     */
    private static void extractPointings(
            StreamsBuilder builder,
            ProcessorsSettings settings,
            HostAffinity mine,
            ProcessorsMetrics metrics,
            Outcomes outcomes,
            Clock clock) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PointingExtractProcessor.STORE),
                Serdes.String(),
                JsonSerde.of(PendingExtraction.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PointingExtractProcessor.DONE_STORE),
                Serdes.String(),
                JsonSerde.of(ExtractedFile.class)));
        var extractor = new PointingExtractor(settings.nameTolerance());
        from(builder, Topics.POINTING_REQUESTS)
                .filter((path, request) -> mine.owns(request.event()), Named.as("this-hosts-pointing-requests"))
                .process(
                        () -> new PointingExtractProcessor(
                                extractor,
                                settings.paths().uvh5Sources(),
                                outcomes,
                                metrics,
                                settings.retryBackoff(),
                                settings.readBound(),
                                clock),
                        Named.as("pointing-extractor"),
                        PointingExtractProcessor.STORE,
                        PointingExtractProcessor.DONE_STORE)
                .split(Named.as("extracted-"))
                .branch(
                        (path, out) -> out instanceof ExtractorOutput.Observed,
                        Branched.withConsumer(
                                observed -> observed.mapValues(
                                                out -> ((ExtractorOutput.Observed) out).observation(),
                                                Named.as("to-observation"))
                                        .to(Topics.POINTING.name(), produced(Topics.POINTING)),
                                "observation"))
                .defaultBranch(Branched.withConsumer(
                        reported -> reported.mapValues(
                                        out -> ((ExtractorOutput.Reported) out).outcome(),
                                        Named.as("to-extraction-outcome"))
                                .to(Topics.OUTCOMES.name(), produced(Topics.OUTCOMES)),
                        "outcome"));
    }

    private static <K, V> KStream<K, V> from(StreamsBuilder builder, Topic<K, V> topic) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()));
    }

    private static <K, V> Produced<K, V> produced(Topic<K, V> topic) {
        return Produced.with(topic.keySerde(), topic.valueSerde());
    }

    private static Routed route(Classifier classifier, ProcessorsMetrics metrics, FileEvent event) {
        Route route = classifier.classify(event);
        if (route instanceof Route.Dropped dropped) {
            metrics.dropped(dropped.reason());
        } else {
            metrics.routed(route.label());
        }
        return new Routed(event, route);
    }
}
