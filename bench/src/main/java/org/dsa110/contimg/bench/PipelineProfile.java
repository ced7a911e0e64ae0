package org.dsa110.contimg.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A CPU profile of the pipeline's JVM over one measured window: async-profiler (its {@code libasyncProfiler.so},
 * from Maven Central's {@code tools.profiler:async-profiler:4.2:linux-x64} jar) loaded into the running JVM with
 * {@code jcmd JVMTI.agent_load}, started before the window and stopped after it, so start-up, the warm-up and idle
 * time stay out. Writes the collapsed stacks (thread first, one line per stack) and prints each thread's share.
 */
final class PipelineProfile {

    private final long pid;
    private final Path library;

    private PipelineProfile(long pid, Path library) {
        this.pid = pid;
        this.library = library;
    }

    /** Starts sampling the CPU of process {@code pid} every millisecond, per thread. */
    static PipelineProfile start(long pid, Path library) throws IOException, InterruptedException {
        if (!Files.isRegularFile(library)) {
            throw new IllegalArgumentException("no async-profiler library at " + library);
        }
        var profile = new PipelineProfile(pid, library.toAbsolutePath());
        profile.command("start,event=cpu,interval=1ms,threads");
        return profile;
    }

    /** Stops sampling and writes the collapsed stacks to {@code collapsed}. */
    void stop(Path collapsed, PrintWriter out) throws IOException, InterruptedException {
        command("stop,collapsed,file=" + collapsed.toAbsolutePath());
        Map<String, Long> byThread = new HashMap<>();
        long total = 0;
        for (String line : Files.readAllLines(collapsed, StandardCharsets.UTF_8)) {
            int count = line.lastIndexOf(' ');
            int thread = line.indexOf(';');
            if (count < 0 || thread < 0) {
                continue;
            }
            long samples = Long.parseLong(line.substring(count + 1));
            // "[name tid=123]": threads of one kind differ by numbers only, so digits are folded together.
            String name = line.substring(0, thread).replaceAll(" tid=\\d+", "").replaceAll("\\d+", "N");
            byThread.merge(name, samples, Long::sum);
            total += samples;
        }
        out.printf("profile: %d CPU samples (1 ms each) in %s; by thread:%n", total, collapsed);
        long all = total;
        byThread.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12)
                .forEach(e -> out.printf("  %5.1f %%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
        out.flush();
    }

    /**
     * The CPU seconds (user + system) the JIT compiler threads of process {@code pid} have used so far, from
     * {@code /proc/PID/task/*}; NaN without a pid. A compiler thread the JVM retired takes its time with it, so
     * over a window this is at most what the compilers used.
     */
    static double compilerSeconds(Long pid) throws IOException {
        if (pid == null) {
            return Double.NaN;
        }
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", pid.toString(), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        continue; // "C2 CompilerThre", "C1 CompilerThre": the name cut at 15 characters
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (NoSuchFileException e) {
                    // the thread ended while being read
                }
            }
        }
        return ticks / 100.0; // USER_HZ: 100 on Linux
    }

    private static String jcmd(long pid, String... arguments) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(pid));
        command.addAll(List.of(arguments));
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IOException(
                    "jcmd " + String.join(" ", arguments) + " in process " + pid + " failed: " + output.trim());
        }
        return output;
    }

    private void command(String arguments) throws IOException, InterruptedException {
        // Quoted: jcmd's own parser would split the agent's options at "=".
        String output = jcmd(pid, "JVMTI.agent_load", library.toString(), '"' + arguments + '"');
        if (!output.contains("return code: 0")) {
            throw new IOException("async-profiler " + arguments + " in process " + pid + " failed: " + output.trim());
        }
    }
}
