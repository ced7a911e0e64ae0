package org.dsa110.contimg.processors;

import java.time.Clock;
import org.dsa110.contimg.events.Outcome;

/** Makes the processors' outcomes, stamped with this instance's component id, host and clock. */
public final class Outcomes {

    private final ProcessorSettings settings;
    private final Clock clock;
    private final ProcessorMetrics metrics;

    public Outcomes(ProcessorSettings settings, Clock clock, ProcessorMetrics metrics) {
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Outcome of(String path, Outcome.Stage stage, Outcome.Result result, String detail, String target,
                      Long bytes, Long entries, Integer attempt) {
        metrics.outcome(stage, result);
        return new Outcome(Outcome.SCHEMA, path, stage, result, detail, target, bytes, entries, attempt,
                settings.componentId(), settings.host(), clock.instant());
    }

    public Outcome of(String path, Outcome.Stage stage, Outcome.Result result, String detail) {
        return of(path, stage, result, detail, null, null, null, null);
    }
}
