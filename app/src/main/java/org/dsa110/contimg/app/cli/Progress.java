package org.dsa110.contimg.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long command: a progress bar (me.tongfei:progressbar, on standard error) when a person watches a
 * terminal, otherwise a plain line every {@link #EVERY} on the command's output, which a log or a journal keeps
 * readable.
 */
public final class Progress implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(5);

    private final String task;
    private final ProgressBar bar;
    private final PrintWriter out;
    private long max;
    private long done;
    private long lastLine = System.nanoTime();

    private Progress(String task, long max, ProgressBar bar, PrintWriter out) {
        this.task = task;
        this.max = max;
        this.bar = bar;
        this.out = out;
    }

    /** A bar when standard output is a terminal, lines otherwise. */
    public static Progress of(String task, long max, PrintWriter out) {
        if (System.console() != null) {
            return new Progress(
                    task,
                    max,
                    new ProgressBarBuilder()
                            .setTaskName(task)
                            .setInitialMax(max)
                            .setStyle(ProgressBarStyle.ASCII)
                            .setUpdateIntervalMillis(200)
                            .build(),
                    out);
        }
        return new Progress(task, max, null, out);
    }

    public void stepTo(long value) {
        done = value;
        if (bar != null) {
            bar.stepTo(value);
        } else if (System.nanoTime() - lastLine >= EVERY.toNanos()) {
            line();
            lastLine = System.nanoTime();
        }
    }

    public void maxHint(long value) {
        max = value;
        if (bar != null) {
            bar.maxHint(value);
        }
    }

    private void line() {
        out.printf("%s: %d of %d (%.0f %%)%n", task, done, max, max == 0 ? 100.0 : 100.0 * done / max);
        out.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        } else {
            line();
        }
    }
}
