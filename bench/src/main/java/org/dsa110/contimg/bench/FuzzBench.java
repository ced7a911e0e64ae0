package org.dsa110.contimg.bench;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dsa110.contimg.fixtures.UvH5Mutations;
import org.dsa110.contimg.pointing.PointingExtractor;
import org.dsa110.contimg.pointing.UvH5Header.UvH5Exception;

/**
 * The UVH5 reader against hostile inputs ({@link UvH5Mutations}): every case must give a pointing or a one-line
 * {@link UvH5Exception}, within the hang bound and an allocation bound, never an {@code Error}, never another
 * exception. A case that does not is a <em>violation</em>, reported with the source file and the seed that make it
 * again. The bounded run in {@code mvn verify} ({@code UvH5FuzzTest}) and the long run
 * ({@code contimg bench fuzz}) are this one harness.
 *
 * <p>Allocation, not heap in use, is bounded: the bytes the reading thread allocated during the case
 * ({@code ThreadMXBean.getThreadAllocatedBytes}), what a header that asks for gigabytes would show first.
 */
public final class FuzzBench {

    /** A case that broke the property. */
    public record Violation(String source, String mutation, String what) {}

    /** A run's figures. */
    public record Figures(
            int cases,
            int pointings,
            int errors,
            List<Violation> violations,
            double medianMs,
            double p99Ms,
            double maxMs,
            double maxAllocatedMiB,
            double seconds) {}

    private final PointingExtractor extractor = new PointingExtractor(Duration.ofDays(1));
    private final Path work;
    private final Duration hang;
    private final long maxAllocatedBytes;
    private ExecutorService reader = newReader();

    /**
     * @param work              where each case is written before it is read
     * @param hang              a case still running after this is a hang
     * @param maxAllocatedBytes a case allocating more is a violation
     */
    public FuzzBench(Path work, Duration hang, long maxAllocatedBytes) {
        this.work = work;
        this.hang = hang;
        this.maxAllocatedBytes = maxAllocatedBytes;
    }

    /**
     * Truncations at the structure boundaries of the sources in turn (at most half the cases), then seeded cases
     * from {@code firstSeed} on, spread over the sources in turn, until {@code cases} cases or {@code time} have run.
     */
    public Figures run(List<Path> sources, long firstSeed, int cases, Duration time) throws Exception {
        var times = new ArrayList<Double>();
        var violations = new ArrayList<Violation>();
        int[] outcomes = new int[2];
        double[] maxAllocated = {0};
        long began = System.nanoTime();
        long deadline = began + time.toNanos();
        var mutations = new ArrayList<UvH5Mutations>();
        for (Path source : sources) {
            mutations.add(new UvH5Mutations(Files.readAllBytes(source)));
        }
        // Cuts at structure boundaries first, the sources in turn, for at most half of the cases.
        var cuts = new ArrayList<List<UvH5Mutations.Mutant>>();
        for (var m : mutations) {
            cuts.add(m.truncations());
        }
        int done = 0;
        for (int i = 0; done < cases / 2 && System.nanoTime() < deadline; i++) {
            boolean any = false;
            for (int s = 0; s < sources.size() && done < cases / 2; s++) {
                if (i < cuts.get(s).size()) {
                    any = true;
                    done++;
                    check(sources.get(s), cuts.get(s).get(i), times, violations, outcomes, maxAllocated);
                }
            }
            if (!any) {
                break;
            }
        }
        for (long seed = firstSeed; done < cases && System.nanoTime() < deadline; seed++, done++) {
            int s = (int) Math.floorMod(seed, (long) sources.size());
            check(sources.get(s), mutations.get(s).mutant(seed), times, violations, outcomes, maxAllocated);
        }
        reader.shutdownNow();
        return new Figures(
                times.size(),
                outcomes[0],
                outcomes[1],
                violations,
                Stats.median(times),
                Stats.percentile(times, 99),
                times.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                maxAllocated[0] / (1 << 20),
                (System.nanoTime() - began) / 1e9);
    }

    private void check(
            Path source,
            UvH5Mutations.Mutant mutant,
            List<Double> times,
            List<Violation> violations,
            int[] outcomes,
            double[] maxAllocated)
            throws IOException, InterruptedException {
        // The source's own name: the extractor compares a correlator name's time with the header's.
        Path file = work.resolve(source.getFileName());
        Files.write(file, mutant.bytes());
        long began = System.nanoTime();
        Future<Case> future = reader.submit(() -> read(file));
        Case result;
        try {
            result = future.get(hang.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            violations.add(new Violation(source.toString(), mutant.description(), "no answer within " + hang));
            reader.shutdownNow();
            reader = newReader(); // the stuck one is left behind, a daemon
            return;
        } catch (ExecutionException e) {
            result = new Case(null, e.getCause(), 0);
        }
        times.add((System.nanoTime() - began) / 1e6);
        maxAllocated[0] = Math.max(maxAllocated[0], result.allocated());
        String what = result.violation(maxAllocatedBytes);
        if (what != null) {
            violations.add(new Violation(source.toString(), mutant.description(), what));
        } else if (result.failure() == null) {
            outcomes[0]++;
        } else {
            outcomes[1]++;
        }
    }

    private Case read(Path file) {
        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean(); // HotSpot's, with allocation counts
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        Throwable failure = null;
        Object pointing = null;
        try {
            pointing = extractor.extract(file);
        } catch (Throwable t) { // the property is about exactly this: whatever escapes is looked at
            failure = t;
        }
        return new Case(pointing, failure, threads.getThreadAllocatedBytes(id) - before);
    }

    /** What one case gave: a pointing, or what was thrown, and what the reading thread allocated meanwhile. */
    private record Case(Object pointing, Throwable failure, long allocated) {
        String violation(long maxAllocated) {
            if (allocated > maxAllocated) {
                return "allocated " + allocated / (1 << 20) + " MiB";
            }
            if (failure == null) {
                return pointing == null ? "neither a pointing nor an error" : null;
            }
            if (!(failure instanceof UvH5Exception)) {
                return "threw " + failure.getClass().getName() + ": " + failure.getMessage();
            }
            String message = failure.getMessage();
            if (message == null || message.isBlank() || message.contains("\n")) {
                return "an error that is not one line: " + message;
            }
            return null;
        }
    }

    private static ExecutorService newReader() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fuzz-reader");
            thread.setDaemon(true);
            return thread;
        });
    }
}
