package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.json.Json;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code contimg status} reading back what the components published on a real broker. */
@ExtendWith(SharedKafka.class)
class StatusCommandTest {

    private static KafkaSettings kafka;

    @BeforeAll
    static void topics(TestBroker shared) {
        kafka = shared.withContractTopics();
    }

    @Test
    void printsTheLatestSnapshotOfEveryComponentAndExitsOneWhileAnyIsUnhealthy() throws Exception {
        String run = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
        StatusSnapshot producer = snapshot(run + "producer@imager", Instant.now(), List.of());
        StatusSnapshot processors =
                snapshot(run + "processors@imager", Instant.now(), List.of("stream processing is ERROR"));
        try (var sender = new TopicSender(kafka.producer("test"))) {
            sender.publishStatus(snapshot(run + "producer@imager", Instant.now().minusSeconds(30), List.of()));
            sender.publishStatus(producer); // the newer one is the one shown
            sender.publishStatus(processors);
            sender.flush();
        }

        var table = status(run);
        assertThat(table.exit).isEqualTo(1);
        assertThat(table.out)
                .contains("COMPONENT")
                .contains(run + "producer@imager")
                .contains("1 issue(s):")
                .contains("  " + run + "processors@imager: stream processing is ERROR");

        var json = status("--json", run);
        List<StatusSnapshot> read =
                json.out.lines().map(StatusCommandTest::parse).toList();
        assertThat(read).containsExactly(processors, producer); // every component, by id, as published

        var retired = status("--retire", run + "processors@imager");
        assertThat(retired.exit).isZero();
        assertThat(retired.out).contains(run + "processors@imager retired");
        var healthy = status(run);
        assertThat(healthy.out).contains("all healthy").doesNotContain("processors@imager");
        assertThat(healthy.exit).isZero();
    }

    @Test
    void aComponentSilentForMoreThan2MinutesFailsTheCheck() throws Exception {
        String component = "t" + UUID.randomUUID().toString().substring(0, 8) + "-producer@imager";
        try (var sender = new TopicSender(kafka.producer("test"))) {
            sender.publishStatus(snapshot(component, Instant.now().minusSeconds(600), List.of()));
            sender.flush();
        }
        var result = status(component);
        assertThat(result.exit).isEqualTo(1);
        assertThat(result.out)
                // 600 s when published, and the seconds the command took to read it
                .containsPattern(Pattern.quote(component) + " has not reported for 6[0-9]{2} s")
                .contains("10 min");
    }

    @Test
    void nothingPublishedIsNotHealthy() throws Exception {
        var result = status("no-such-component-" + UUID.randomUUID());
        assertThat(result.exit).isEqualTo(1);
        assertThat(result.out).startsWith("no component matching [no-such-component-");
    }

    private record Run(int exit, String out) {}

    private static Run status(String... args) {
        var out = new StringWriter();
        String[] all = new String[args.length + 3];
        all[0] = "status";
        all[1] = "--bootstrap-servers";
        all[2] = kafka.bootstrapServers();
        System.arraycopy(args, 0, all, 3, args.length);
        int exit = Contimg.commandLine().setOut(new PrintWriter(out, true)).execute(all);
        return new Run(exit, out.toString());
    }

    private static StatusSnapshot parse(String line) {
        try {
            return Json.mapper().readValue(line, StatusSnapshot.class);
        } catch (Exception e) {
            throw new AssertionError("not a StatusSnapshot: " + line, e);
        }
    }

    private static StatusSnapshot snapshot(String component, Instant at, List<String> issues) {
        return new StatusSnapshot(
                StatusSnapshot.SCHEMA,
                component,
                "imager",
                at,
                at.minusSeconds(3600),
                true,
                issues.isEmpty(),
                issues,
                Map.of("events_published", 12),
                Map.of("watch_mode", "inotify"));
    }
}
