package org.dsa110.contimg.contract.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.service.Failure;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.testing.TopicTail;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one way every service reports: on a real broker, read back from {@code contimg.status}. */
@ExtendWith(SharedKafka.class)
class StatusReporterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaSettings kafka;

    @BeforeAll
    static void topics(TestBroker broker) {
        kafka = broker.withContractTopics();
    }

    @Test
    void reportsAtStartEveryIntervalAChangeOfIssuesAtOnceAndALastStatusOnClose() throws Exception {
        String component = "test@" + UUID.randomUUID();
        var issues = new AtomicReference<List<String>>(List.of());
        List<StatusSnapshot> handed = new CopyOnWriteArrayList<>();
        try (var tail = new TopicTail<>(kafka, Topics.STATUS);
                var sender = new TopicSender(kafka.producer("test-reporter"))) {
            var reporter = StatusReporter.of(
                            component,
                            running -> snapshot(component, running, issues.get()),
                            sender,
                            new Failure("test"))
                    .every(Duration.ofHours(1))
                    .checkingEvery(Duration.ofMillis(100))
                    .alsoTo(handed::add)
                    .build();
            reporter.start();
            tail.until(all -> ours(all, component).size() == 1, WAIT); // at start, then not for an hour
            issues.set(List.of("something is wrong"));
            List<StatusSnapshot> seen = tail.until(all -> ours(all, component).size() == 2, WAIT); // at the next check
            assertThat(ours(seen, component).get(1).issues()).containsExactly("something is wrong");
            assertThat(reporter.checks())
                    .as("the change was seen by a later check")
                    .isGreaterThanOrEqualTo(2);
            reporter.close();
            seen = tail.until(all -> ours(all, component).size() == 3, WAIT);
            StatusSnapshot last = ours(seen, component).get(2);
            assertThat(last.running()).as("the last status says it stopped").isFalse();
            assertThat(handed)
                    .as("every snapshot published went to the outlet first")
                    .hasSize(3);
            sender.send(Topics.STATUS, component, null, null);
        }
    }

    @Test
    void reportsAtLeastEveryInterval() throws Exception {
        String component = "test@" + UUID.randomUUID();
        try (var tail = new TopicTail<>(kafka, Topics.STATUS);
                var sender = new TopicSender(kafka.producer("test-reporter"));
                var reporter = StatusReporter.of(
                                component,
                                running -> snapshot(component, running, List.of()),
                                sender,
                                new Failure("test"))
                        .every(Duration.ofMillis(200))
                        .build()) {
            reporter.start();
            long since = System.nanoTime();
            tail.until(all -> ours(all, component).size() >= 5, WAIT);
            // Five at a 200 ms interval take under a second; the default (30 s) would have made one.
            assertThat((System.nanoTime() - since) / 1e9).isLessThan(10);
            sender.send(Topics.STATUS, component, null, null);
        }
    }

    @Test
    void aSnapshotThatKeepsFailingIsTheServicesFailure() throws Exception {
        var failure = new Failure("test");
        try (var sender = new TopicSender(kafka.producer("test-reporter"));
                var reporter = StatusReporter.of(
                                "test@" + UUID.randomUUID(),
                                running -> {
                                    throw new IllegalStateException("the database is gone");
                                },
                                sender,
                                failure)
                        .every(Duration.ofMillis(20))
                        .build()) {
            reporter.start();
            Awaitility.await().atMost(WAIT).until(() -> failure.reason() != null);
            assertThat(failure.reason())
                    .isEqualTo("the status check failed " + StatusReporter.MAX_FAILED_CHECKS
                            + " times in a row: the database is gone");
        }
    }

    private static List<StatusSnapshot> ours(List<StatusSnapshot> all, String component) {
        var ours = new ArrayList<StatusSnapshot>();
        for (StatusSnapshot s : all) {
            if (s != null && s.component().equals(component)) {
                ours.add(s);
            }
        }
        return ours;
    }

    private static StatusSnapshot snapshot(String component, boolean running, List<String> issues) {
        Instant now = Instant.now();
        return StatusSnapshot.of(component, "test", now, now, running, issues, Map.of(), Map.of());
    }
}
