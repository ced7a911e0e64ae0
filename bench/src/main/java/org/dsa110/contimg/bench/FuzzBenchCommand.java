package org.dsa110.contimg.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code contimg bench fuzz}: the long run of the UVH5 reader's fuzzing ({@link FuzzBench}). */
@Command(
        name = "fuzz",
        mixinStandardHelpOptions = true,
        description = "The UVH5 reader against seeded hostile mutations of the given files (bit flips, byte runs, "
                + "cuts at every structure boundary, inflated counts, swapped datatypes, splices): every case must "
                + "give a pointing or a one-line error within the hang bound and the allocation bound. Prints the "
                + "violations with the seed that makes each again; exits 1 if there is one. No broker needed.")
final class FuzzBenchCommand implements Callable<Integer> {

    @CommandLine.Parameters(paramLabel = "FILE", arity = "1..*", description = "UVH5 files to mutate.")
    List<Path> files;

    @Option(
            names = "--cases",
            defaultValue = "1000000",
            description = "Cases to run at most (default ${DEFAULT-VALUE}).")
    int cases;

    @Option(names = "--minutes", defaultValue = "60", description = "Time to run at most (default ${DEFAULT-VALUE}).")
    long minutes;

    @Option(names = "--seed", defaultValue = "1", description = "The first case's seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--hang-seconds",
            defaultValue = "10",
            description = "A case not answered within this is a hang (default ${DEFAULT-VALUE}).")
    long hangSeconds;

    @Option(
            names = "--max-allocated-mib",
            defaultValue = "64",
            description = "A case allocating more is a violation (default ${DEFAULT-VALUE}).")
    long maxAllocatedMib;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("contimg-fuzz");
        try {
            var figures = new FuzzBench(work, Duration.ofSeconds(hangSeconds), maxAllocatedMib << 20)
                    .run(files, seed, cases, Duration.ofMinutes(minutes));
            for (var v : figures.violations()) {
                out.printf("VIOLATION %s (%s): %s%n", v.source(), v.mutation(), v.what());
            }
            out.printf(
                    "fuzz of %d file(s) from seed %d, %s: %d cases in %.0f s (%d pointings, %d one-line errors, %d"
                            + " violations); per case median %.2f ms, p99 %.2f ms, max %.0f ms; at most %.1f MiB"
                            + " allocated by one case%n",
                    files.size(),
                    seed,
                    Stats.machine(),
                    figures.cases(),
                    figures.seconds(),
                    figures.pointings(),
                    figures.errors(),
                    figures.violations().size(),
                    figures.medianMs(),
                    figures.p99Ms(),
                    figures.maxMs(),
                    figures.maxAllocatedMiB());
            out.flush();
            return figures.violations().isEmpty() ? 0 : 1;
        } finally {
            try (var entries = Files.list(work)) {
                for (Path p : entries.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
    }
}
