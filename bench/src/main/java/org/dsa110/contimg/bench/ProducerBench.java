package org.dsa110.contimg.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.producer.IncludeFilter;
import org.dsa110.contimg.producer.ProducerService;
import org.dsa110.contimg.producer.ProducerSettings;

/**
 * The producer's benchmark scenarios, on a real tree and a real broker:
 * <ol>
 *   <li>scan: start-up of a producer on a tree of {@code dirs} directories holding {@code entries} entries in all,
 *       one CASA log per directory (the rest are names nobody acts on), watches registered as it goes;</li>
 *   <li>throughput: {@code --publish-all} start-up on the same tree, every entry an event, timed until the broker
 *       acknowledged the last one;</li>
 *   <li>latency: single CASA logs created one at a time under live watching, from just before the file is
 *       created to the broker's acknowledgement of its event.</li>
 * </ol>
 */
final class ProducerBench {

    record Figures(
            List<Double> scanSeconds,
            long scanEntries,
            List<Double> eventsPerSecond,
            long events,
            double latencyP50Ms,
            double latencyP99Ms,
            int latencySamples,
            double peakHeapMiB) {}

    private final KafkaSettings kafka;
    private final Path work;
    private final int dirs;
    private final int entries;
    private final PrintWriter out;

    ProducerBench(KafkaSettings kafka, Path work, int dirs, int entries, PrintWriter out) {
        this.kafka = kafka;
        this.work = work;
        this.dirs = dirs;
        this.entries = entries;
        this.out = out;
    }

    Figures run(int runs, int latencyFiles) throws Exception {
        PipelinePaths paths =
                PipelinePaths.resolve(new PipelinePaths.Flags(work, null, null, null, null, null, null), Map.of());
        buildTree(paths.root());
        Files.createDirectories(paths.incoming());
        Files.createDirectories(paths.scratch());
        Stats.resetPeakHeap();

        var base = ProducerSettings.defaults(paths, "bench");
        List<Double> scans = new ArrayList<>();
        long total = 0;
        for (int run = 1; run <= runs; run++) {
            long began = System.nanoTime();
            try (var producer = new ProducerService(base, kafka)) {
                producer.start();
                double seconds = (System.nanoTime() - began) / 1e9;
                scans.add(seconds);
                total = ((Number) producer.status().metrics().get("last_scan_entries")).longValue();
                out.printf(
                        "scan run %d: %d entries in %.2f s (%d directories watched)%n",
                        run, total, seconds, producer.watchedDirectories());
                out.flush();
            }
        }

        List<Double> rates = new ArrayList<>();
        long events = 0;
        for (int run = 1; run <= runs; run++) {
            var acked = new AtomicLong();
            long began = System.nanoTime();
            try (var producer = new ProducerService(
                    base.withFilter(IncludeFilter.everything()).withPolling(true, Duration.ofHours(1)), kafka)) {
                producer.addAckListener((event, at) -> acked.incrementAndGet());
                producer.start();
                long published = ((Number) producer.status().metrics().get("events_published")).longValue();
                while (acked.get() < published) {
                    Thread.sleep(5);
                }
                double seconds = (System.nanoTime() - began) / 1e9;
                rates.add(published / seconds);
                events = published;
                out.printf(
                        "throughput run %d: %d events acknowledged in %.2f s = %.0f events/s%n",
                        run, published, seconds, published / seconds);
                out.flush();
            }
        }

        List<Double> latencies = latency(base, paths.root(), latencyFiles);
        return new Figures(
                scans,
                total,
                rates,
                events,
                Stats.percentile(latencies, 50),
                Stats.percentile(latencies, 99),
                latencies.size(),
                Stats.peakHeapMiB());
    }

    private List<Double> latency(ProducerSettings base, Path root, int files) throws Exception {
        Path dir = Files.createDirectories(root.resolve("latency"));
        var createdAt = new ConcurrentHashMap<String, Long>();
        List<Double> millis = new CopyOnWriteArrayList<>();
        try (var producer = new ProducerService(base, kafka)) {
            producer.addAckListener((event, at) -> {
                Long t0 = createdAt.remove(event.path());
                if (t0 != null) {
                    millis.add((at - t0) / 1e6);
                }
            });
            producer.start();
            for (int i = 0; i < files; i++) {
                Path file = dir.resolve(String.format("casa-%08d.log", i));
                createdAt.put(file.toString(), System.nanoTime());
                Files.createFile(file);
                Thread.sleep(10);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (millis.size() < files && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        out.printf("latency: %d of %d files acknowledged%n", millis.size(), files);
        if (millis.size() < files) {
            throw new IllegalStateException((files - millis.size()) + " files were never published");
        }
        return millis;
    }

    /** Makes the tree once; a later run with the same work directory reuses it. */
    private void buildTree(Path root) throws IOException {
        Path done = root.resolveSibling("tree-" + dirs + "x" + entries + ".done");
        int perDir = Math.max(1, (entries - dirs) / dirs);
        if (Files.exists(done)) {
            return;
        }
        out.printf("building a tree of %d directories x %d files under %s ...%n", dirs, perDir, root);
        out.flush();
        long began = System.nanoTime();
        for (int d = 0; d < dirs; d++) {
            // Two levels, as the data tree has: 100 date directories of measurement sets.
            Path dir = Files.createDirectories(root.resolve(String.format("d%03d/ms%05d", d % 100, d)));
            Files.createFile(dir.resolve(String.format("casa-20251104-%06d.log", d)));
            for (int f = 1; f < perDir; f++) {
                Files.createFile(dir.resolve(String.format("table.f%d", f)));
            }
        }
        Files.createFile(done);
        out.printf("built in %.1f s%n", (System.nanoTime() - began) / 1e9);
    }
}
