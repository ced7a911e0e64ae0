package org.dsa110.contimg.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class BenignKafkaWarningsTest {

    private final BenignKafkaWarnings filter = new BenignKafkaWarnings();
    private final LoggerContext context = new LoggerContext();

    @Test
    void dropsTheRoutineStartAndStopWarnings() {
        assertThat(
                        decide(
                                "org.apache.kafka.controller.QuorumController",
                                "[QuorumController id=1] Performing controller activation. The metadata log appears to be empty."))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide(
                        "org.apache.kafka.clients.NetworkClient",
                        "[NodeToControllerChannelManager id=1 name=registration] Attempting to close NetworkClient that "
                                + "has already been closed."))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void keepsEveryOtherWarningOfTheSameLoggers() {
        assertThat(
                        decide(
                                "org.apache.kafka.clients.NetworkClient",
                                "[AdminClient clientId=contimg-up] Connection to node -1 (/127.0.0.1:9092) could not be established."))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(
                        "org.apache.kafka.controller.QuorumController",
                        "[QuorumController id=1] Renouncing leadership due to a metadata log event."))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    private FilterReply decide(String logger, String message) {
        var event = new LoggingEvent(getClass().getName(), context.getLogger(logger), Level.WARN, message, null, null);
        return filter.decide(event);
    }
}
