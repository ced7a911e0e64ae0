package org.dsa110.contimg.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The systemd units in {@code ops/systemd}: what the issue asks of them, and {@code systemd-analyze verify}. */
class SystemdUnitsTest {

    private static final List<String> SERVICES = List.of("producer", "processors", "sink");

    @Test
    void eachServiceRestartsOnFailureAsItsOwnUserWithAReadOnlySystem() throws Exception {
        for (String name : SERVICES) {
            Map<String, List<String>> unit = unit("contimg-" + name + ".service");
            assertThat(unit.get("Restart")).as(name).containsExactly("on-failure");
            assertThat(unit.get("User")).as(name).containsExactly("contimg");
            assertThat(unit.get("ProtectSystem")).as(name).containsExactly("strict");
            assertThat(unit.get("EnvironmentFile")).as(name).containsExactly("/etc/contimg/contimg.env");
            assertThat(unit.get("TimeoutStopSec")).as(name).containsExactly("30");
            assertThat(unit)
                    .as(name + ": no watchdog, the services do not notify systemd")
                    .doesNotContainKey("WatchdogSec");
            assertThat(unit.get("Requires")).as(name).containsExactly("contimg-topics.service");
            assertThat(unit.get("ExecStart").get(0))
                    .isEqualTo("/usr/bin/java $JAVA_OPTS -jar /opt/contimg/contimg.jar " + name);
            assertThat(Project.subcommands()).contains(name);
        }
        assertThat(unit("contimg-topics.service").get("ExecStart").get(0)).endsWith("contimg.jar topics");
        assertThat(unit("contimg.target").get("Wants").get(0).split(" "))
                .containsExactlyInAnyOrder(
                        "contimg-topics.service",
                        "contimg-producer.service",
                        "contimg-processors.service",
                        "contimg-sink.service");
    }

    @Test
    void eachServiceMayWriteOnlyWhereItWrites() throws Exception {
        assertThat(unit("contimg-producer.service").get("ReadWritePaths"))
                .containsExactly("/data/dsa110-contimg/state/logs");
        assertThat(unit("contimg-processors.service").get("ReadWritePaths"))
                .containsExactly("/data/dsa110-contimg /stage/dsa110-contimg");
        assertThat(unit("contimg-sink.service").get("ReadWritePaths")).containsExactly("/data/dsa110-contimg/state");
    }

    @Test
    void theOptionalHourlyHousekeepingIsAOneShotOfTheRealCommandOnATimer() throws Exception {
        Map<String, List<String>> service = unit("contimg-housekeeping.service");
        assertThat(service.get("Type")).containsExactly("oneshot");
        assertThat(service.get("User")).containsExactly("contimg");
        assertThat(service.get("ProtectSystem")).containsExactly("strict");
        String exec = service.get("ExecStart").get(0);
        assertThat(exec).startsWith("/usr/bin/java $JAVA_OPTS -jar /opt/contimg/contimg.jar housekeeping ");
        assertThat(Project.subcommands()).contains("housekeeping");
        assertThat(service.get("ReadWritePaths")).containsExactly("/data/dsa110-contimg /stage/dsa110-contimg");
        Map<String, List<String>> timer = unit("contimg-housekeeping.timer");
        assertThat(timer.get("OnCalendar")).containsExactly("hourly");
        assertThat(timer.get("Unit")).containsExactly("contimg-housekeeping.service");
        // Optional: not part of contimg.target.
        assertThat(unit("contimg.target").get("Wants").get(0)).doesNotContain("housekeeping");
    }

    @Test
    void theEnvironmentFileSetsOnlyVariablesTheApplicationReads() throws Exception {
        var known = KnownEnvironment.names();
        for (String line : Files.readAllLines(dir().resolve("contimg.env"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertThat(known).contains(line.substring(0, line.indexOf('=')));
            }
        }
    }

    @Test
    void systemdAnalyzeVerifiesThemWithoutAWord() throws Exception {
        Path tool = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(tool), "systemd-analyze is not installed");
        List<String> command = new ArrayList<>(List.of(tool.toString(), "verify", "--man=no"));
        for (String file : List.of(
                "contimg.target",
                "contimg-topics.service",
                "contimg-producer.service",
                "contimg-processors.service",
                "contimg-sink.service",
                "contimg-housekeeping.service",
                "contimg-housekeeping.timer")) {
            command.add(dir().resolve(file).toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // verify exits 0 even for unknown keys and bad values; it says so, so silence is the test.
        assertThat(output).isEmpty();
        assertThat(process.exitValue()).isZero();
    }

    private static Path dir() {
        return Project.root().resolve("ops/systemd");
    }

    /** Key to values, across sections (the keys checked here appear in one section each). */
    private static Map<String, List<String>> unit(String file) throws Exception {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir().resolve(file))) {
            int equals = line.indexOf('=');
            if (equals > 0 && !line.startsWith("#") && !line.startsWith("[")) {
                keys.computeIfAbsent(line.substring(0, equals), k -> new ArrayList<>())
                        .add(line.substring(equals + 1));
            }
        }
        return keys;
    }
}
