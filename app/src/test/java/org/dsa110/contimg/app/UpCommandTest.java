package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.dsa110.contimg.events.FileEvent;
import org.dsa110.contimg.events.Samples;
import org.dsa110.contimg.events.config.KafkaSettings;
import org.dsa110.contimg.events.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contimg up} as a user runs it: a separate JVM, a {@code ready} line, Ctrl-C, and a second run on the
 * same home that finds the first run's data.
 */
class UpCommandTest {

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @Test
    void upIsReadyStopsCleanlyOnCtrlCAndKeepsItsDataAcrossARestart() throws Exception {
        int port = FreePorts.pick();
        int controllerPort = FreePorts.pick();
        String bootstrap = "127.0.0.1:" + port;
        String path = "/data/dsa110-contimg/" + UUID.randomUUID() + "/casa-20251104-101511.log";
        FileEvent event = Samples.casaLogCreated(path);

        RecordMetadata written;
        try (var first = Up.start(home, port, controllerPort)) {
            String ready = first.awaitLine("ready at");
            assertThat(ready).isEqualTo("contimg up: ready at " + bootstrap + " (Ctrl-C to stop)");
            assertThat(first.output()).anyMatch(l -> l.contains("new storage in " + home.resolve("kafka/data")))
                    .anyMatch(l -> l.equals("contimg up: 8 topics in place (8 created, 3 partitions each)"));
            System.out.printf("contimg up ready after %d ms%n", first.millisToReady());

            written = produce(bootstrap, path, event);
            first.signal("INT");
            assertThat(first.awaitExit()).isEqualTo(130);
            assertThat(first.output()).contains("contimg up: stopping", "contimg up: stopped");
            assertThat(first.errors()).noneMatch(UpCommandTest::isStackTrace);
        }
        assertThat(home.resolve("kafka/data/meta.properties")).exists();

        try (var second = Up.start(home, port, controllerPort)) {
            second.awaitLine("ready at");
            assertThat(second.output()).anyMatch(l -> l.contains("reusing storage in " + home.resolve("kafka/data")))
                    .anyMatch(l -> l.equals("contimg up: 8 topics in place (0 created, 3 partitions each)"));
            assertThat(readBack(bootstrap, written)).isEqualTo(event);
            second.signal("TERM");
            assertThat(second.awaitExit()).isEqualTo(143);
            assertThat(second.errors()).noneMatch(UpCommandTest::isStackTrace);
        }
    }

    private static boolean isStackTrace(String line) {
        return line.contains("Exception") || line.startsWith("\tat ") || line.startsWith("Caused by");
    }

    private static RecordMetadata produce(String bootstrap, String key, FileEvent event) throws Exception {
        var settings = KafkaSettings.forBootstrap(bootstrap);
        try (var producer = new KafkaProducer<>(settings.producer("test"), Topics.FS_EVENTS.keySerde().serializer(),
                Topics.FS_EVENTS.valueSerde().serializer())) {
            return producer.send(new ProducerRecord<>(Topics.FS_EVENTS.name(), key, event)).get();
        }
    }

    private static FileEvent readBack(String bootstrap, RecordMetadata written) {
        var settings = KafkaSettings.forBootstrap(bootstrap);
        var partition = new TopicPartition(written.topic(), written.partition());
        try (var consumer = new KafkaConsumer<>(settings.consumer(null, "test"),
                Topics.FS_EVENTS.keySerde().deserializer(), Topics.FS_EVENTS.valueSerde().deserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    return record.value();
                }
            }
        }
        throw new AssertionError("the record written before the restart is gone");
    }

    /** {@code java ... Contimg up} in a child JVM with this test's classpath. */
    private static final class Up implements AutoCloseable {
        private final Process process;
        private final long startedNanos = System.nanoTime();
        private final List<String> out = new ArrayList<>();
        private final List<String> err = new ArrayList<>();
        private volatile long readyNanos;

        private Up(Process process) {
            this.process = process;
            collect(process.getInputStream(), out);
            collect(process.getErrorStream(), err);
        }

        static Up start(Path home, int port, int controllerPort) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            var command = List.of(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    Contimg.class.getName(), "up", "--home", home.toString(),
                    "--kafka-port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort));
            Files.createDirectories(home);
            return new Up(new ProcessBuilder(command).start());
        }

        private static void collect(java.io.InputStream stream, List<String> lines) {
            CompletableFuture.runAsync(() -> {
                try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
        }

        String awaitLine(String containing) throws InterruptedException {
            long deadline = System.nanoTime() + READY_WITHIN.toNanos();
            synchronized (out) {
                while (System.nanoTime() < deadline) {
                    for (String line : out) {
                        if (line.contains(containing)) {
                            readyNanos = System.nanoTime();
                            return line;
                        }
                    }
                    if (!process.isAlive()) {
                        break;
                    }
                    out.wait(200);
                }
            }
            throw new AssertionError("no line containing '" + containing + "' within " + READY_WITHIN
                    + "; out: " + output() + "; err: " + errors());
        }

        long millisToReady() {
            return TimeUnit.NANOSECONDS.toMillis(readyNanos - startedNanos);
        }

        void signal(String name) throws Exception {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
        }

        int awaitExit() throws InterruptedException {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
            Thread.sleep(200); // let the readers drain the last lines
            return process.exitValue();
        }

        List<String> output() {
            synchronized (out) {
                return List.copyOf(out);
            }
        }

        List<String> errors() {
            synchronized (err) {
                return List.copyOf(err);
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
