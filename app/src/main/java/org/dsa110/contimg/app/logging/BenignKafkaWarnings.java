package org.dsa110.contimg.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;

/**
 * Drops the warnings the embedded Kafka broker logs on every normal start and stop, which say nothing is wrong
 * but read to an operator as if something were. Only these exact messages go; every other warning from the same
 * loggers (an unreachable broker, a failing controller) still shows.
 */
public final class BenignKafkaWarnings extends Filter<ILoggingEvent> {

    /** Logger name to the start of the message that is routine for a single-node broker. */
    private static final Map<String, String> ROUTINE = Map.of(
            // Logged at WARN on every controller start, including a normal restart.
            "org.apache.kafka.controller.QuorumController",
            "[QuorumController id=1] Performing controller activation",
            // Logged at WARN by the broker's registration channel during every clean shutdown.
            "org.apache.kafka.clients.NetworkClient",
            "[NodeToControllerChannelManager id=1 name=registration] "
                    + "Attempting to close NetworkClient that has already been closed");

    @Override
    public FilterReply decide(ILoggingEvent event) {
        String routine = ROUTINE.get(event.getLoggerName());
        return routine != null && event.getFormattedMessage().startsWith(routine)
                ? FilterReply.DENY
                : FilterReply.NEUTRAL;
    }
}
