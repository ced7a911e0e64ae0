package org.dsa110.contimg.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dsa110.contimg.pointing.PointingExtractor;

/**
 * Header extraction timing with a warm JVM: per-file time (median, p99) over repeated reads of each file, then
 * files per second with one thread per core reading the files round-robin.
 */
final class ExtractBench {

    record Figures(double medianMs, double p99Ms, int samples, double filesPerSecond, int threads) {}

    private final PointingExtractor extraction = new PointingExtractor(Duration.ofDays(1));

    Figures run(List<Path> files, int repetitions, Duration throughputTime) throws Exception {
        // Warm-up: the JIT compiles jhdf's and jsofa's paths before anything is timed. As long as the throughput
        // run: 200 reads (the first version) left the per-file figure measuring code C2 had not compiled yet.
        long warmUntil = System.nanoTime() + throughputTime.toNanos();
        while (System.nanoTime() < warmUntil) {
            for (Path file : files) {
                extraction.extract(file);
            }
        }
        List<Double> millis = new ArrayList<>();
        for (int r = 0; r < repetitions; r++) {
            for (Path file : files) {
                long began = System.nanoTime();
                extraction.extract(file);
                millis.add((System.nanoTime() - began) / 1e6);
            }
        }
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var stop = new AtomicBoolean();
        List<Future<Long>> counts = new ArrayList<>();
        long began = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            counts.add(pool.submit(() -> {
                var own = new PointingExtractor(Duration.ofDays(1));
                long done = 0;
                for (int i = offset; !stop.get(); i++) {
                    own.extract(files.get(i % files.size()));
                    done++;
                }
                return done;
            }));
        }
        Thread.sleep(throughputTime.toMillis());
        stop.set(true);
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        return new Figures(Stats.median(millis), Stats.percentile(millis, 99), millis.size(), total / seconds, threads);
    }
}
