package org.dsa110.contimg.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.Membership;
import org.dsa110.contimg.contract.service.Failure;
import org.dsa110.contimg.contract.testing.ManualClock;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deterministic bug in a stream thread, on a real broker: every replacement thread meets the same record and dies
 * the same way. The processors must not loop for ever: after the budget, the client shuts down and says why.
 */
@ExtendWith(SharedKafka.class)
class StreamThreadSupervisorTest {

    @TempDir
    Path state;

    @Test
    void aThreadThatFailsEveryTimeStopsTheClientAfterTheBudgetSayingWhy(TestBroker broker) throws Exception {
        KafkaSettings kafka = broker.settings();
        String topic = "test-poisoned-" + UUID.randomUUID();
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (var producer =
                new KafkaProducer<>(kafka.producer("test-poison"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", "the record every thread dies on"))
                    .get();
        }
        var deaths = new AtomicInteger();
        var builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> {
            deaths.incrementAndGet();
            // An Error, as a bug would throw: no processing-exception handler turns it into a dead letter.
            throw new AssertionError("a bug in the test topology");
        });
        var failure = new Failure("processors");
        var supervisor = new StreamThreadSupervisor(
                new ThreadReplacements(2, Duration.ofMinutes(10)), failure, Clock.systemUTC());
        try (var streams = new KafkaStreams(
                builder.build(),
                StreamsSettings.of(
                        kafka,
                        "test-supervisor-" + UUID.randomUUID(),
                        state,
                        // The dead thread's consumer does not leave its group: a replacement's rebalance waits for
                        // its session to time out, so a short one keeps the test short.
                        new Membership("supervisor-test", Duration.ofSeconds(6))))) {
            supervisor.watch(streams);
            streams.start();
            // Awaitility would take the stream threads' deaths for the test's own failure.
            Awaitility.await()
                    .dontCatchUncaughtExceptions()
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> failure.reason() != null);
            assertThat(failure.reason())
                    .startsWith("a stream thread died after 2 replacements in 600 s")
                    .contains("a bug in the test topology");
            assertThat(deaths.get())
                    .as("the first thread and its two replacements")
                    .isEqualTo(3);
            Awaitility.await()
                    .dontCatchUncaughtExceptions()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> streams.state() == KafkaStreams.State.ERROR
                            || streams.state() == KafkaStreams.State.NOT_RUNNING);
            assertThat(supervisor.issue()).startsWith("replaced 2 failed stream thread(s) in the last 600 s");
        }
    }

    @Test
    void replacementsOutsideTheWindowNoLongerCountAgainstTheBudget() {
        var clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        var failure = new Failure("processors");
        var supervisor = new StreamThreadSupervisor(new ThreadReplacements(1, Duration.ofMinutes(10)), failure, clock);
        var death = new IllegalStateException("the state directory's disk is full");

        assertThat(supervisor.handle(death)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(supervisor.issue()).startsWith("replaced 1 failed stream thread(s) in the last 600 s");
        clock.advance(Duration.ofMinutes(10).plusSeconds(1)); // the window has passed: the budget is whole again
        assertThat(supervisor.issue()).isNull();
        assertThat(supervisor.handle(death)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(failure.reason()).isNull();

        clock.advance(Duration.ofMinutes(9)); // a second death inside the window of the first: over the budget
        assertThat(supervisor.handle(death)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(failure.reason())
                .startsWith("a stream thread died after 1 replacements in 600 s")
                .contains("the state directory's disk is full");
    }
}
