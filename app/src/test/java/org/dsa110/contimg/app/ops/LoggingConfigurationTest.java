package org.dsa110.contimg.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployment logging configurations in {@code ops/logging}, loaded by logback as a service would load them. */
class LoggingConfigurationTest {

    @TempDir
    Path state;

    @Test
    void systemdWritesOneFilePerServiceUnderTheStateDirectory() throws Exception {
        LoggerContext context = new LoggerContext();
        context.putProperty("PIPELINE_STATE_DIR", state.toString());
        context.putProperty("CONTIMG_SERVICE", "sink");
        configure(context, "logback-systemd.xml");
        context.getLogger("org.dsa110.contimg.sink.write.PointingSink").info("pointing database open");
        context.getLogger("org.dsa110.contimg.sink.write.PointingSink").debug("not at INFO");
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .filteredOn(s -> s.getLevel() >= Status.WARN)
                .isEmpty();
        context.stop();
        String written = Files.readString(state.resolve("logs/contimg-sink.log"));
        assertThat(written)
                .contains("INFO  [")
                .contains("PointingSink - pointing database open")
                .doesNotContain("not at INFO");
    }

    @Test
    void jsonIsOneObjectPerLine() throws Exception {
        PrintStream original = System.err;
        var captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LoggerContext context = new LoggerContext();
            configure(context, "logback-json.xml");
            context.getLogger("org.dsa110.contimg.producer.ProducerService")
                    .warn("watched directory {} is missing", "/data/incoming");
            context.stop();
        } finally {
            System.setErr(original);
        }
        String line = captured.toString(StandardCharsets.UTF_8).strip();
        JsonNode event = new ObjectMapper().readTree(line);
        assertThat(event.get("level").asText()).isEqualTo("WARN");
        assertThat(event.get("loggerName").asText()).isEqualTo("org.dsa110.contimg.producer.ProducerService");
        assertThat(event.get("formattedMessage").asText()).isEqualTo("watched directory /data/incoming is missing");
    }

    /** Loads the file and fails on any warning or error logback reports about it. */
    private static void configure(LoggerContext context, String file) throws Exception {
        context.setMDCAdapter(new LogbackMDCAdapter()); // what SLF4J's binding gives the context it creates
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(
                Project.root().resolve("ops/logging").resolve(file).toFile());
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .filteredOn(s -> s.getLevel() >= Status.WARN)
                .as(file + " loads cleanly")
                .isEmpty();
    }
}
